"""PAVE API access tokens through libpave_token (ctypes, standard library only).

    token = lowercase_hex(HMAC-SHA256(api_secret, username ":" api_key "@" timestamp))

    import pave_token
    headers = pave_token.sign_headers(username, api_key, api_secret)
    urllib.request.Request(url, headers=headers)        # or requests.get(url, headers=headers)

Strings are encoded as UTF-8; bytes pass as they are. Errors raise PaveError
(a ValueError) carrying the library's status and message.

The library is found through PAVE_TOKEN_LIB (a path), then next to this file
(libpave_token.so.0 / libpave_token.so), then the system loader.
"""
import ctypes
import ctypes.util
import enum
import os

__all__ = ["TimeFormat", "RFC3339", "UNIX", "RFC3339_MILLIS", "PaveError", "token", "token_now", "verify",
           "timestamp", "parse_timestamp", "sign_headers", "Signer", "version"]

TOKEN_SIZE = 65
TIMESTAMP_SIZE = 32
# pave_status values (include/pave_token.h) this module checks or raises itself.
_OK, _INVALID_ARGUMENT, _INVALID_TIMESTAMP, _TOKEN_MISMATCH = 0, 4, 5, 7


class TimeFormat(enum.IntEnum):
    RFC3339 = 0  #: 2021-05-30T12:49:19Z, the API-Timestamp format PAVE documents (default)
    UNIX = 1  #: 1622378959
    RFC3339_MILLIS = 2  #: 2021-05-30T12:49:19.123Z (JavaScript toJSON())


RFC3339, UNIX, RFC3339_MILLIS = TimeFormat.RFC3339, TimeFormat.UNIX, TimeFormat.RFC3339_MILLIS


class PaveError(ValueError):
    """A call the library refused: `.status` is its pave_status, `.message` its text."""

    def __init__(self, status, message):
        super().__init__("pave_token: %s (status %d)" % (message, status))
        self.status = status
        self.message = message


def _load():
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.environ.get("PAVE_TOKEN_LIB"), os.path.join(here, "libpave_token.so.0"),
                  os.path.join(here, "libpave_token.so"), "libpave_token.so.0",
                  ctypes.util.find_library("pave_token")]
    errors = []
    for path in filter(None, candidates):
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    raise OSError("libpave_token not found (set PAVE_TOKEN_LIB): " + "; ".join(errors))


_lib = _load()
_c, _n, _out = ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p
_status = ctypes.c_uint32
for _name, _args in {
    "pave_token": [_c, _n] * 4 + [_out, _n],
    "pave_token_now": [_c, _n] * 3 + [ctypes.c_uint32, _out, _n, _out, _n],
    "pave_token_verify": [_c, _n] * 5,
    "pave_timestamp": [ctypes.c_int64, ctypes.c_uint32, ctypes.c_uint32, _out, _n, ctypes.POINTER(ctypes.c_size_t)],
    "pave_timestamp_now": [ctypes.c_uint32, _out, _n, ctypes.POINTER(ctypes.c_size_t)],
    "pave_timestamp_parse": [_c, _n, ctypes.POINTER(ctypes.c_int64)],
    "pave_signer_new": [_c, _n] * 3 + [ctypes.POINTER(ctypes.c_void_p)],
    "pave_signer_token": [ctypes.c_void_p, _c, _n, _out, _n],
    "pave_signer_token_now": [ctypes.c_void_p, ctypes.c_uint32, _out, _n, _out, _n],
}.items():
    getattr(_lib, _name).argtypes = _args
    getattr(_lib, _name).restype = _status
_lib.pave_signer_free.argtypes = [ctypes.c_void_p]
_lib.pave_signer_free.restype = None
_lib.pave_status_message.argtypes = [_status]
_lib.pave_status_message.restype = ctypes.c_char_p
_lib.pave_version.argtypes = []
_lib.pave_version.restype = ctypes.c_char_p


def _bytes(value, name):
    if type(value) is str:
        return value.encode("utf-8")
    if isinstance(value, str):
        return str(value).encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError("%s must be str or bytes, not %s" % (name, type(value).__name__))


def _check(status):
    if status != _OK:
        raise PaveError(status, _lib.pave_status_message(status).decode())


def _format(value):
    value = int(value)
    if not 0 <= value <= 0xFFFFFFFF:
        raise PaveError(_INVALID_ARGUMENT, "invalid argument: format out of range")
    return value


_TokenBuffer = ctypes.c_char * TOKEN_SIZE
_lib.pave_token_cstr.argtypes = [_c] * 4 + [_out, _n]
_lib.pave_token_cstr.restype = _status


