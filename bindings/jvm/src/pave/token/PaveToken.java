package pave.token;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * PAVE API access tokens from the pave-token Rust crate, through JNI:
 *
 * <pre>token = lowercase_hex(HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp))</pre>
 *
 * Strings are signed as UTF-8; the {@code byte[]} overloads take raw bytes (copied before
 * anything is computed). A null argument is a {@link NullPointerException}; errors of the
 * library are {@link PaveException}s. Every method is thread-safe. No dependency but the
 * native library, which the jar carries ({@link Native} says where it is looked for).
 */
public final class PaveToken {
    /** Bytes of a token buffer: 64 hex digits and a NUL ({@code PAVE_TOKEN_SIZE}). */
    public static final int TOKEN_SIZE = 65;
    /** Bytes of a timestamp buffer ({@code PAVE_TIMESTAMP_SIZE}). */
    public static final int TIMESTAMP_SIZE = 32;

    private PaveToken() {
    }

    static byte[] utf8(String text, String name) {
        return Objects.requireNonNull(text, name).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] raw(byte[] bytes, String name) {
        return Objects.requireNonNull(bytes, name);
    }

    static TimeFormat format(TimeFormat format) {
        return Objects.requireNonNull(format, "format");
    }

    /** The token for one request; send {@code timestamp} unchanged as {@code API-Timestamp}. */
    public static String token(String username, String apiKey, String timestamp, String apiSecret) {
        return Native.token(utf8(username, "username"), utf8(apiKey, "apiKey"), utf8(timestamp, "timestamp"),
            utf8(apiSecret, "apiSecret"));
    }

    /** {@link #token(String, String, String, String)} over raw bytes. */
    public static String token(byte[] username, byte[] apiKey, byte[] timestamp, byte[] apiSecret) {
        return Native.token(raw(username, "username"), raw(apiKey, "apiKey"), raw(timestamp, "timestamp"),
            raw(apiSecret, "apiSecret"));
    }

    /** Signs "now" as RFC 3339. */
    public static SignedNow tokenNow(String username, String apiKey, String apiSecret) {
        return tokenNow(username, apiKey, apiSecret, TimeFormat.RFC3339);
    }

    /** Signs "now" in {@code format}: the timestamp and its token; send exactly that timestamp. */
    public static SignedNow tokenNow(String username, String apiKey, String apiSecret, TimeFormat format) {
        return new SignedNow(Native.tokenNow(utf8(username, "username"), utf8(apiKey, "apiKey"),
            utf8(apiSecret, "apiSecret"), format(format).code));
    }

    /** Whether {@code token} (either hex case) signs these inputs; compared in constant time. */
    public static boolean verify(String username, String apiKey, String timestamp, String apiSecret, String token) {
        return Native.verify(utf8(username, "username"), utf8(apiKey, "apiKey"), utf8(timestamp, "timestamp"),
            utf8(apiSecret, "apiSecret"), utf8(token, "token"));
    }

    /** {@link #verify(String, String, String, String, String)} over raw bytes. */
    public static boolean verify(byte[] username, byte[] apiKey, byte[] timestamp, byte[] apiSecret, byte[] token) {
        return Native.verify(raw(username, "username"), raw(apiKey, "apiKey"), raw(timestamp, "timestamp"),
            raw(apiSecret, "apiSecret"), raw(token, "token"));
    }

    /** Now, as RFC 3339. */
    public static String timestamp() {
        return timestamp(null, TimeFormat.RFC3339, 0);
    }

    /** {@code unixSeconds} (null: now) as RFC 3339. */
    public static String timestamp(Long unixSeconds) {
        return timestamp(unixSeconds, TimeFormat.RFC3339, 0);
    }

    /** {@code unixSeconds} (null: now) in {@code format}. */
    public static String timestamp(Long unixSeconds, TimeFormat format) {
        return timestamp(unixSeconds, format, 0);
    }

    /** {@code unixSeconds} (null: now) in {@code format}; {@code millis} (0..999) is used by RFC3339_MILLIS. */
    public static String timestamp(Long unixSeconds, TimeFormat format, int millis) {
        return Native.timestamp(unixSeconds == null, unixSeconds == null ? 0 : unixSeconds, millis, format(format).code);
    }

    /** Unix seconds (the floor of the instant) of an RFC 3339 or Unix-seconds timestamp. */
    public static long parseTimestamp(String timestamp) {
        return Native.parseTimestamp(utf8(timestamp, "timestamp"));
    }

    /** The three headers of a request signed now, as RFC 3339. */
    public static Map<String, String> signHeaders(String username, String apiKey, String apiSecret) {
        return signHeaders(username, apiKey, apiSecret, TimeFormat.RFC3339);
    }

    /** The three headers of a request signed now: {@code API-Key}, {@code API-Token}, {@code API-Timestamp}. */
    public static Map<String, String> signHeaders(String username, String apiKey, String apiSecret, TimeFormat format) {
        return headers(apiKey, tokenNow(username, apiKey, apiSecret, format));
    }

    static Map<String, String> headers(String apiKey, SignedNow now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("API-Key", apiKey);
        headers.put("API-Token", now.getToken());
        headers.put("API-Timestamp", now.getTimestamp());
        return Collections.unmodifiableMap(headers);
    }

    /** The library's version. */
    public static String version() {
        return Native.version();
    }
}
