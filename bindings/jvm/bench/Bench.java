package pave.token.bench;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import pave.token.PaveToken;
import pave.token.Signer;

/** ns per token for the 65-byte message, best of 7 rounds, beside a tuned javax.crypto.Mac (one Mac reused, hex by table). */
public final class Bench {
    private static final String U = "acme_motors";
    private static final String K = "0123456789abcdef0123456789abcdef";
    private static final String T = "2021-05-30T12:49:19Z";
    private static final String S = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static volatile String sink;

    private interface Call {
        String run() throws Exception;
    }

    private static double best(Call call) throws Exception {
        int n = 200_000;
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink = call.run();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        return best;
    }

    public static void main(String[] args) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(S.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] message = (U + ":" + K + "@" + T).getBytes(StandardCharsets.UTF_8);
        Call jdk = () -> {
            byte[] digest = mac.doFinal(message);
            char[] out = new char[64];
            for (int i = 0; i < 32; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 15];
                out[2 * i + 1] = HEX[digest[i] & 15];
            }
            return new String(out);
        };
        if (!jdk.run().equals(PaveToken.token(U, K, T, S))) {
            throw new AssertionError("the two tokens differ");
        }
        try (Signer signer = new Signer(U, K, S)) {
            double base = best(jdk);
            double oneShot = best(() -> PaveToken.token(U, K, T, S));
            double signed = best(() -> signer.token(T));
            System.out.println("| call | ns/token | vs javax.crypto.Mac |");
            System.out.println("|---|---|---|");
            System.out.printf("| javax.crypto.Mac (reused) + hex | %.0f | 1.00x |%n", base);
            System.out.printf("| PaveToken.token() | %.0f | %.2fx |%n", oneShot, oneShot / base);
            System.out.printf("| Signer.token() | %.0f | %.2fx |%n", signed, signed / base);
        }
    }
}
