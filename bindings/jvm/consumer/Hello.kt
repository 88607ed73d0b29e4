// A Kotlin program that needs nothing but the jar: run with only the jar and
// its own class on the class path (compiled without kotlinc's null-check
// calls, so it references no kotlin.* class at all).
import pave.token.PaveToken

fun main() {
    System.out.println("API-Token: " + PaveToken.token("acme_motors", "0123456789abcdef0123456789abcdef",
        "2026-11-29T21:33:57Z", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"))
}
