<?php

declare(strict_types=1);

namespace PaveToken;

use FFI as PhpFfi;
use FFI\CData;
use ValueError;

/**
 * libpave_token through PHP's FFI: the same functions as the pave_token
 * extension, for hosts where installing an extension is not an option.
 *
 *   $pave = PaveToken\Ffi::load();
 *   $headers = $pave->headers($username, $apiKey, $apiSecret);
 *
 * Errors: ValueError (code = the library's status) for empty or invalid
 * arguments, \RuntimeException for a clock failure or internal error.
 * One instance reuses its output buffers: use it from one thread at a time
 * (the PHP norm); create one per thread otherwise.
 */
final class Ffi
{
    // PHP constants need literal values: ffi_test.php checks them against
    // the header's PAVE_TIME_* (sizes and statuses are read from it).
    public const TIME_RFC3339 = 0;
    public const TIME_UNIX = 1;
    public const TIME_RFC3339_MILLIS = 2;

    private CData $token;
    private CData $timestamp;
    private CData $length;
    private CData $seconds;

    private function __construct(private PhpFfi $ffi)
    {
        $this->token = $ffi->new("char[{$ffi->PAVE_TOKEN_SIZE}]");
        $this->timestamp = $ffi->new("char[{$ffi->PAVE_TIMESTAMP_SIZE}]");
        $this->length = $ffi->new('size_t');
        $this->seconds = $ffi->new('int64_t');
    }

    /**
     * The preloaded scope when opcache.preload set it up (PHP-FPM), otherwise
     * the header next to this file bound to $library, PAVE_TOKEN_LIB, or
     * libpave_token.so.0 from the system loader path.
     */
    public static function load(?string $library = null): self
    {
        if ($library === null && ini_get('ffi.enable') === 'preload') {
            try {
                return new self(PhpFfi::scope('pave_token'));
            } catch (PhpFfi\Exception) {
                // not preloaded: fall through to cdef (works in the CLI)
            }
        }
        $header = file_get_contents(__DIR__ . '/../pave_token_ffi.h');
        $header = preg_replace('/^#define FFI_(SCOPE|LIB).*$/m', '', $header);
        $library ??= getenv('PAVE_TOKEN_LIB') ?: 'libpave_token.so.0';
        return new self(PhpFfi::cdef($header, $library));
    }

    public function token(string $username, string $apiKey, string $timestamp, string $apiSecret): string
    {
        $this->check($this->ffi->pave_token(
            $username, \strlen($username), $apiKey, \strlen($apiKey), $timestamp, \strlen($timestamp),
            $apiSecret, \strlen($apiSecret), $this->token, $this->ffi->PAVE_TOKEN_SIZE
        ));
        return PhpFfi::string($this->token, 64);
    }

    /** @return array{timestamp: string, token: string} */
    public function tokenNow(string $username, string $apiKey, string $apiSecret, int $format = self::TIME_RFC3339): array
    {
        $this->check($this->ffi->pave_token_now(
            $username, \strlen($username), $apiKey, \strlen($apiKey), $apiSecret, \strlen($apiSecret),
            self::u32($format, 'format'), $this->timestamp, $this->ffi->PAVE_TIMESTAMP_SIZE, $this->token, $this->ffi->PAVE_TOKEN_SIZE
        ));
        return ['timestamp' => PhpFfi::string($this->timestamp), 'token' => PhpFfi::string($this->token, 64)];
    }

    /** @return array{"API-Key": string, "API-Token": string, "API-Timestamp": string} */
    public function headers(string $username, string $apiKey, string $apiSecret, int $format = self::TIME_RFC3339): array
    {
        $now = $this->tokenNow($username, $apiKey, $apiSecret, $format);
        return ['API-Key' => $apiKey, 'API-Token' => $now['token'], 'API-Timestamp' => $now['timestamp']];
    }

    /** Constant-time check; upper- or lower-case hex. False for a wrong or malformed token. */
    public function verify(string $username, string $apiKey, string $timestamp, string $apiSecret, string $token): bool
    {
        $status = $this->ffi->pave_token_verify(
            $username, \strlen($username), $apiKey, \strlen($apiKey), $timestamp, \strlen($timestamp),
            $apiSecret, \strlen($apiSecret), $token, \strlen($token)
        );
        if ($status === $this->ffi->PAVE_ERR_TOKEN_MISMATCH) {
            return false;
        }
        $this->check($status);
        return true;
    }

