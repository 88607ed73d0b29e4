package pave.token;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The native functions (libpave_token_jni, rust/lib.rs) and where the library
 * comes from, tried in this order, once:
 * <ol>
 * <li>{@code -Dpave_token.library.path=DIR}: {@code DIR/libpave_token_jni.so} (the platform's name for it);</li>
 * <li>the jar's own copy for this platform, {@code /pave/token/native/<os>-<arch>/<library>}
 * ({@code linux-x86_64}, {@code linux-aarch64}, {@code windows-x86_64}, {@code darwin-aarch64}, ...),
 * copied to a temporary file and loaded from there;</li>
 * <li>{@code System.loadLibrary("pave_token_jni")}: the system's search (Android's {@code jniLibs}).</li>
 * </ol>
 */
final class Native {
    static {
        load();
    }

    private Native() {
    }

    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        os = os.startsWith("windows") ? "windows" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os;
        arch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("arm64") ? "aarch64" : arch;
        return os + "-" + arch;
    }

    private static void load() {
        String name = System.mapLibraryName("pave_token_jni");
        String dir = System.getProperty("pave_token.library.path");
        if (dir != null) {
            System.load(new File(dir, name).getAbsolutePath());
            return;
        }
        String resource = "/pave/token/native/" + platform() + "/" + name;
        try (InputStream in = Native.class.getResourceAsStream(resource)) {
            if (in != null) {
                File copy = File.createTempFile("pave_token_jni", name.substring(name.lastIndexOf('.')));
                copy.deleteOnExit();
                Files.copy(in, copy.toPath(), StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.getAbsolutePath());
                return;
            }
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("pave_token: cannot copy " + resource + " out of the jar: " + e);
        }
        System.loadLibrary("pave_token_jni");
    }

    // The calls that sign take their fields in one array and write the 64 hex digits into a byte[64]
    // that becomes the String here: each JNI callback (an array's length, a copy in or out) costs
    // about as much as a copy in Java, so there are three per token.

    /** The token of the four fields. */
    static String token(byte[] username, byte[] apiKey, byte[] timestamp, byte[] apiSecret) {
        byte[] fields = new byte[username.length + apiKey.length + timestamp.length + apiSecret.length];
        int at = username.length + apiKey.length;
        System.arraycopy(username, 0, fields, 0, username.length);
        System.arraycopy(apiKey, 0, fields, username.length, apiKey.length);
        System.arraycopy(timestamp, 0, fields, at, timestamp.length);
        System.arraycopy(apiSecret, 0, fields, at + timestamp.length, apiSecret.length);
        byte[] out = new byte[PaveToken.TOKEN_SIZE - 1];
        token(fields, username.length, apiKey.length, timestamp.length, out);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Writes the token of {@code fields} (username, API key, timestamp and secret, in this order,
     * the first three of the lengths given) into {@code out}. */
    private static native void token(byte[] fields, int usernameLength, int apiKeyLength, int timestampLength,
        byte[] out);

    static native String[] tokenNow(byte[] username, byte[] apiKey, byte[] apiSecret, int format);

    static native boolean verify(byte[] username, byte[] apiKey, byte[] timestamp, byte[] apiSecret, byte[] token);

    static native boolean verifyFresh(byte[] username, byte[] apiKey, byte[] timestamp, byte[] apiSecret, byte[] token,
        boolean useClock, long nowUnixSeconds, long maxSkewSeconds);

    static native String timestamp(boolean now, long unixSeconds, int millis, int format);

    static native long parseTimestamp(byte[] value);

    static native String version();

    static native long signerNew(byte[] username, byte[] apiKey, byte[] apiSecret);

    // A signer's calls take the Signer itself, unused, so that it stays reachable
    // (and its release waits) until the call has returned.
    static String signerToken(Object owner, long handle, byte[] timestamp) {
        byte[] out = new byte[PaveToken.TOKEN_SIZE - 1];
        signerToken(owner, handle, timestamp, timestamp.length, out);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static native void signerToken(Object owner, long handle, byte[] timestamp, int timestampLength,
        byte[] out);

    static native String[] signerTokenNow(Object owner, long handle, int format);

    static native void signerFree(long handle);

    /** How many native signers are open (for tests). */
    static native long signerCount();
}
