package pave.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Test;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;

/**
 * The Java API over the shared vectors and javax.crypto.Mac, and as a hostile caller
 * uses it: nulls at every position, odd strings, numbers out of range, 64 MiB inputs,
 * forged and closed handles, threads closing a signer others sign with, serialization,
 * and loops over the error paths. (consumer/KotlinCaller.kt is today's Kotlin user.)
 */
public class PaveTokenTest {
    private static final String U = "acme_motors";
    private static final String K = "0123456789abcdef0123456789abcdef";
    private static final String T = "2026-11-29T21:33:57Z";
    private static final String S = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    private static File top() {
        String env = System.getenv("PAVE_TOP");
        return new File(env != null ? env : "../..");
    }

    private static byte[] unhex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** The token by the JDK's own HMAC, independent of the library. */
    static String reference(byte[] u, byte[] k, byte[] t, byte[] s) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(s, "HmacSHA256"));
        for (byte[] piece : new byte[][] {u, {':'}, k, {'@'}, t}) {
            mac.update(piece);
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal()) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void expectStatus(int status, Runnable call) {
        try {
            call.run();
            fail("expected PaveException with status " + status);
        } catch (PaveException e) {
            assertEquals(status, e.getStatus());
        }
    }

    private static void expect(Class<? extends Throwable> type, Runnable call) {
        try {
            call.run();
            fail("expected " + type.getSimpleName());
        } catch (Throwable e) {
            assertTrue(e + " is not a " + type.getSimpleName(), type.isInstance(e));
        }
    }

    @Test
    public void everySharedVector() throws Exception {
        int rows = 0;
        for (String line : Files.readAllLines(new File(top(), "tests/vectors/tokens.tsv").toPath(), StandardCharsets.US_ASCII)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] r = line.split("\t");
            byte[] u = unhex(r[0]), k = unhex(r[1]), t = unhex(r[2]), s = unhex(r[3]);
            assertEquals(r[4], reference(u, k, t, s));
            assertEquals(r[4], PaveToken.token(u, k, t, s));
            assertTrue(PaveToken.verify(u, k, t, s, utf8(r[4].toUpperCase())));
            rows++;
        }
        assertTrue(rows >= 500);
    }

    @Test
    public void randomInputsAgainstJavaxCryptoMac() throws Exception {
        Random random = new Random(20261203);
        for (int i = 0; i < 3000; i++) {
            byte[][] f = new byte[4][];
            for (int j = 0; j < 4; j++) {
                f[j] = new byte[1 + random.nextInt(120)];
                random.nextBytes(f[j]);
            }
            assertEquals(reference(f[0], f[1], f[2], f[3]), PaveToken.token(f[0], f[1], f[2], f[3]));
            try (Signer signer = new Signer(U, K, S)) {
                assertEquals(reference(utf8(U), utf8(K), f[2], utf8(S)), signer.token(f[2]));
            }
        }
    }

    @Test
    public void nullAtEveryPositionIsANullPointerException() {
        for (int i = 0; i < 4; i++) {
            final String[] a = {U, K, T, S};
            final byte[][] b = {utf8(U), utf8(K), utf8(T), utf8(S)};
            a[i] = null;
            b[i] = null;
            expect(NullPointerException.class, () -> PaveToken.token(a[0], a[1], a[2], a[3]));
            expect(NullPointerException.class, () -> PaveToken.token(b[0], b[1], b[2], b[3]));
            expect(NullPointerException.class, () -> PaveToken.verify(a[0], a[1], a[2], a[3], "00"));
            expect(NullPointerException.class, () -> PaveToken.verify(b[0], b[1], b[2], b[3], new byte[1]));
        }
        expect(NullPointerException.class, () -> PaveToken.verify(U, K, T, S, (String) null));
        expect(NullPointerException.class, () -> PaveToken.tokenNow(U, K, S, null));
        expect(NullPointerException.class, () -> PaveToken.timestamp(0L, null));
        expect(NullPointerException.class, () -> PaveToken.parseTimestamp(null));
        expect(NullPointerException.class, () -> new Signer(null, K, S));
        try (Signer signer = new Signer(U, K, S)) {
            expect(NullPointerException.class, () -> signer.token((String) null));
            expect(NullPointerException.class, () -> signer.token((byte[]) null));
            expect(NullPointerException.class, () -> signer.tokenNow(null));
        }
    }

    @Test
    public void emptyOddAndHugeInputs() throws Exception {
        expectStatus(Status.EMPTY_ARGUMENT, () -> PaveToken.token("", K, T, S));
        expectStatus(Status.EMPTY_ARGUMENT, () -> PaveToken.token(utf8(U), utf8(K), new byte[0], utf8(S)));
        expectStatus(Status.EMPTY_ARGUMENT, () -> new Signer(U, K, ""));
        String lone = "\ud800x";
        assertEquals(reference(utf8(lone), utf8(K), utf8(T), utf8(S)), PaveToken.token(lone, K, T, S));
        assertEquals(reference(utf8("Zoë"), utf8("ключ"), utf8(T), utf8("秘密")), PaveToken.token("Zoë", "ключ", T, "秘密"));
        byte[] big = new byte[64 << 20];
        new Random(1).nextBytes(big);
        assertEquals(reference(big, utf8(K), utf8(T), big), PaveToken.token(big, utf8(K), utf8(T), big));
        try (Signer signer = new Signer(U, K, new String(big, StandardCharsets.ISO_8859_1))) {
            assertEquals(reference(utf8(U), utf8(K), big, new String(big, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8)),
                signer.token(big));
        }
    }

    @Test
    public void numbersOutOfRange() {
        for (long unix : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 253402300800L}) {
            expectStatus(Status.INVALID_TIMESTAMP, () -> PaveToken.timestamp(unix));
        }
        for (int millis : new int[] {-1, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            expectStatus(Status.INVALID_ARGUMENT, () -> PaveToken.timestamp(0L, TimeFormat.RFC3339_MILLIS, millis));
        }
        expectStatus(Status.INVALID_ARGUMENT, () -> Native.tokenNow(utf8(U), utf8(K), utf8(S), 3));
        expectStatus(Status.INVALID_ARGUMENT, () -> Native.timestamp(true, 0, 0, -1));
        expectStatus(Status.INVALID_TIMESTAMP, () -> PaveToken.parseTimestamp("2021-02-29T00:00:00Z"));
        assertEquals("1970-01-01T00:00:00.005Z", PaveToken.timestamp(0L, TimeFormat.RFC3339_MILLIS, 5));
    }

    /** The private natives, called with the lengths and buffers only Native's own wrappers should pass. */
    @Test
    public void wrongLengthsAtTheNativeBoundaryAreExceptions() throws Exception {
        java.lang.reflect.Method token = Native.class.getDeclaredMethod("token", byte[].class, int.class, int.class,
            int.class, byte[].class);
        java.lang.reflect.Method signerToken = Native.class.getDeclaredMethod("signerToken", Object.class, long.class,
            byte[].class, int.class, byte[].class);
        token.setAccessible(true);
        signerToken.setAccessible(true);
        byte[] fields = utf8("u" + "k" + T + "s");
        int[][] lengths = {{-1, 1, 20}, {1, -1, 20}, {1, 1, -1}, {1, 1, 1000}, {100, 0, 0}, {Integer.MAX_VALUE, 1, 1}};
        for (int[] l : lengths) {
            Throwable thrown = invokeFailure(token, null, fields, l[0], l[1], l[2], new byte[64]);
            assertTrue(thrown.toString(), thrown instanceof PaveException
                && ((PaveException) thrown).getStatus() == Status.INVALID_ARGUMENT);
        }
        for (byte[] out : new byte[][] {new byte[0], new byte[63]}) {
            assertTrue(invokeFailure(token, null, fields, 1, 1, 20, out) instanceof ArrayIndexOutOfBoundsException);
        }
        try (Signer signer = new Signer(U, K, S)) {
            java.lang.reflect.Field field = Signer.class.getDeclaredField("handle");
            field.setAccessible(true);
            long handle = field.getLong(signer);
            assertTrue(invokeFailure(signerToken, null, signer, handle, utf8(T), 21, new byte[64])
                instanceof ArrayIndexOutOfBoundsException);
            assertTrue(invokeFailure(signerToken, null, signer, handle, utf8(T), -1, new byte[64])
                instanceof PaveException);
            assertTrue(invokeFailure(signerToken, null, signer, handle, utf8(T), 20, new byte[10])
                instanceof ArrayIndexOutOfBoundsException);
            assertEquals(reference(utf8(U), utf8(K), utf8(T), utf8(S)), signer.token(T));
        }
    }

    private static Throwable invokeFailure(java.lang.reflect.Method method, Object self, Object... args)
            throws IllegalAccessException {
        try {
            method.invoke(self, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return e.getCause();
        }
        throw new AssertionError(method.getName() + " returned");
    }

    @Test
    public void forgedClosedAndDoubleClosedHandles() {
        for (long forged : new long[] {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 123456789}) {
            expect(IllegalStateException.class, () -> Native.signerToken(null, forged, utf8(T)));
            expect(IllegalStateException.class, () -> Native.signerTokenNow(null, forged, 0));
            Native.signerFree(forged);
        }
        Signer signer = new Signer(U, K, S);
        assertTrue(PaveToken.verify(U, K, T, S, signer.token(T)));
        signer.close();
        signer.close();
        expect(IllegalStateException.class, () -> signer.token(T));
        expect(IllegalStateException.class, signer::tokenNow);
        expect(IllegalStateException.class, signer::signHeaders);
    }

    @Test
    public void signersNeverClosedAreReleasedWhenCollected() throws InterruptedException {
        long before = Native.signerCount();
        for (int i = 0; i < 2000; i++) {
            assertEquals(64, new Signer(U, K, S).token(T).length());
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (Native.signerCount() > before + 100 && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(Native.signerCount() + " native signers still open of 2,000 dropped", Native.signerCount() <= before + 100);
    }

    @Test
    public void aSignerIsNotSerializable() throws IOException {
        try (Signer signer = new Signer(U, K, S); ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(signer);
            fail("a Signer was serialized");
        } catch (NotSerializableException expected) {
            assertTrue(expected.getMessage().contains("Signer"));
        }
    }

    @Test
    public void threadsSignWhileAnotherCloses() throws Exception {
        String want = reference(utf8(U), utf8(K), utf8(T), utf8(S));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger wrong = new AtomicInteger();
        for (int round = 0; round < 20; round++) {
            Signer signer = new Signer(U, K, S);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                work.add(pool.submit(() -> {
                    for (int j = 0; j < 500; j++) {
                        try {
                            if (!want.equals(signer.token(T))) {
                                wrong.incrementAndGet();
                            }
                        } catch (IllegalStateException closed) {
                            return;
                        }
                    }
                }));
            }
            signer.close();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        pool.shutdown();
        assertEquals(0, wrong.get());
    }

    private static long rssKib() throws IOException {
        for (String line : Files.readAllLines(new File("/proc/self/status").toPath())) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    @Test
    public void errorPathsDoNotLeak() throws IOException {
        byte[] payload = new byte[1 << 20];
        Runnable[] calls = {
            () -> Native.tokenNow(payload, payload, payload, 9),
            () -> PaveToken.token(payload, payload, new byte[0], payload),
            () -> PaveToken.verify(payload, payload, payload, new byte[0], payload),
            () -> Native.parseTimestamp(payload),
            () -> new Signer("u", "k", ""),
            () -> Native.signerToken(null, -5, payload),
            () -> PaveToken.verifyFresh(payload, payload, payload, payload, payload, 0, 300),
            () -> PaveToken.verifyFresh(payload, payload, payload, payload, payload, 0, -1),
        };
        Runnable loop = () -> {
            for (int i = 0; i < 300; i++) {
                for (Runnable call : calls) {
                    try {
                        call.run();
                        fail("no error");
                    } catch (PaveException | IllegalStateException expected) {
                        // the error path is what is measured
                    }
                }
            }
        };
        loop.run();
        System.gc();
        long before = rssKib();
        loop.run();
        System.gc();
        long grownMib = (rssKib() - before) >> 10;
        assertTrue(grownMib + " MiB more after 2,400 failing calls with 1 MiB inputs", grownMib < 64);
    }

    /** The reason verifyFresh threw, as the vectors name it ("ok" when it returned true). */
    private static String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (PaveException e) {
            switch (e.getStatus()) {
                case Status.TOKEN_MISMATCH: return "token_mismatch";
                case Status.INVALID_TIMESTAMP: return "invalid_timestamp";
                case Status.TIMESTAMP_SKEW: return "timestamp_skew";
                default: return "status " + e.getStatus();
            }
        }
    }

    /** verifyFresh over the shared freshness vectors (Python decided each answer), and at its limits. */
    @Test
    public void verifyFreshIsTrueOrThrowsTheReason() throws Exception {
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(new File(top(), "tests/vectors/fresh.tsv").toPath(), StandardCharsets.US_ASCII)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] r = line.split("\t");
            byte[] u = unhex(r[0]), k = unhex(r[1]), t = unhex(r[2]), s = unhex(r[3]);
            long now = Long.parseLong(r[5]), skew = Long.parseLong(r[6]);
            assertEquals(line, r[7], outcome(() -> assertTrue(PaveToken.verifyFresh(u, k, t, s, utf8(r[4]), now, skew))));
            seen.merge(r[7], 1, Integer::sum);
        }
        assertEquals("[invalid_timestamp, ok, timestamp_skew, token_mismatch]", seen.keySet().toString());
        for (int n : seen.values()) {
            assertTrue(seen.toString(), n >= 100);
        }
        String t = "2021-05-30T12:49:19Z", tok = reference(utf8(U), utf8(K), utf8(t), utf8(S));
        long signed = 1622378959L;
        assertEquals(300, PaveToken.MAX_SKEW_SECONDS);
        assertEquals("ok", outcome(() -> PaveToken.verifyFresh(U, K, t, S, tok, signed + 300, 300)));
        assertEquals("timestamp_skew", outcome(() -> PaveToken.verifyFresh(U, K, t, S, tok, signed - 301, 300)));
        assertEquals("ok", outcome(() -> PaveToken.verifyFresh(U, K, t, S, tok.toUpperCase(), signed + 3600, 3600)));
        assertEquals("timestamp_skew", outcome(() -> PaveToken.verifyFresh(U, K, t, S, tok, Long.MIN_VALUE, 4294967295L)));
        assertEquals("timestamp_skew", outcome(() -> PaveToken.verifyFresh(U, K, t, S, tok))); // the clock: 2021 is stale
        SignedNow now = PaveToken.tokenNow(U, K, S);
        assertTrue(PaveToken.verifyFresh(U, K, now.getTimestamp(), S, now.getToken()));
        assertEquals("token_mismatch", outcome(() -> PaveToken.verifyFresh(U, K, "yesterday", S, tok, signed, 300)));
        assertEquals("invalid_timestamp", outcome(() -> PaveToken.verifyFresh(U, K, "yesterday", S,
            PaveToken.token(U, K, "yesterday", S), signed, 300)));
        for (long skew : new long[] {-1, 4294967296L, Long.MIN_VALUE, Long.MAX_VALUE}) {
            expectStatus(Status.INVALID_ARGUMENT, () -> PaveToken.verifyFresh(U, K, t, S, tok, signed, skew));
            expectStatus(Status.INVALID_ARGUMENT, () -> PaveToken.verifyFresh(U, K, t, S, "00", signed, skew));
        }
        expectStatus(Status.EMPTY_ARGUMENT, () -> PaveToken.verifyFresh("", K, t, S, tok, signed, 300));
        assertEquals("token_mismatch", outcome(() -> PaveToken.verifyFresh(U, K, t, S, "", signed, 300)));
        for (int i = 0; i < 5; i++) {
            final String[] a = {U, K, t, S, tok};
            final byte[][] b = {utf8(U), utf8(K), utf8(t), utf8(S), utf8(tok)};
            a[i] = null;
            b[i] = null;
            expect(NullPointerException.class, () -> PaveToken.verifyFresh(a[0], a[1], a[2], a[3], a[4]));
            expect(NullPointerException.class, () -> PaveToken.verifyFresh(a[0], a[1], a[2], a[3], a[4], 0, 300));
            expect(NullPointerException.class, () -> PaveToken.verifyFresh(b[0], b[1], b[2], b[3], b[4], 0, 300));
        }
    }

    @Test
    public void kotlinStyleAndHeaders() {
        SignedNow now = PaveToken.tokenNow(U, K, S, TimeFormat.UNIX);
        assertEquals(PaveToken.token(U, K, now.component1(), S), now.component2());
        assertEquals(10, now.getTimestamp().length());
        assertEquals("[API-Key, API-Token, API-Timestamp]", PaveToken.signHeaders(U, K, S).keySet().toString());
        expect(UnsupportedOperationException.class, () -> PaveToken.signHeaders(U, K, S).put("x", "y"));
        assertFalse(PaveToken.verify(U, K, T, S, ""));
    }

    /** Runs the tests and closes with the plain summary line the project's suites share. */
    public static void main(String[] args) {
        Result result = new JUnitCore().run(PaveTokenTest.class);
        for (Failure failure : result.getFailures()) {
            System.err.println("FAIL " + failure.getTestHeader() + ": " + failure.getMessage());
            System.err.println(failure.getTrace());
        }
        System.out.println("jvm: " + (result.getRunCount() - result.getFailureCount()) + " passed, "
            + result.getFailureCount() + " failed");
        System.exit(result.wasSuccessful() ? 0 : 1);
    }
}