    /**
     * verify(), and $timestamp within $maxSkew seconds (0..2^32-1; PAVE's tokens expire within 300)
     * of $now (Unix seconds; null: the system clock), as pave_token_verify_fresh() of the
     * extension: true when valid and fresh; false for a rejection, with the reason in $status
     * (PAVE_ERR_TOKEN_MISMATCH, checked first in constant time; PAVE_ERR_INVALID_TIMESTAMP;
     * PAVE_ERR_TIMESTAMP_SKEW); ValueError for empty fields or a skew out of range.
     */
    public function verifyFresh(
        string $username,
        string $apiKey,
        string $timestamp,
        string $apiSecret,
        string $token,
        ?int $now = null,
        int $maxSkew = 300,
        ?int &$status = null,
    ): bool {
        $maxSkew = self::u32($maxSkew, 'maxSkew');
        $status = $this->ffi->pave_token_verify_fresh(
            $username, \strlen($username), $apiKey, \strlen($apiKey), $timestamp, \strlen($timestamp),
            $apiSecret, \strlen($apiSecret), $token, \strlen($token), $now ?? time(), $maxSkew
        );
        if (!\in_array($status, [$this->ffi->PAVE_ERR_TOKEN_MISMATCH, $this->ffi->PAVE_ERR_INVALID_TIMESTAMP,
            $this->ffi->PAVE_ERR_TIMESTAMP_SKEW], true)) {
            $this->check($status);
        }
        return $status === 0;
    }

    /** Formats $unix (null: now) in $format; $millis 0..999 is used by TIME_RFC3339_MILLIS. */
    public function timestamp(?int $unix = null, int $format = self::TIME_RFC3339, int $millis = 0): string
    {
        $format = self::u32($format, 'format');
        $status = $unix === null
            ? $this->ffi->pave_timestamp_now($format, $this->timestamp, $this->ffi->PAVE_TIMESTAMP_SIZE, PhpFfi::addr($this->length))
            : $this->ffi->pave_timestamp($unix, self::u32($millis, 'millis'), $format, $this->timestamp, $this->ffi->PAVE_TIMESTAMP_SIZE,
                PhpFfi::addr($this->length));
        $this->check($status);
        return PhpFfi::string($this->timestamp, $this->length->cdata);
    }

    /** Unix seconds of a Unix-seconds or RFC 3339 timestamp (floor of the instant). */
    public function parseTimestamp(string $timestamp): int
    {
        $this->check($this->ffi->pave_timestamp_parse($timestamp, \strlen($timestamp), PhpFfi::addr($this->seconds)));
        return $this->seconds->cdata;
    }

    public function signer(string $username, string $apiKey, string $apiSecret): FfiSigner
    {
        $handle = $this->ffi->new('pave_signer*');
        $this->check($this->ffi->pave_signer_new(
            $username, \strlen($username), $apiKey, \strlen($apiKey), $apiSecret, \strlen($apiSecret),
            PhpFfi::addr($handle)
        ));
        return new FfiSigner($this, $this->ffi, $handle, $apiKey);
    }

    public function version(): string
    {
        return $this->ffi->pave_version(); // FFI returns const char * as a PHP string
    }

    /** @internal Throws for any status but PAVE_OK. */
    public function check(int $status): void
    {
        if ($status === 0) {
            return;
        }
        $message = $this->ffi->pave_status_message($status);
        if ($status === $this->ffi->PAVE_ERR_CLOCK || $status === $this->ffi->PAVE_ERR_INTERNAL) {
            throw new \RuntimeException("pave_token: $message", $status);
        }
        throw new ValueError("pave_token: $message", $status);
    }

    /** @internal The library's outputs, for FfiSigner. */
    public function buffers(): array
    {
        return [$this->token, $this->timestamp];
    }

    /** A PHP int as a C uint32_t, refusing values the cast would wrap. */
    private static function u32(int $value, string $name): int
    {
        if ($value < 0 || $value > 0xFFFFFFFF) {
            throw new ValueError("pave_token: \$$name is out of range");
        }
        return $value;
    }
}
