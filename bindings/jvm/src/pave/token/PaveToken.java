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
    /** PAVE's limit on a token's age, either way (its tokens expire within 5 minutes): verifyFresh's default. */
    public static final long MAX_SKEW_SECONDS = 300;

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

    /**
     * {@link #verify(String, String, String, String, String) verify}, and {@code timestamp} within
     * {@link #MAX_SKEW_SECONDS} of the system clock. Returns true, or throws a {@link PaveException}
     * whose status is the reason: {@link Status#TOKEN_MISMATCH} (checked first, in constant time,
     * whatever the timestamp), {@link Status#INVALID_TIMESTAMP}, {@link Status#TIMESTAMP_SKEW}; never
     * false, so a caller that ignores the result still rejects.
     */
    public static boolean verifyFresh(String username, String apiKey, String timestamp, String apiSecret,
            String token) {
        return Native.verifyFresh(utf8(username, "username"), utf8(apiKey, "apiKey"), utf8(timestamp, "timestamp"),
            utf8(apiSecret, "apiSecret"), utf8(token, "token"), true, 0, MAX_SKEW_SECONDS);
    }

    /** {@link #verifyFresh(String, String, String, String, String)} against {@code nowUnixSeconds} and
     * {@code maxSkewSeconds} (0..2^32-1, else {@link Status#INVALID_ARGUMENT}). */
    public static boolean verifyFresh(String username, String apiKey, String timestamp, String apiSecret,
            String token, long nowUnixSeconds, long maxSkewSeconds) {
        return Native.verifyFresh(utf8(username, "username"), utf8(apiKey, "apiKey"), utf8(timestamp, "timestamp"),
            utf8(apiSecret, "apiSecret"), utf8(token, "token"), false, nowUnixSeconds, maxSkewSeconds);
    }

    /** {@link #verifyFresh(String, String, String, String, String, long, long)} over raw bytes. */
    public static boolean verifyFresh(byte[] username, byte[] apiKey, byte[] timestamp, byte[] apiSecret,
            byte[] token, long nowUnixSeconds, long maxSkewSeconds) {
        return Native.verifyFresh(raw(username, "username"), raw(apiKey, "apiKey"), raw(timestamp, "timestamp"),
            raw(apiSecret, "apiSecret"), raw(token, "token"), false, nowUnixSeconds, maxSkewSeconds);
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
