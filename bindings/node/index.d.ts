// Type declarations for pave-token (CommonJS and ES module entries alike).

/** Strings are encoded as UTF-8; a Buffer or Uint8Array passes as it is. */
export type Bytes = string | Uint8Array;

/** How a timestamp is written (the header's PAVE_TIME_* values). */
export declare const TimeFormat: Readonly<{ RFC3339: 0; UNIX: 1; RFC3339_MILLIS: 2 }>;
export type TimeFormat = (typeof TimeFormat)[keyof typeof TimeFormat];

/** A call the library refused: `status` is its pave_status. */
export declare class PaveError extends Error {
  readonly status: number;
  constructor(status: number, message: string);
}

export interface SignedNow {
  timestamp: string;
  token: string;
}

export interface PaveHeaders {
  'API-Key': string;
  'API-Token': string;
  'API-Timestamp': string;
}

/** lowercase_hex(HMAC-SHA256(apiSecret, username ":" apiKey "@" timestamp)); send `timestamp` unchanged. */
export declare function token(username: Bytes, apiKey: Bytes, timestamp: Bytes, apiSecret: Bytes): string;
/** Signs the current time. */
export declare function tokenNow(username: Bytes, apiKey: Bytes, apiSecret: Bytes, format?: TimeFormat): SignedNow;
/** Whether `token` (either hex case) signs these inputs; constant time. */
export declare function verify(username: Bytes, apiKey: Bytes, timestamp: Bytes, apiSecret: Bytes, token: Bytes): boolean;
/** PAVE's limit on a token's age, either way: 300 seconds, verifyFresh's default. */
export declare const MAX_SKEW_SECONDS: number;
/** `verify`, and `timestamp` within `maxSkew` seconds of `now` (Unix seconds; null or omitted: the
 *  system clock). Returns true or throws PaveError whose status is the reason (TOKEN_MISMATCH, checked
 *  first; INVALID_TIMESTAMP; TIMESTAMP_SKEW); never false. */
export declare function verifyFresh(username: Bytes, apiKey: Bytes, timestamp: Bytes, apiSecret: Bytes, token: Bytes,
  now?: number | null, maxSkew?: number): true; // now: an integer in [-2^63, 2^63); maxSkew: 0..2^32-1
/** Unix seconds (null or omitted: now) in `format`. */
export declare function timestamp(unix?: number | null, format?: TimeFormat, millis?: number): string;
/** Unix seconds (floor of the instant) of an RFC 3339 or Unix-seconds timestamp. */
export declare function parseTimestamp(value: Bytes): number;
/** The three headers of a request signed now. */
export declare function signHeaders(username: Bytes, apiKey: Bytes, apiSecret: Bytes, format?: TimeFormat): PaveHeaders;
/** The library's version. */
export declare function version(): string;

/** One account's signer; close() frees and wipes it. */
export declare class Signer {
  constructor(username: Bytes, apiKey: Bytes, apiSecret: Bytes);
  token(timestamp: Bytes): string;
  tokenNow(format?: TimeFormat): SignedNow;
  signHeaders(format?: TimeFormat): PaveHeaders;
  close(): void;
}

/** The C header's sizes and the statuses this module checks. */
export declare const constants: Readonly<{
  TOKEN_SIZE: number;
  TIMESTAMP_SIZE: number;
  Status: Readonly<{ OK: number; INVALID_ARGUMENT: number; INVALID_TIMESTAMP: number; TOKEN_MISMATCH: number;
    TIMESTAMP_SKEW: number }>;
}>;

declare const pave: {
  TimeFormat: typeof TimeFormat;
  PaveError: typeof PaveError;
  token: typeof token;
  tokenNow: typeof tokenNow;
  verify: typeof verify;
  verifyFresh: typeof verifyFresh;
  MAX_SKEW_SECONDS: typeof MAX_SKEW_SECONDS;
  timestamp: typeof timestamp;
  parseTimestamp: typeof parseTimestamp;
  signHeaders: typeof signHeaders;
  Signer: typeof Signer;
  version: typeof version;
  constants: typeof constants;
};
export default pave;
