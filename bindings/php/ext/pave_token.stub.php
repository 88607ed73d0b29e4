<?php

/**
 * @generate-class-entries
 * @undocumentable
 */

namespace {
    /**
     * @var int
     * @cvalue PAVE_TIME_RFC3339
     */
    const PAVE_TIME_RFC3339 = UNKNOWN;
    /**
     * @var int
     * @cvalue PAVE_TIME_UNIX
     */
    const PAVE_TIME_UNIX = UNKNOWN;
    /**
     * @var int
     * @cvalue PAVE_TIME_RFC3339_MILLIS
     */
    const PAVE_TIME_RFC3339_MILLIS = UNKNOWN;
    /**
     * @var int
     * @cvalue PAVE_TOKEN_LEN
     */
    const PAVE_TOKEN_LEN = UNKNOWN;
    /**
     * @var int
     * @cvalue PAVE_ERR_TOKEN_MISMATCH
     */
    const PAVE_ERR_TOKEN_MISMATCH = UNKNOWN;
    /**
     * @var int
     * @cvalue PAVE_ERR_INVALID_TIMESTAMP
     */
    const PAVE_ERR_INVALID_TIMESTAMP = UNKNOWN;
    /**
     * @var int
     * @cvalue PAVE_ERR_TIMESTAMP_SKEW
     */
    const PAVE_ERR_TIMESTAMP_SKEW = UNKNOWN;

    function pave_token(string $username, string $api_key, string $timestamp, string $api_secret): string {}

    /** @return array{timestamp: string, token: string} */
    function pave_token_now(string $username, string $api_key, string $api_secret, int $format = PAVE_TIME_RFC3339): array {}

    /** @return array{"API-Key": string, "API-Token": string, "API-Timestamp": string} */
    function pave_token_headers(string $username, string $api_key, string $api_secret, int $format = PAVE_TIME_RFC3339): array {}

    function pave_token_verify(string $username, string $api_key, string $timestamp, string $api_secret, string $token): bool {}

    /** @param int $status 0, or why it is false: PAVE_ERR_TOKEN_MISMATCH, PAVE_ERR_INVALID_TIMESTAMP or PAVE_ERR_TIMESTAMP_SKEW */
    function pave_token_verify_fresh(string $username, string $api_key, string $timestamp, string $api_secret, string $token, ?int $now = null, int $max_skew = 300, &$status = null): bool {}

    function pave_timestamp(?int $unix = null, int $format = PAVE_TIME_RFC3339, int $millis = 0): string {}

    function pave_timestamp_parse(string $timestamp): int {}
}

namespace Pave {
    /**
     * @strict-properties
     * @not-serializable
     */
    final class Signer
    {
        public function __construct(string $username, string $api_key, string $api_secret) {}

        public function token(string $timestamp): string {}

        /** @return array{timestamp: string, token: string} */
        public function tokenNow(int $format = PAVE_TIME_RFC3339): array {}

        /** @return array{"API-Key": string, "API-Token": string, "API-Timestamp": string} */
        public function headers(int $format = PAVE_TIME_RFC3339): array {}
    }
}
