'use strict';
/**
 * PAVE API access tokens through libpave_token (koffi; nothing compiled at install).
 *
 *   token = lowercase_hex(HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp))
 *
 *   const pave = require('pave-token');
 *   fetch(url, { headers: pave.signHeaders(username, apiKey, apiSecret) });
 *
 * Strings are UTF-8; Buffers/Uint8Arrays pass as they are. Errors are PaveError
 * (with .status and the library's message). The library is found through
 * PAVE_TOKEN_LIB, then the copy in prebuilds/<platform>-<arch>/ (the
 * published package carries linux-x64), then the system loader.
 */
const fs = require('fs');
const path = require('path');
const koffi = require('koffi');

const TOKEN_SIZE = 65;
const TIMESTAMP_SIZE = 32;
const TimeFormat = Object.freeze({ RFC3339: 0, UNIX: 1, RFC3339_MILLIS: 2 });
// pave_status values (include/pave_token.h) this module checks or raises itself.
const Status = Object.freeze({ OK: 0, INVALID_ARGUMENT: 4, INVALID_TIMESTAMP: 5, TOKEN_MISMATCH: 7 });

class PaveError extends Error {
  constructor(status, message) {
    super(`pave_token: ${message} (status ${status})`);
    this.name = 'PaveError';
    this.status = status;
  }
}

function loadLibrary() {
  // The copy this package ships for its platform (prebuilds/<platform>-<arch>/,
  // the prebuilt-binary convention), after an explicit PAVE_TOKEN_LIB and
  // before the system's.
  const prebuilt = path.join(__dirname, 'prebuilds', `${process.platform}-${process.arch}`, 'libpave_token.so.0');
  const candidates = [process.env.PAVE_TOKEN_LIB, prebuilt, path.join(__dirname, 'libpave_token.so.0'),
    path.join(__dirname, 'libpave_token.so'), 'libpave_token.so.0'].filter(Boolean);
  const errors = [];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !fs.existsSync(candidate)) continue;
    try {
      return koffi.load(candidate);
    } catch (e) {
      errors.push(e.message);
    }
  }
  throw new Error(`libpave_token not found (set PAVE_TOKEN_LIB): ${errors.join('; ')}`);
}

const lib = loadLibrary();
koffi.opaque('pave_signer');
const bytesIn = 'const uint8_t *';
const fn = {
  token: lib.func('uint32_t pave_token(const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, size_t, _Out_ uint8_t *, size_t)'),
  tokenNow: lib.func('uint32_t pave_token_now(const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, size_t, uint32_t, _Out_ uint8_t *, size_t, _Out_ uint8_t *, size_t)'),
  verify: lib.func(`uint32_t pave_token_verify(${Array(5).fill(`${bytesIn}, size_t`).join(', ')})`),
  timestamp: lib.func('uint32_t pave_timestamp(int64_t, uint32_t, uint32_t, _Out_ uint8_t *, size_t, _Out_ size_t *)'),
  timestampNow: lib.func('uint32_t pave_timestamp_now(uint32_t, _Out_ uint8_t *, size_t, _Out_ size_t *)'),
  parse: lib.func('uint32_t pave_timestamp_parse(const uint8_t *, size_t, _Out_ int64_t *)'),
  signerNew: lib.func('uint32_t pave_signer_new(const uint8_t *, size_t, const uint8_t *, size_t, const uint8_t *, size_t, _Out_ pave_signer **)'),
  signerToken: lib.func('uint32_t pave_signer_token(const pave_signer *, const uint8_t *, size_t, _Out_ uint8_t *, size_t)'),
  signerTokenNow: lib.func('uint32_t pave_signer_token_now(const pave_signer *, uint32_t, _Out_ uint8_t *, size_t, _Out_ uint8_t *, size_t)'),
  signerFree: lib.func('void pave_signer_free(pave_signer *)'),
  message: lib.func('const char *pave_status_message(uint32_t)'),
  version: lib.func('const char *pave_version(void)'),
};

function bytes(value, name) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`${name} must be a string, Buffer or Uint8Array`);
}

function check(status) {
  if (status !== Status.OK) throw new PaveError(status, fn.message(status));
}

function formatArg(format) {
  if (!Number.isInteger(format) || format < 0 || format > 0xffffffff) {
    throw new PaveError(Status.INVALID_ARGUMENT, 'invalid argument: format must be one of TimeFormat');
  }
  return format;
}

/** The token for one request; send `timestamp` unchanged as API-Timestamp. */
function token(username, apiKey, timestamp, apiSecret) {
  const u = bytes(username, 'username'); const k = bytes(apiKey, 'apiKey');
  const t = bytes(timestamp, 'timestamp'); const s = bytes(apiSecret, 'apiSecret');
  const out = Buffer.alloc(TOKEN_SIZE);
  check(fn.token(u, u.length, k, k.length, t, t.length, s, s.length, out, TOKEN_SIZE));
  return out.toString('latin1', 0, 64);
}