def token(username, api_key, timestamp, api_secret):
    """The token for one request; send `timestamp` unchanged as API-Timestamp."""
    u, k = _bytes(username, "username"), _bytes(api_key, "api_key")
    t, s = _bytes(timestamp, "timestamp"), _bytes(api_secret, "api_secret")
    out = _TokenBuffer()
    # ctypes' cost grows with the number of arguments it converts: NUL-free
    # inputs (the usual case) go through the 6-argument C-string entry point.
    if b"\0" in u or b"\0" in k or b"\0" in t or b"\0" in s:
        status = _lib.pave_token(u, len(u), k, len(k), t, len(t), s, len(s), out, TOKEN_SIZE)
    else:
        status = _lib.pave_token_cstr(u, k, t, s, out, TOKEN_SIZE)
    _check(status)
    return out.value.decode("ascii")


def token_now(username, api_key, api_secret, format=RFC3339):
    """Signs the current time: returns (timestamp, token)."""
    u, k, s = _bytes(username, "username"), _bytes(api_key, "api_key"), _bytes(api_secret, "api_secret")
    ts, out = ctypes.create_string_buffer(TIMESTAMP_SIZE), ctypes.create_string_buffer(TOKEN_SIZE)
    _check(_lib.pave_token_now(u, len(u), k, len(k), s, len(s), _format(format), ts, TIMESTAMP_SIZE, out, TOKEN_SIZE))
    return ts.value.decode("ascii"), out.value.decode("ascii")


def verify(username, api_key, timestamp, api_secret, token):
    """True when `token` (either hex case) signs these inputs; constant time."""
    args = [_bytes(v, "argument") for v in (username, api_key, timestamp, api_secret, token)]
    status = _lib.pave_token_verify(*[x for a in args for x in (a, len(a))])
    if status == _TOKEN_MISMATCH:
        return False
    _check(status)
    return True


def timestamp(unix=None, format=RFC3339, millis=0):
    """Formats Unix seconds (None: now) as `format`; years 0000..9999 UTC."""
    out, length = ctypes.create_string_buffer(TIMESTAMP_SIZE), ctypes.c_size_t(0)
    if unix is None:
        status = _lib.pave_timestamp_now(_format(format), out, TIMESTAMP_SIZE, ctypes.byref(length))
    else:
        if not -2**63 <= unix < 2**63:
            raise PaveError(_INVALID_TIMESTAMP, "invalid timestamp: unix out of range")
        if not 0 <= millis <= 0xFFFFFFFF:
            raise PaveError(_INVALID_ARGUMENT, "invalid argument: millis out of range")
        status = _lib.pave_timestamp(unix, millis, _format(format), out, TIMESTAMP_SIZE, ctypes.byref(length))
    _check(status)
    return out.raw[:length.value].decode("ascii")


def parse_timestamp(value):
    """Unix seconds of an RFC 3339 or Unix-seconds timestamp (floor of the instant)."""
    b = _bytes(value, "timestamp")
    seconds = ctypes.c_int64(0)
    _check(_lib.pave_timestamp_parse(b, len(b), ctypes.byref(seconds)))
    return seconds.value


def _headers(api_key, ts, tok):
    key = api_key.decode("utf-8") if isinstance(api_key, (bytes, bytearray)) else api_key
    return {"API-Key": key, "API-Token": tok, "API-Timestamp": ts}


def sign_headers(username, api_key, api_secret, format=RFC3339):
    """The three headers for a request signed now, as a dict for urllib or requests."""
    ts, tok = token_now(username, api_key, api_secret, format)
    return _headers(api_key, ts, tok)


class Signer:
    """One account's signer: key schedule hashed once; thread-safe. Use as a
    context manager or call close(); its key material is wiped when freed."""

    def __init__(self, username, api_key, api_secret):
        u, k, s = _bytes(username, "username"), _bytes(api_key, "api_key"), _bytes(api_secret, "api_secret")
        handle = ctypes.c_void_p()
        _check(_lib.pave_signer_new(u, len(u), k, len(k), s, len(s), ctypes.byref(handle)))
        self._handle = handle
        self._api_key = api_key

    def _live(self):
        if self._handle is None:
            raise ValueError("pave_token: signer is closed")
        return self._handle

    def token(self, timestamp):
        t = _bytes(timestamp, "timestamp")
        out = ctypes.create_string_buffer(TOKEN_SIZE)
        _check(_lib.pave_signer_token(self._live(), t, len(t), out, TOKEN_SIZE))
        return out.value.decode("ascii")

    def token_now(self, format=RFC3339):
        ts, out = ctypes.create_string_buffer(TIMESTAMP_SIZE), ctypes.create_string_buffer(TOKEN_SIZE)
        _check(_lib.pave_signer_token_now(self._live(), _format(format), ts, TIMESTAMP_SIZE, out, TOKEN_SIZE))
        return ts.value.decode("ascii"), out.value.decode("ascii")

    def sign_headers(self, format=RFC3339):
        ts, tok = self.token_now(format)
        return _headers(self._api_key, ts, tok)

    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            _lib.pave_signer_free(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


def version():
    """The loaded library's version."""
    return _lib.pave_version().decode()
