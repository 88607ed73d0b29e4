package pave.token

import java.io.Closeable
import java.nio.charset.StandardCharsets
import java.util.concurrent.locks.ReentrantReadWriteLock
import kotlin.concurrent.read
import kotlin.concurrent.write

/** How a timestamp is written; the values are the header's `PAVE_TIME_*`. */
enum class TimeFormat(val code: Int) {
    /** `2021-05-30T12:49:19Z`: the `API-Timestamp` format PAVE documents (default). */
    RFC3339(0),
    /** `1622378959`: Unix seconds. */
    UNIX(1),
    /** `2021-05-30T12:49:19.123Z`: RFC 3339 with milliseconds. */
    RFC3339_MILLIS(2)
}

/** The `pave_status` values of [PaveException.status] (the header's `PAVE_OK`, `PAVE_ERR_*`). */
object Status {
    const val OK = 0
    const val NULL_ARGUMENT = 1
    const val EMPTY_ARGUMENT = 2
    const val BUFFER_TOO_SMALL = 3
    const val INVALID_ARGUMENT = 4
    const val INVALID_TIMESTAMP = 5
    const val CLOCK = 6
    const val TOKEN_MISMATCH = 7
    const val INTERNAL = 255
}

/** A call the library refused: [status] is its `pave_status` ([Status]), the message the library's own. */
class PaveException(val status: Int, val libraryMessage: String) :
    IllegalArgumentException("pave_token: $libraryMessage (status $status)")

/**
 * PAVE API access tokens through libpave_token:
 *
 *     token = lowercase_hex(HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp))
 *
 * Strings cross as UTF-8; the ByteArray overloads take raw bytes. Errors are
 * [PaveException]s. Every function is thread-safe.
 */
object PaveToken {
    /** Bytes of a token buffer: 64 hex digits and a NUL (`PAVE_TOKEN_SIZE`). */
    const val TOKEN_SIZE = 65
    /** Bytes of a timestamp buffer (`PAVE_TIMESTAMP_SIZE`). */
    const val TIMESTAMP_SIZE = 32

    /** The token for one request; send [timestamp] unchanged as `API-Timestamp`. */
    fun token(username: String, apiKey: String, timestamp: String, apiSecret: String): String =
        token(username.utf8(), apiKey.utf8(), timestamp.utf8(), apiSecret.utf8())

    /** [token] over raw bytes. */
    fun token(username: ByteArray, apiKey: ByteArray, timestamp: ByteArray, apiSecret: ByteArray): String {
        val out = ByteArray(TOKEN_SIZE)
        check(Lib.pave_token(username, username.len(), apiKey, apiKey.len(), timestamp, timestamp.len(),
            apiSecret, apiSecret.len(), out, TOKEN_SIZE.toLong()))
        return out.token()
    }

    /** Signs "now": (timestamp, token); send exactly that timestamp. */
    fun tokenNow(username: String, apiKey: String, apiSecret: String,
                 format: TimeFormat = TimeFormat.RFC3339): Pair<String, String> {
        val (u, k, s) = Triple(username.utf8(), apiKey.utf8(), apiSecret.utf8())
        val ts = ByteArray(TIMESTAMP_SIZE)
        val out = ByteArray(TOKEN_SIZE)
        check(Lib.pave_token_now(u, u.len(), k, k.len(), s, s.len(), format.code,
            ts, TIMESTAMP_SIZE.toLong(), out, TOKEN_SIZE.toLong()))
        return Pair(ts.cString(), out.token())
    }

    /** Whether [token] (either case) is the token for these inputs; compared in constant time. */
    fun verify(username: String, apiKey: String, timestamp: String, apiSecret: String, token: String): Boolean =
        verify(username.utf8(), apiKey.utf8(), timestamp.utf8(), apiSecret.utf8(), token.utf8())

    /** [verify] over raw bytes. */
    fun verify(username: ByteArray, apiKey: ByteArray, timestamp: ByteArray, apiSecret: ByteArray,
               token: ByteArray): Boolean {
        val status = Lib.pave_token_verify(username, username.len(), apiKey, apiKey.len(), timestamp,
            timestamp.len(), apiSecret, apiSecret.len(), token, token.len())
        if (status == Status.TOKEN_MISMATCH) return false
        check(status)
        return true
    }

