<?php

declare(strict_types=1);

namespace PaveToken;

use FFI as PhpFfi;
use FFI\CData;

/**
 * One account's signer over FFI (from Ffi::signer()): key schedule computed
 * once; freed, and its key material wiped, when the object is destroyed.
 */
final class FfiSigner
{
    private Ffi $owner;
    private PhpFfi $ffi;
    /** The C signer; null until constructed (and in an object made without the constructor). */
    private ?CData $handle = null;
    private string $apiKey;

    /** @internal Use Ffi::signer(). */
    public function __construct(Ffi $owner, PhpFfi $ffi, CData $handle, string $apiKey)
    {
        // A second call on a live signer would drop its handle unfreed, its
        // key schedule never wiped.
        if ($this->handle !== null) {
            throw new \Error('a PaveToken\FfiSigner is constructed once');
        }
        $this->owner = $owner;
        $this->ffi = $ffi;
        $this->handle = $handle;
        $this->apiKey = $apiKey;
    }

    public function __destruct()
    {
        if ($this->handle !== null) {
            $this->ffi->pave_signer_free($this->handle);
            $this->handle = null;
        }
    }

    public function __clone()
    {
        // The copy must never free the original's handle, even though it is
        // destroyed right after this throws.
        $this->handle = null;
        throw new \Error('a PaveToken\FfiSigner cannot be cloned');
    }

    /** A signer holds a C handle and key material: it is never serialized. */
    public function __serialize(): array
    {
        throw new \Error('a PaveToken\FfiSigner cannot be serialized');
    }

    /** @param array<mixed> $data */
    public function __unserialize(array $data): void
    {
        throw new \Error('a PaveToken\FfiSigner cannot be unserialized');
    }

    public function token(string $timestamp): string
    {
        [$token] = $this->owner->buffers();
        $this->owner->check($this->ffi->pave_signer_token($this->handle, $timestamp, \strlen($timestamp), $token, $this->ffi->PAVE_TOKEN_SIZE));
        return PhpFfi::string($token, 64);
    }

    /** @return array{timestamp: string, token: string} */
    public function tokenNow(int $format = Ffi::TIME_RFC3339): array
    {
        if ($format < 0 || $format > 0xFFFFFFFF) {
            throw new \ValueError('pave_token: $format is out of range');
        }
        [$token, $timestamp] = $this->owner->buffers();
        $this->owner->check($this->ffi->pave_signer_token_now($this->handle, $format, $timestamp, $this->ffi->PAVE_TIMESTAMP_SIZE, $token, $this->ffi->PAVE_TOKEN_SIZE));
        return ['timestamp' => PhpFfi::string($timestamp), 'token' => PhpFfi::string($token, 64)];
    }

    /** @return array{"API-Key": string, "API-Token": string, "API-Timestamp": string} */
    public function headers(int $format = Ffi::TIME_RFC3339): array
    {
        $now = $this->tokenNow($format);
        return ['API-Key' => $this->apiKey, 'API-Token' => $now['token'], 'API-Timestamp' => $now['timestamp']];
    }
}
