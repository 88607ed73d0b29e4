package pave.token;

import java.io.Closeable;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One account's credentials, hashed once: each token then costs less than
 * {@link PaveToken#token(String, String, String, String)}. Thread-safe. {@link #close()}
 * drops it and wipes its key material (twice is fine; a token after it throws
 * {@link IllegalStateException}); use try-with-resources, or Kotlin's {@code use { }}.
 * The native side knows it by a number it looks up, so a closed signer is only ever "closed".
 * A signer that is never closed is released, and wiped, once it is collected.
 */
public final class Signer implements Closeable {
    /** The native signers of collected Signers, freed by one daemon thread (Java 8 has no Cleaner). */
    private static final ReferenceQueue<Signer> COLLECTED = new ReferenceQueue<>();
    /** Keeps each Release reachable until it has run. */
    private static final Set<Release> PENDING = Collections.newSetFromMap(new ConcurrentHashMap<>());

    static {
        Thread releaser = new Thread(Signer::releaseCollected, "pave-token signer release");
        releaser.setDaemon(true);
        releaser.start();
    }

    private static final class Release extends PhantomReference<Signer> {
        final long handle;

        Release(Signer signer, long handle) {
            super(signer, COLLECTED);
            this.handle = handle;
        }

        void run() {
            Native.signerFree(handle);
            PENDING.remove(this);
        }
    }

    private static void releaseCollected() {
        while (true) {
            try {
                ((Release) COLLECTED.remove()).run();
            } catch (InterruptedException e) {
                // a daemon thread: keep serving until the JVM ends
            }
        }
    }

    private final long handle;
    private final String apiKey;
    private final Release release;

    public Signer(String username, String apiKey, String apiSecret) {
        this.handle = Native.signerNew(PaveToken.utf8(username, "username"), PaveToken.utf8(apiKey, "apiKey"),
            PaveToken.utf8(apiSecret, "apiSecret"));
        this.apiKey = apiKey;
        this.release = new Release(this, handle);
        PENDING.add(release);
    }

    /** The token for {@code timestamp}, as {@link PaveToken#token(String, String, String, String)} makes it. */
    public String token(String timestamp) {
        return Native.signerToken(this, handle, PaveToken.utf8(timestamp, "timestamp"));
    }

    /** {@link #token(String)} over raw bytes. */
    public String token(byte[] timestamp) {
        return Native.signerToken(this, handle, PaveToken.raw(timestamp, "timestamp"));
    }

    /** Signs "now" as RFC 3339. */
    public SignedNow tokenNow() {
        return tokenNow(TimeFormat.RFC3339);
    }

    /** Signs "now" in {@code format}. */
    public SignedNow tokenNow(TimeFormat format) {
        return new SignedNow(Native.signerTokenNow(this, handle, PaveToken.format(format).code));
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
        release.clear();
        release.run();
    }
}
