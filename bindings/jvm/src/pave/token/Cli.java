package pave.token;

import java.util.Map;

/**
 * {@code java -jar pave-token.jar}: prints the three headers of a signed request for
 * PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET, or for the worked example's
 * credentials (said on stderr).
 */
public final class Cli {
    private Cli() {
    }

    public static void main(String[] args) {
        String username = System.getenv("PAVE_USERNAME");
        String apiKey = System.getenv("PAVE_API_KEY");
        String apiSecret = System.getenv("PAVE_API_SECRET");
        Map<String, String> headers;
        if (username != null && apiKey != null && apiSecret != null) {
            headers = PaveToken.signHeaders(username, apiKey, apiSecret);
        } else {
            System.err.println("pave-token: PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET not set; signing the worked example");
            String timestamp = "2026-11-29T21:33:57Z";
            String key = "0123456789abcdef0123456789abcdef";
            String token = PaveToken.token("acme_motors", key, timestamp,
                "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");
            headers = PaveToken.headers(key, new SignedNow(new String[] {timestamp, token}));
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            System.out.println(header.getKey() + ": " + header.getValue());
        }
    }
}
