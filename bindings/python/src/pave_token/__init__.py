"""PAVE API access tokens from the pave-token Rust crate (PyO3, CPython's stable ABI).

    token = lowercase_hex(HMAC-SHA256(api_secret, username ":" api_key "@" timestamp))

    import pave_token
    headers = pave_token.sign_headers(username, api_key, api_secret)
    urllib.request.Request(url, headers=headers)        # or requests.get(url, headers=headers)

str is signed as UTF-8; bytes, bytearray and memoryview as their bytes
(copied before anything is computed); any other type is a TypeError. Errors
of the library raise PaveError (a ValueError) carrying its status and message.
"""
import enum

from . import _native

__all__ = ["TimeFormat", "RFC3339", "UNIX", "RFC3339_MILLIS", "PaveError", "token", "token_now", "verify",
           "verify_fresh", "timestamp", "parse_timestamp", "sign_headers", "Signer", "version", "TOKEN_SIZE", "TIMESTAMP_SIZE",
           "MAX_SKEW_SECONDS"]

#: Bytes of a token buffer and a timestamp buffer (the header's PAVE_TOKEN_SIZE, PAVE_TIMESTAMP_SIZE).
TOKEN_SIZE = _native.TOKEN_SIZE
TIMESTAMP_SIZE = _native.TIMESTAMP_SIZE
#: PAVE's limit on a token's age, either way (its tokens expire within 5 minutes): verify_fresh's default.
MAX_SKEW_SECONDS = _native.MAX_SKEW_SECONDS


class TimeFormat(enum.IntEnum):
    RFC3339 = _native.TIME_RFC3339  #: 2021-05-30T12:49:19Z, the API-Timestamp format PAVE documents (default)
    UNIX = _native.TIME_UNIX  #: 1622378959
    RFC3339_MILLIS = _native.TIME_RFC3339_MILLIS  #: 2021-05-30T12:49:19.123Z (JavaScript toJSON())


RFC3339, UNIX, RFC3339_MILLIS = TimeFormat.RFC3339, TimeFormat.UNIX, TimeFormat.RFC3339_MILLIS


class PaveError(ValueError):
    """A call the library refused: `.status` is its pave_status, `.message` its text."""

    def __init__(self, status, message):
        super().__init__("pave_token: %s (status %d)" % (message, status))
        self.status = status
        self.message = message


#: token(username, api_key, timestamp, api_secret) -> str: the token for one
#: request; send `timestamp` unchanged as API-Timestamp.
token = _native.token
#: token_now(username, api_key, api_secret, format=RFC3339) -> (timestamp, token)
token_now = _native.token_now
#: verify(username, api_key, timestamp, api_secret, token) -> bool: either hex case; constant time.
verify = _native.verify
#: verify_fresh(username, api_key, timestamp, api_secret, token, now=None, max_skew=MAX_SKEW_SECONDS) -> True:
#: the token is right (checked first, in constant time) and the timestamp within max_skew seconds of
#: now (Unix seconds; None: the system clock). A rejection raises PaveError whose status says why:
#: TOKEN_MISMATCH (7), INVALID_TIMESTAMP (5), TIMESTAMP_SKEW (8); it never returns False.
verify_fresh = _native.verify_fresh
#: timestamp(unix=None, format=RFC3339, millis=0) -> str: Unix seconds (None: now) as `format`.
timestamp = _native.timestamp
#: parse_timestamp(value) -> int: Unix seconds (floor of the instant) of an RFC 3339 or Unix-seconds timestamp.
parse_timestamp = _native.parse_timestamp
#: version() -> str: the library's version.
version = _native.version
#: Signer(username, api_key, api_secret): one account's signer, key schedule hashed
#: once; thread-safe; token(timestamp), token_now(format), sign_headers(format),
#: close() (wipes its key material; twice is fine, a token after it raises
#: ValueError); a context manager; never pickled or copied.
Signer = _native.Signer


def sign_headers(username, api_key, api_secret, format=RFC3339):
    """The three headers for a request signed now, as a dict for urllib or requests."""
    ts, tok = token_now(username, api_key, api_secret, format)
    key = bytes(api_key).decode("utf-8") if isinstance(api_key, (bytes, bytearray, memoryview)) else api_key
    return {"API-Key": key, "API-Token": tok, "API-Timestamp": ts}
