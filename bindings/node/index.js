'use strict';
/**
 * PAVE API access tokens from libpave_token, through a Node-API addon with
 * the library linked in (src/addon.c; ABI-stable, one build for Node 18+).
 *
 *   token = lowercase_hex(HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp))
 *
 *   const pave = require('pave-token');
 *   fetch(url, { headers: pave.signHeaders(username, apiKey, apiSecret) });
 *
 * Strings are UTF-8; Buffers/Uint8Arrays pass as they are. Errors are PaveError
 * (with .status and the library's message). The addon is the one this
 * package ships for its platform (prebuilds/<platform>-<arch>/; the published
 * package carries linux-x64), or one built in build/ (make build).
 */
const fs = require('fs');
const path = require('path');

function loadAddon() {
  const candidates = [
    path.join(__dirname, 'prebuilds', `${process.platform}-${process.arch}`, 'pave_token.node'),
    path.join(__dirname, 'build', 'pave_token.node'),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new Error(`pave-token: no addon for ${process.platform}-${process.arch} (looked in ${candidates.join(', ')})`);
  }
  return require(found);
}

const native = loadAddon();

// The header's values, from the compiled addon (a test compares them with include/pave_token.h).
const TOKEN_SIZE = native.TOKEN_SIZE;
const TIMESTAMP_SIZE = native.TIMESTAMP_SIZE;
const TimeFormat = Object.freeze({ RFC3339: native.TIME_RFC3339, UNIX: native.TIME_UNIX, RFC3339_MILLIS: native.TIME_RFC3339_MILLIS });
const Status = Object.freeze({
  OK: native.OK, INVALID_ARGUMENT: native.INVALID_ARGUMENT,
  INVALID_TIMESTAMP: native.INVALID_TIMESTAMP, TOKEN_MISMATCH: native.TOKEN_MISMATCH,
});

class PaveError extends Error {
  constructor(status, message) {
    super(`pave_token: ${message} (status ${status})`);
    this.name = 'PaveError';
    this.status = status;
  }
}
native.setErrorClass(PaveError);

/** The token for one request; send `timestamp` unchanged as API-Timestamp. */
const token = native.token;
/** Signs the current time: { timestamp, token }. */
const tokenNow = (username, apiKey, apiSecret, format = TimeFormat.RFC3339) => native.tokenNow(username, apiKey, apiSecret, format);
/** True when `tok` (either hex case) signs these inputs; constant time in the library. */
const verify = native.verify;
/** Unix seconds of an RFC 3339 or Unix-seconds timestamp (floor of the instant). */
const parseTimestamp = native.parseTimestamp;
const version = native.version;

/** Formats Unix seconds (undefined/null: now) in `format`; years 0000..9999 UTC. */
function timestamp(unix = null, format = TimeFormat.RFC3339, millis = 0) {
  if (unix === null || unix === undefined) return native.timestampNow(format);
  if (!Number.isSafeInteger(unix)) throw new PaveError(Status.INVALID_TIMESTAMP, 'invalid timestamp: unix must be a safe integer');
  if (!Number.isInteger(millis) || millis < 0 || millis > 0xffffffff) throw new PaveError(Status.INVALID_ARGUMENT, 'invalid argument: millis');
  return native.timestamp(unix, format, millis);
}

function headers(apiKey, ts, tok) {
  const key = typeof apiKey === 'string' ? apiKey : Buffer.from(apiKey).toString('utf8');
  return { 'API-Key': key, 'API-Token': tok, 'API-Timestamp': ts };
}

/** The three headers for a request signed now, ready for fetch/http. */
function signHeaders(username, apiKey, apiSecret, format = TimeFormat.RFC3339) {
  const now = native.tokenNow(username, apiKey, apiSecret, format);
  return headers(apiKey, now.timestamp, now.token);
}

/** One account's signer: key schedule hashed once. close() frees and wipes it
 *  (the garbage collector does it for a forgotten signer). token(timestamp)
 *  and tokenNow(format) run in the addon. */
class Signer extends native.Signer {
  constructor(username, apiKey, apiSecret) {
    super(username, apiKey, apiSecret);
    this.apiKey = apiKey;
  }

  signHeaders(format = TimeFormat.RFC3339) {
    const now = this.tokenNow(format);
    return headers(this.apiKey, now.timestamp, now.token);
  }
}

// The C header's sizes and the statuses this module uses (a test checks them against it).
const constants = Object.freeze({ TOKEN_SIZE, TIMESTAMP_SIZE, Status });

module.exports = { TimeFormat, PaveError, token, tokenNow, verify, timestamp, parseTimestamp, signHeaders, Signer, version, constants };