    /** [unixSeconds] (null: now) in [format]; [millis] (0..999) is used by RFC3339_MILLIS. */
    fun timestamp(unixSeconds: Long? = null, format: TimeFormat = TimeFormat.RFC3339, millis: Int = 0): String {
        val out = ByteArray(TIMESTAMP_SIZE)
        val len = LongArray(1)
        check(if (unixSeconds == null) Lib.pave_timestamp_now(format.code, out, TIMESTAMP_SIZE.toLong(), len)
              else Lib.pave_timestamp(unixSeconds, millis, format.code, out, TIMESTAMP_SIZE.toLong(), len))
        return String(out, 0, len[0].toInt(), StandardCharsets.US_ASCII)
    }

    /** Unix seconds (the floor of the instant) of an RFC 3339 or Unix-seconds timestamp. */
    fun parseTimestamp(timestamp: String): Long {
        val bytes = timestamp.utf8()
        val seconds = LongArray(1)
        check(Lib.pave_timestamp_parse(bytes, bytes.len(), seconds))
        return seconds[0]
    }

    /** The three headers of a signed request: `API-Key`, `API-Token`, `API-Timestamp`. */
    fun signHeaders(username: String, apiKey: String, apiSecret: String,
                    format: TimeFormat = TimeFormat.RFC3339): Map<String, String> {
        val (timestamp, token) = tokenNow(username, apiKey, apiSecret, format)
        return linkedMapOf("API-Key" to apiKey, "API-Token" to token, "API-Timestamp" to timestamp)
    }

    /** The library's version. */
    fun version(): String = Lib.pave_version()

    internal fun check(status: Int) {
        if (status != Status.OK) throw PaveException(status, Lib.pave_status_message(status))
    }
}

/**
 * One account's credentials, hashed once: each token then costs less than
 * [PaveToken.token]. Holds no copy of the secret. Thread-safe; [close]
 * releases and wipes it (twice is fine; a token after it throws). A
 * `java.io.Closeable` (so an `AutoCloseable`), so `use { }` works with the
 * base Kotlin standard library.
 */
class Signer(username: String, apiKey: String, apiSecret: String) : Closeable {
    private var handle: Long
    private val lock = ReentrantReadWriteLock()

    init {
        val (u, k, s) = Triple(username.utf8(), apiKey.utf8(), apiSecret.utf8())
        val out = LongArray(1)
        PaveToken.check(Lib.pave_signer_new(u, u.len(), k, k.len(), s, s.len(), out))
        handle = out[0]
    }

    /** The token for [timestamp], identical to [PaveToken.token] with the same credentials. */
    fun token(timestamp: String): String = token(timestamp.utf8())

    /** [token] over raw bytes. */
    fun token(timestamp: ByteArray): String {
        val out = ByteArray(PaveToken.TOKEN_SIZE)
        lock.read {
            PaveToken.check(Lib.pave_signer_token(live(), timestamp, timestamp.len(), out, PaveToken.TOKEN_SIZE.toLong()))
        }
        return out.token()
    }

    /** Signs "now": (timestamp, token). */
    fun tokenNow(format: TimeFormat = TimeFormat.RFC3339): Pair<String, String> {
        val ts = ByteArray(PaveToken.TIMESTAMP_SIZE)
        val out = ByteArray(PaveToken.TOKEN_SIZE)
        lock.read {
            PaveToken.check(Lib.pave_signer_token_now(live(), format.code, ts, PaveToken.TIMESTAMP_SIZE.toLong(),
                out, PaveToken.TOKEN_SIZE.toLong()))
        }
        return Pair(ts.cString(), out.token())
    }

    /** Releases the signer and wipes its key material; later calls throw. */
    override fun close() {
        lock.write {
            if (handle != 0L) {
                Lib.pave_signer_free(handle)
                handle = 0L
            }
        }
    }

    private fun live(): Long {
        if (handle == 0L) throw IllegalStateException("pave_token: the Signer is closed")
        return handle
    }
}

private fun String.utf8(): ByteArray = toByteArray(StandardCharsets.UTF_8)
private fun ByteArray.len(): Long = size.toLong()
private fun ByteArray.token(): String = String(this, 0, PaveToken.TOKEN_SIZE - 1, StandardCharsets.US_ASCII)
private fun ByteArray.cString(): String {
    val end = indexOf(0.toByte()).let { if (it < 0) size else it }
    return String(this, 0, end, StandardCharsets.US_ASCII)
}
