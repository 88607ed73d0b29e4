package pave.token.bench

import pave.token.PaveToken
import pave.token.Signer
import java.nio.charset.StandardCharsets
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

// The 65-byte message of every benchmark in the project.
private const val U = "acme_motors"
private const val K = "0123456789abcdef0123456789abcdef"
private const val T = "2026-11-29T21:33:57Z"
private const val S = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

/** PAVE's own Kotlin snippet, as its page writes it. */
fun seedHmacSha256(message: String, key: String): String {
    val secretKey = SecretKeySpec(key.toByteArray(StandardCharsets.UTF_8), "HmacSHA256")
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(secretKey)
    val hmac = mac.doFinal(message.toByteArray(StandardCharsets.UTF_8))
    return hmac.joinToString("") { "%02x".format(it) }
}

private val HEX = "0123456789abcdef".toCharArray()

/** A tuned use of the JDK: one initialized Mac reused (per thread), hex by table. */
class TunedMac(key: String) {
    private val mac = Mac.getInstance("HmacSHA256").apply { init(SecretKeySpec(key.toByteArray(StandardCharsets.UTF_8), "HmacSHA256")) }
    fun token(message: String): String {
        val digest = mac.doFinal(message.toByteArray(StandardCharsets.UTF_8))
        val out = CharArray(64)
        for (i in digest.indices) {
            val b = digest[i].toInt() and 0xff
            out[2 * i] = HEX[b ushr 4]
            out[2 * i + 1] = HEX[b and 15]
        }
        return String(out)
    }
}

private var sink = 0

/** Best of 7 rounds of `n` calls, in ns per call, after a warm-up. */
private fun measure(n: Int, f: () -> String): Double {
    repeat(n) { sink += f().length }
    var best = Double.MAX_VALUE
    repeat(7) {
        val start = System.nanoTime()
        repeat(n) { sink += f().length }
        best = minOf(best, (System.nanoTime() - start).toDouble() / n)
    }
    return best
}

fun main() {
    val timestamp = { T }
    val seed = measure(100_000) { seedHmacSha256("$U:$K@${timestamp()}", S) }
    val tuned = TunedMac(S).let { mac -> measure(400_000) { mac.token("$U:$K@${timestamp()}") } }
    val oneShot = measure(400_000) { PaveToken.token(U, K, timestamp(), S) }
    val signer = Signer(U, K, S)
    val signed = measure(400_000) { signer.token(timestamp()) }
    signer.close()
    val check = PaveToken.token(U, K, T, S) == seedHmacSha256("$U:$K@$T", S)
    println("Kotlin/JVM ${System.getProperty("java.version")}, 65-byte message, best of 7 (sink $sink, agree $check)")
    println(String.format("| %-42s | %8s | %9s | %9s |", "", "ns/token", "vs seed", "vs tuned"))
    println("|--------------------------------------------|----------|-----------|-----------|")
    for ((name, ns) in listOf("seed snippet (Mac.getInstance, %02x)" to seed, "tuned Mac (reused, table hex)" to tuned,
        "PaveToken.token (one-shot)" to oneShot, "Signer.token" to signed)) {
        println(String.format("| %-42s | %8.1f | %8.2fx | %8.2fx |", name, ns, ns / seed, ns / tuned))
    }
}
