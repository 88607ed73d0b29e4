package pave.token

/**
 * `java -jar pave-token-kotlin.jar` (jna.jar beside it): prints the three
 * headers of a signed request for PAVE_USERNAME, PAVE_API_KEY and
 * PAVE_API_SECRET, or for the worked example's credentials (said on stderr).
 */
fun main() {
    val env = System.getenv()
    val (username, apiKey, apiSecret) = Triple(env["PAVE_USERNAME"], env["PAVE_API_KEY"], env["PAVE_API_SECRET"])
    val headers = if (username != null && apiKey != null && apiSecret != null) {
        PaveToken.signHeaders(username, apiKey, apiSecret)
    } else {
        System.err.println("pave-token: PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET not set; signing the worked example")
        val timestamp = "2026-11-29T21:33:57Z"
        val key = "0123456789abcdef0123456789abcdef"
        linkedMapOf("API-Key" to key,
            "API-Token" to PaveToken.token("acme_motors", key, timestamp,
                "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"),
            "API-Timestamp" to timestamp)
    }
    for ((name, value) in headers) println("$name: $value")
}
