// Today's Kotlin callers, compiled against the Java jar: destructuring, default
// arguments and use { } as the Kotlin binding had them. Run by make test.
package pave.token

import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Assert.fail
import org.junit.Test
import org.junit.runner.JUnitCore
import java.io.File
import java.nio.charset.StandardCharsets
import java.util.Random
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

/** The repository's top folder (PAVE_TOP, else found from the working folder). */
private val top: File = System.getenv("PAVE_TOP")?.let(::File)
    ?: generateSequence(File(".").absoluteFile) { it.parentFile }.first { File(it, "tests/vectors").isDirectory }

private fun rows(name: String): List<List<String>> =
    File(top, "tests/vectors/$name").readLines(StandardCharsets.US_ASCII)
        .filter { it.isNotEmpty() && !it.startsWith("#") }.map { it.split('\t') }

private fun unhex(s: String) = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

/** The token by the JDK's own HMAC, independent of the library. */
private fun reference(u: ByteArray, k: ByteArray, t: ByteArray, s: ByteArray): String {
    val mac = Mac.getInstance("HmacSHA256")
    mac.init(SecretKeySpec(s, "HmacSHA256"))
    for (piece in listOf(u, ":".toByteArray(), k, "@".toByteArray(), t)) mac.update(piece)
    return mac.doFinal().joinToString("") { String.format("%02x", it) }
}

private const val U = "acme_motors"
private const val K = "0123456789abcdef0123456789abcdef"
private const val T = "2026-11-29T21:33:57Z"
private const val S = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
private const val WANT = "891fed666cf3d8c91636c8cfebc90ef66d94990cfe9d681706e94d940beb687e"

private inline fun expectStatus(status: Int, block: () -> Unit) {
    try {
        block()
        fail("expected PaveException with status $status")
    } catch (e: PaveException) {
        assertEquals(status, e.status)
        assertTrue(e.message!!.contains(e.libraryMessage))
    }
}

class KotlinCallerTest {
    @Test fun everySharedVector() {
        val vectors = rows("tokens.tsv")
        assertTrue(vectors.size >= 500)
        for (r in vectors) {
            val (u, k, t, s) = r.take(4).map(::unhex)
            assertEquals(r[4], PaveToken.token(u, k, t, s))
            assertEquals(r[4], reference(u, k, t, s))
            val signer = Signer(String(u, Charsets.ISO_8859_1), "k", "s")
            signer.close()
            assertTrue(PaveToken.verify(u, k, t, s, r[4].toUpperCase().toByteArray()))
        }
    }

    @Test fun randomInputsAgainstJavaxCryptoMac() {
        val random = Random(20261130)
        repeat(3000) {
            val fields = List(4) { ByteArray(1 + random.nextInt(if (it == 3) 150 else 80)).also(random::nextBytes) }
            val (u, k, t, s) = fields
            assertEquals(reference(u, k, t, s), PaveToken.token(u, k, t, s))
        }
    }

    @Test fun stringsCrossAsUtf8() {
        val (u, k, t, s) = listOf("Zoë", "ключ", T, "秘密")
        assertEquals(reference(u.toByteArray(), k.toByteArray(), t.toByteArray(), s.toByteArray()), PaveToken.token(u, k, t, s))
    }

    @Test fun workedExampleAndVerify() {
        assertEquals(WANT, PaveToken.token(U, K, T, S))
        assertTrue(PaveToken.verify(U, K, T, S, WANT.toUpperCase()))
        assertFalse(PaveToken.verify(U, K, T, S, WANT.replace('8', '9')))
        assertFalse(PaveToken.verify(U, K, T, S, WANT.substring(1)))
        assertFalse(PaveToken.verify(U, K, T, S, ""))
    }

    @Test fun errorsCarryTheStatusAndMessage() {
        expectStatus(Status.EMPTY_ARGUMENT) { PaveToken.token("", K, T, S) }
        expectStatus(Status.EMPTY_ARGUMENT) { PaveToken.token(U, K, T, "") }
        expectStatus(Status.EMPTY_ARGUMENT) { PaveToken.verify(U, "", T, S, WANT) }
        expectStatus(Status.EMPTY_ARGUMENT) { Signer(U, K, "") }
        expectStatus(Status.INVALID_TIMESTAMP) { PaveToken.parseTimestamp("2021-02-29T00:00:00Z") }
        expectStatus(Status.INVALID_TIMESTAMP) { PaveToken.timestamp(253402300800L) }
        expectStatus(Status.INVALID_ARGUMENT) { PaveToken.timestamp(0, TimeFormat.RFC3339_MILLIS, 1000) }
        expectStatus(Status.TIMESTAMP_SKEW) { PaveToken.verifyFresh(U, K, T, S, WANT) }
        expectStatus(Status.TOKEN_MISMATCH) { PaveToken.verifyFresh(U, K, T, S, WANT.replace('8', '9'), 0, 300) }
        Signer(U, K, S).use { expectStatus(Status.EMPTY_ARGUMENT) { it.token("") } }
        val e = try { PaveToken.token("", K, T, S); null } catch (e: PaveException) { e }
        assertTrue(e is IllegalArgumentException)
    }

