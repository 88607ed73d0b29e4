package pave.token

import com.sun.jna.Native
import com.sun.jna.NativeLibrary

/**
 * libpave_token's C functions, bound with JNA's direct mapping: static
 * native methods registered once, several times cheaper per call than an
 * interface proxy. `size_t` is a Long and a `pave_signer *` a Long address
 * (64-bit JVMs); `pave_status` and the formats (uint32_t) are Ints.
 *
 * The library is found through `jna.library.path`, the system loader, or
 * the copy bundled in the jar (`linux-x86-64/libpave_token.so`, JNA's
 * resource-path convention), in that order.
 */
internal object Lib {
    init {
        Native.register(Lib::class.java, NativeLibrary.getInstance("pave_token"))
    }

    @JvmStatic external fun pave_token(
        username: ByteArray, usernameLen: Long, apiKey: ByteArray, apiKeyLen: Long,
        timestamp: ByteArray, timestampLen: Long, apiSecret: ByteArray, apiSecretLen: Long,
        out: ByteArray, outSize: Long
    ): Int

    @JvmStatic external fun pave_token_now(
        username: ByteArray, usernameLen: Long, apiKey: ByteArray, apiKeyLen: Long,
        apiSecret: ByteArray, apiSecretLen: Long, format: Int,
        timestampOut: ByteArray, timestampOutSize: Long, tokenOut: ByteArray, tokenOutSize: Long
    ): Int

    @JvmStatic external fun pave_token_verify(
        username: ByteArray, usernameLen: Long, apiKey: ByteArray, apiKeyLen: Long,
        timestamp: ByteArray, timestampLen: Long, apiSecret: ByteArray, apiSecretLen: Long,
        token: ByteArray, tokenLen: Long
    ): Int

    @JvmStatic external fun pave_timestamp(
        unixSeconds: Long, millis: Int, format: Int, out: ByteArray, outSize: Long, outLen: LongArray
    ): Int

    @JvmStatic external fun pave_timestamp_now(format: Int, out: ByteArray, outSize: Long, outLen: LongArray): Int

    @JvmStatic external fun pave_timestamp_parse(timestamp: ByteArray, len: Long, unixSecondsOut: LongArray): Int

    @JvmStatic external fun pave_signer_new(
        username: ByteArray, usernameLen: Long, apiKey: ByteArray, apiKeyLen: Long,
        apiSecret: ByteArray, apiSecretLen: Long, signerOut: LongArray
    ): Int

    @JvmStatic external fun pave_signer_token(
        signer: Long, timestamp: ByteArray, timestampLen: Long, out: ByteArray, outSize: Long
    ): Int

    @JvmStatic external fun pave_signer_token_now(
        signer: Long, format: Int, timestampOut: ByteArray, timestampOutSize: Long,
        tokenOut: ByteArray, tokenOutSize: Long
    ): Int

    @JvmStatic external fun pave_signer_free(signer: Long)

    @JvmStatic external fun pave_status_message(status: Int): String

    @JvmStatic external fun pave_version(): String
}
