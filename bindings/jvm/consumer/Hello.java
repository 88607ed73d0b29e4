import pave.token.PaveToken;

/** A Java program that needs nothing but the jar on its class path. */
public final class Hello {
    public static void main(String[] args) {
        System.out.println("API-Token: " + PaveToken.token("acme_motors", "0123456789abcdef0123456789abcdef",
            "2026-11-29T21:33:57Z", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"));
    }
}