/** Signs the current time: { timestamp, token }. */
function tokenNow(username, apiKey, apiSecret, format = TimeFormat.RFC3339) {
  const u = bytes(username, 'username'); const k = bytes(apiKey, 'apiKey'); const s = bytes(apiSecret, 'apiSecret');
  const ts = Buffer.alloc(TIMESTAMP_SIZE); const out = Buffer.alloc(TOKEN_SIZE);
  check(fn.tokenNow(u, u.length, k, k.length, s, s.length, formatArg(format), ts, TIMESTAMP_SIZE, out, TOKEN_SIZE));
  return { timestamp: ts.toString('latin1', 0, ts.indexOf(0)), token: out.toString('latin1', 0, 64) };
}

/** True when `tok` (either hex case) signs these inputs; constant time in the library. */
function verify(username, apiKey, timestamp, apiSecret, tok) {
  const args = [username, apiKey, timestamp, apiSecret, tok].map((v) => bytes(v, 'argument'));
  const status = fn.verify(...args.flatMap((b) => [b, b.length]));
  if (status === Status.TOKEN_MISMATCH) return false;
  check(status);
  return true;
}

/** Formats Unix seconds (undefined/null: now) in `format`; years 0000..9999 UTC. */
function timestamp(unix = null, format = TimeFormat.RFC3339, millis = 0) {
  const out = Buffer.alloc(TIMESTAMP_SIZE); const len = [0];
  if (unix === null || unix === undefined) {
    check(fn.timestampNow(formatArg(format), out, TIMESTAMP_SIZE, len));
  } else {
    if (!Number.isSafeInteger(unix)) throw new PaveError(Status.INVALID_TIMESTAMP, 'invalid timestamp: unix must be a safe integer');
    if (!Number.isInteger(millis) || millis < 0 || millis > 0xffffffff) throw new PaveError(Status.INVALID_ARGUMENT, 'invalid argument: millis');
    check(fn.timestamp(unix, millis, formatArg(format), out, TIMESTAMP_SIZE, len));
  }
  return out.toString('latin1', 0, Number(len[0]));
}

/** Unix seconds of an RFC 3339 or Unix-seconds timestamp (floor of the instant). */
function parseTimestamp(value) {
  const b = bytes(value, 'timestamp'); const out = [0];
  check(fn.parse(b, b.length, out));
  return Number(out[0]);
}

function headers(apiKey, ts, tok) {
  const key = typeof apiKey === 'string' ? apiKey : Buffer.from(apiKey).toString('utf8');
  return { 'API-Key': key, 'API-Token': tok, 'API-Timestamp': ts };
}

/** The three headers for a request signed now, ready for fetch/http. */
function signHeaders(username, apiKey, apiSecret, format = TimeFormat.RFC3339) {
  const now = tokenNow(username, apiKey, apiSecret, format);
  return headers(apiKey, now.timestamp, now.token);
}

const registry = new FinalizationRegistry((handle) => fn.signerFree(handle));

/** One account's signer: key schedule hashed once. close() frees and wipes it
 *  (a finalizer does it for a forgotten signer). */
class Signer {
  constructor(username, apiKey, apiSecret) {
    const u = bytes(username, 'username'); const k = bytes(apiKey, 'apiKey'); const s = bytes(apiSecret, 'apiSecret');
    const out = [null];
    check(fn.signerNew(u, u.length, k, k.length, s, s.length, out));
    this.handle = out[0];
    this.apiKey = apiKey;
    registry.register(this, this.handle, this);
  }

  live() {
    if (this.handle === null) throw new Error('pave_token: signer is closed');
    return this.handle;
  }

  token(timestamp) {
    const t = bytes(timestamp, 'timestamp'); const out = Buffer.alloc(TOKEN_SIZE);
    check(fn.signerToken(this.live(), t, t.length, out, TOKEN_SIZE));
    return out.toString('latin1', 0, 64);
  }

  tokenNow(format = TimeFormat.RFC3339) {
    const ts = Buffer.alloc(TIMESTAMP_SIZE); const out = Buffer.alloc(TOKEN_SIZE);
    check(fn.signerTokenNow(this.live(), formatArg(format), ts, TIMESTAMP_SIZE, out, TOKEN_SIZE));
    return { timestamp: ts.toString('latin1', 0, ts.indexOf(0)), token: out.toString('latin1', 0, 64) };
  }

  signHeaders(format = TimeFormat.RFC3339) {
    const now = this.tokenNow(format);
    return headers(this.apiKey, now.timestamp, now.token);
  }

  close() {
    if (this.handle !== null) {
      registry.unregister(this);
      fn.signerFree(this.handle);
      this.handle = null;
    }
  }
}

const version = () => fn.version();

// The C header's sizes and the statuses this module uses (a test checks them against it).
const constants = Object.freeze({ TOKEN_SIZE, TIMESTAMP_SIZE, Status });

module.exports = { TimeFormat, PaveError, token, tokenNow, verify, timestamp, parseTimestamp, signHeaders, Signer, version, constants };
