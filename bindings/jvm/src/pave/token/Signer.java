package pave.token;

import java.io.Closeable;
import java.util.Map;

/**
 * One account's credentials, hashed once: each token then costs less than
 * {@link PaveToken#token(String, String, String, String)}. Thread-safe. {@link #close()}
 * drops it and wipes its key material (twice is fine; a token after it throws
 * {@link IllegalStateException}); use try-with-resources, or Kotlin's {@code use { }}.
 * The native side knows it by a number it looks up, so a closed signer is only ever "closed".
 */
public final class Signer implements Closeable {
    private final long handle;
    private final String apiKey;

    public Signer(String username, String apiKey, String apiSecret) {
        this.handle = Native.signerNew(PaveToken.utf8(username, "username"), PaveToken.utf8(apiKey, "apiKey"),
            PaveToken.utf8(apiSecret, "apiSecret"));
        this.apiKey = apiKey;
    }

    /** The token for {@code timestamp}, as {@link PaveToken#token(String, String, String, String)} makes it. */
    public String token(String timestamp) {
        return Native.signerToken(handle, PaveToken.utf8(timestamp, "timestamp"));
    }

    /** {@link #token(String)} over raw bytes. */
    public String token(byte[] timestamp) {
        return Native.signerToken(handle, PaveToken.raw(timestamp, "timestamp"));
    }

    /** Signs "now" as RFC 3339. */
    public SignedNow tokenNow() {
        return tokenNow(TimeFormat.RFC3339);
    }

    /** Signs "now" in {@code format}. */
    public SignedNow tokenNow(TimeFormat format) {
        return new SignedNow(Native.signerTokenNow(handle, PaveToken.format(format).code));
    }

    /** The three headers of a request signed now, as RFC 3339. */
    public Map<String, String> signHeaders() {
        return signHeaders(TimeFormat.RFC3339);
    }

    /** The three headers of a request signed now in {@code format}. */
    public Map<String, String> signHeaders(TimeFormat format) {
        return PaveToken.headers(apiKey, tokenNow(format));
    }

    /** Drops the signer and wipes its key material; later tokens throw. */
    @Override
    public void close() {
        Native.signerFree(handle);
    }
}