    @Test fun timestampsAndParsing() {
        for (r in rows("timestamps.tsv")) {
            val (unix, millis) = r[0].toLong() to r[1].toInt()
            TimeFormat.values().forEachIndexed { i, f ->
                assertEquals(r[2 + i], PaveToken.timestamp(unix, f, millis))
                assertEquals(unix, PaveToken.parseTimestamp(r[2 + i]))
            }
        }
    }

    @Test fun nowFunctionsSignTheirOwnTimestamp() {
        for (f in TimeFormat.values()) {
            val (ts, tok) = PaveToken.tokenNow(U, K, S, f)
            assertEquals(PaveToken.token(U, K, ts, S), tok)
            val now = System.currentTimeMillis() / 1000
            assertTrue(Math.abs(PaveToken.parseTimestamp(ts) - now) <= 2)
            Signer(U, K, S).use { signer ->
                val (ts2, tok2) = signer.tokenNow(f)
                assertEquals(PaveToken.token(U, K, ts2, S), tok2)
            }
            assertTrue(Math.abs(PaveToken.parseTimestamp(PaveToken.timestamp(null, f)) - now) <= 2)
        }
        val headers = PaveToken.signHeaders(U, K, S)
        assertEquals(listOf("API-Key", "API-Token", "API-Timestamp"), headers.keys.toList())
        assertTrue(PaveToken.verify(U, K, headers.getValue("API-Timestamp"), S, headers.getValue("API-Token")))
    }

    @Test fun eightThreadsShareOneSigner() {
        Signer(U, K, S).use { signer ->
            val pool = Executors.newFixedThreadPool(8)
            val results = (0 until 8).map { pool.submit<Int> { (0 until 2000).count { signer.token(T) == WANT } } }
            pool.shutdown()
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
            assertEquals(List(8) { 2000 }, results.map { it.get() })
        }
    }

    @Test fun closeTwiceAndUseAfterClose() {
        val signer = Signer(U, K, S)
        assertEquals(WANT, signer.token(T))
        signer.close()
        signer.close()
        try {
            signer.token(T)
            fail("token after close")
        } catch (e: IllegalStateException) {
            assertTrue(e.message!!.contains("closed"))
        }
    }

    @Test fun constantsMatchTheHeader() {
        val file = System.getenv("PAVE_TOKEN_HEADER")?.let(::File) ?: File(top, "include/pave_token.h")
        val defines = HashMap<String, Int>()
        for (line in file.readLines()) {
            val m = Regex("^#define (PAVE_\\w+) (.+)$").find(line.trim()) ?: continue
            var expr = m.groupValues[2]
            for ((name, value) in defines) expr = expr.replace(name, value.toString())
            if (Regex("^[\\d\\s()+]+$").matches(expr)) {
                defines[m.groupValues[1]] = expr.split(Regex("[\\s()+]+")).filter { it.isNotEmpty() }.sumBy { it.toInt() }
            }
        }
        assertEquals(defines["PAVE_TOKEN_SIZE"], PaveToken.TOKEN_SIZE)
        assertEquals(defines["PAVE_TIMESTAMP_SIZE"], PaveToken.TIMESTAMP_SIZE)
        val statuses = mapOf("PAVE_OK" to Status.OK, "PAVE_ERR_NULL_ARGUMENT" to Status.NULL_ARGUMENT,
            "PAVE_ERR_EMPTY_ARGUMENT" to Status.EMPTY_ARGUMENT, "PAVE_ERR_BUFFER_TOO_SMALL" to Status.BUFFER_TOO_SMALL,
            "PAVE_ERR_INVALID_ARGUMENT" to Status.INVALID_ARGUMENT, "PAVE_ERR_INVALID_TIMESTAMP" to Status.INVALID_TIMESTAMP,
            "PAVE_ERR_CLOCK" to Status.CLOCK, "PAVE_ERR_TOKEN_MISMATCH" to Status.TOKEN_MISMATCH,
            "PAVE_ERR_TIMESTAMP_SKEW" to Status.TIMESTAMP_SKEW, "PAVE_ERR_INTERNAL" to Status.INTERNAL)
        for ((name, value) in statuses) assertEquals(name, defines[name], value)
        for (f in TimeFormat.values()) assertEquals(defines["PAVE_TIME_${f.name}"], f.code)
        assertEquals(PaveToken.version(), Regex("PAVE_TOKEN_VERSION \"(.*)\"").find(file.readText())!!.groupValues[1])
    }
}

/** Runs the tests and closes with the plain summary line the project's suites share. */
fun main() {
    val result = JUnitCore().run(KotlinCallerTest::class.java)
    for (failure in result.failures) {
        System.err.println("FAIL ${failure.testHeader}: ${failure.message}")
        System.err.println(failure.trace.lines().take(8).joinToString("\n"))
    }
    println("kotlin: ${result.runCount - result.failureCount} passed, ${result.failureCount} failed")
    System.exit(if (result.wasSuccessful()) 0 else 1)
}
