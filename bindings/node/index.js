'use strict';
/**
 * PAVE API access tokens from the pave-token Rust crate, through a Node-API
 * addon built with napi-rs (rust/lib.rs; ABI-stable, one build for Node 18+).
 *
 *   token = lowercase_hex(HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp))
 *
 *   const pave = require('pave-token');
 *   fetch(url, { headers: pave.signHeaders(username, apiKey, apiSecret) });
 *
 * Strings are signed as UTF-8, a Buffer/Uint8Array as its bytes; anything
 * else is a TypeError, and numbers are never coerced. Errors of the library
 * are PaveError (with .status and the library's message). Safe in worker
 * threads: the addon keeps no state shared between them. The addon is the
 * one built in build/ (make build), else the one this package ships for its
 * platform (prebuilds/<platform>-<arch>/: linux-x64 and linux-arm64, glibc 2.17 or newer);
 * elsewhere npm install builds it from source with cargo (install.js).
 */
const fs = require('fs');
const path = require('path');
const { prebuiltKey } = require('./platform.js');

function loadAddon() {
  // build/ first: a checkout's build, or the one install.js built from source.
  const key = prebuiltKey();
  const candidates = [path.join(__dirname, 'build', 'pave_token.node')];
  if (key) candidates.push(path.join(__dirname, 'prebuilds', key, 'pave_token.node'));
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(`pave-token: no addon for ${process.platform}-${process.arch}${key ? '' : ' (musl)'} ` +
      `(looked in ${candidates.join(', ')}); reinstall with cargo on PATH to build it from source`);
  }
  return require(found);
}

const native = loadAddon();

const TOKEN_SIZE = native.TOKEN_SIZE;
const TIMESTAMP_SIZE = native.TIMESTAMP_SIZE;
const TimeFormat = Object.freeze({ RFC3339: native.TIME_RFC3339, UNIX: native.TIME_UNIX, RFC3339_MILLIS: native.TIME_RFC3339_MILLIS });
const Status = Object.freeze({
  OK: 0, INVALID_ARGUMENT: native.INVALID_ARGUMENT,
  INVALID_TIMESTAMP: native.INVALID_TIMESTAMP, TOKEN_MISMATCH: native.TOKEN_MISMATCH,
  TIMESTAMP_SKEW: native.TIMESTAMP_SKEW,
});
/** PAVE's limit on a token's age, either way (its tokens expire within 5 minutes): verifyFresh's default. */
const MAX_SKEW_SECONDS = native.MAX_SKEW_SECONDS;

class PaveError extends Error {
  constructor(status, message) {
    super(`pave_token: ${message} (status ${status})`);
    this.name = 'PaveError';
    this.status = status;
  }
}

// napi-rs's codes for an argument of the wrong type.
const TYPE_CODES = new Set(['InvalidArg', 'StringExpected', 'NumberExpected', 'ObjectExpected', 'BooleanExpected',
  'BigintExpected', 'FunctionExpected', 'ArrayExpected']);
/** The addon's error as this package's: PaveError, TypeError, or itself. */
function ours(e) {
  if (e !== null && typeof e === 'object') {
    if (e.code === 'PAVE_ERROR') return new PaveError(e.status, e.message);
    if (TYPE_CODES.has(e.code)) return new TypeError(`pave-token: ${e.message}`);
  }
  return e;
}

/** The token for one request; send `timestamp` unchanged as API-Timestamp. */
function token(username, apiKey, timestamp, apiSecret) {
  try { return native.token(username, apiKey, timestamp, apiSecret); } catch (e) { throw ours(e); }
}
/** Signs the current time: { timestamp, token }. */
function tokenNow(username, apiKey, apiSecret, format = TimeFormat.RFC3339) {
  try { return native.tokenNow(username, apiKey, apiSecret, format); } catch (e) { throw ours(e); }
}
/** True when `tok` (either hex case) signs these inputs; constant time. */
function verify(username, apiKey, timestamp, apiSecret, tok) {
  try { return native.verify(username, apiKey, timestamp, apiSecret, tok); } catch (e) { throw ours(e); }
}
/** True when `tok` signs these inputs (constant time, checked first) and `timestamp` lies within
 *  `maxSkew` seconds of `now` (Unix seconds; null/undefined: the system clock). A rejection throws
 *  PaveError whose status says why: TOKEN_MISMATCH, INVALID_TIMESTAMP, TIMESTAMP_SKEW; never false. */
function verifyFresh(username, apiKey, timestamp, apiSecret, tok, now = null, maxSkew = MAX_SKEW_SECONDS) {
  try {
    return native.verifyFresh(username, apiKey, timestamp, apiSecret, tok, now, maxSkew);
  } catch (e) { throw ours(e); }
}
/** Unix seconds of an RFC 3339 or Unix-seconds timestamp (floor of the instant). */
function parseTimestamp(value) {
  try { return native.parseTimestamp(value); } catch (e) { throw ours(e); }
}
/** Formats Unix seconds (undefined/null: now) in `format`; years 0000..9999 UTC. */
function timestamp(unix = null, format = TimeFormat.RFC3339, millis = 0) {
  try { return native.timestamp(unix, format, millis); } catch (e) { throw ours(e); }
}
const version = native.version;

function apiKeyText(apiKey) {
  return typeof apiKey === 'string' ? apiKey : Buffer.from(apiKey).toString('utf8');
}

/** The three headers for a request signed now, ready for fetch/http. */
function signHeaders(username, apiKey, apiSecret, format = TimeFormat.RFC3339) {
  const now = tokenNow(username, apiKey, apiSecret, format);
  return { 'API-Key': apiKeyText(apiKey), 'API-Token': now.token, 'API-Timestamp': now.timestamp };
}

/** One account's signer: key schedule hashed once. close() drops and wipes
 *  it (the garbage collector does it for a forgotten signer); a token after
 *  it throws. The addon's handle is private to this object. */
class Signer {
  #signer;
  #apiKey;

  constructor(username, apiKey, apiSecret) {
    try { this.#signer = native.newSigner(username, apiKey, apiSecret); } catch (e) { throw ours(e); }
    this.#apiKey = apiKeyText(apiKey);
  }

  token(timestamp) {
    try { return native.signerToken(this.#signer, timestamp); } catch (e) { throw ours(e); }
  }

  tokenNow(format = TimeFormat.RFC3339) {
    try { return native.signerTokenNow(this.#signer, format); } catch (e) { throw ours(e); }
  }

  signHeaders(format = TimeFormat.RFC3339) {
    const now = this.tokenNow(format);
    return { 'API-Key': this.#apiKey, 'API-Token': now.token, 'API-Timestamp': now.timestamp };
  }

  close() {
    native.signerClose(this.#signer);
  }
}

// The C header's sizes and the statuses this module uses (a test checks them against it).
const constants = Object.freeze({ TOKEN_SIZE, TIMESTAMP_SIZE, Status });

module.exports = { TimeFormat, PaveError, token, tokenNow, verify, verifyFresh, MAX_SKEW_SECONDS, timestamp, parseTimestamp, signHeaders, Signer, version, constants };
