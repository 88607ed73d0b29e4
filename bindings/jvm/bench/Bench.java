package pave.token.bench;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import pave.token.PaveToken;
import pave.token.Signer;

/**
 * ns per token for the 65-byte message beside a tuned javax.crypto.Mac (one Mac reused, the message
 * built in the loop as PAVE's snippet builds it, hex by table); rounds interleaved, best of 9.
 */
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

    private static double time(Call call, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink = call.run();
        }
        return (System.nanoTime() - start) / (double) n;
    }

    public static void main(String[] args) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(S.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Call jdk = () -> {
            byte[] digest = mac.doFinal((U + ":" + K + "@" + T).getBytes(StandardCharsets.UTF_8));
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
            String[] names = {"javax.crypto.Mac (reused) + hex", "PaveToken.token()", "Signer.token()"};
            Call[] calls = {jdk, () -> PaveToken.token(U, K, T, S), () -> signer.token(T)};
            double[] best = new double[calls.length];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            for (int round = 0; round < 9; round++) {
                for (int c = 0; c < calls.length; c++) {
                    best[c] = Math.min(best[c], time(calls[c], 200_000));
                }
            }
            System.out.println("| call | ns/token | vs javax.crypto.Mac |");
            System.out.println("|---|---|---|");
            for (int c = 0; c < calls.length; c++) {
                System.out.printf("| %s | %.0f | %.2fx |%n", names[c], best[c], best[c] / best[0]);
            }
        }
    }
}
