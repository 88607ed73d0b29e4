#!/usr/bin/env python3
"""Generates the shared test vectors with Python's own hmac, hashlib and datetime.

Every language's tests (Rust, C, Go, PHP, Python, Node) read these files; none of
the expected values come from pave-token itself. Deterministic: rerunning writes
the same files. Run: python3 tests/vectors/generate.py

Files (tab-separated, '#' lines are comments, byte strings hex-encoded):
  tokens.tsv      username  api_key  timestamp  api_secret  token
  hmac.tsv        key  data  hmac_sha256          (RFC 4231, checked against the RFC)
  timestamps.tsv  unix_seconds  millis  rfc3339  unix  rfc3339_millis
  parse.tsv       input  unix_seconds | "invalid"
  fresh.tsv       username  api_key  timestamp  api_secret  token  now_unix  max_skew  expect
                  (verify_fresh: ok | token_mismatch | invalid_timestamp | timestamp_skew)
"""
import datetime as dt
import hashlib
import hmac
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261129)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
MIN_UNIX = -62167219200  # 0000-01-01T00:00:00Z (proleptic Gregorian)
MAX_UNIX = 253402300799  # 9999-12-31T23:59:59Z


def token(username: bytes, api_key: bytes, timestamp: bytes, secret: bytes) -> str:
    return hmac.new(secret, username + b":" + api_key + b"@" + timestamp, hashlib.sha256).hexdigest()


def printable(n: int) -> bytes:
    return bytes(rng.randrange(0x20, 0x7F) for _ in range(n))


def anybytes(n: int) -> bytes:
    return bytes(rng.randrange(256) for _ in range(n))


def rfc3339(unix: int) -> str:
    return (EPOCH + dt.timedelta(seconds=unix)).strftime("%Y-%m-%dT%H:%M:%SZ").rjust(20, "0")


def token_cases():
    cases = [(b"acme_motors", b"0123456789abcdef0123456789abcdef", b"2026-11-29T21:33:57Z",
              b"fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210")]
    # Typical credentials in each of the three timestamp formats.
    for _ in range(60):
        unix = rng.randrange(0, 4102444800)
        ts = rng.choice([rfc3339(unix), str(unix), rfc3339(unix)[:-1] + ".%03dZ" % rng.randrange(1000)])
        cases.append((printable(rng.randrange(1, 24)), printable(32).hex()[:32].encode(),
                      ts.encode(), printable(64)))
    # Field lengths 1..300, printable and arbitrary bytes (NUL, 0xFF, UTF-8 fragments).
    for n in range(1, 301, 3):
        gen = printable if n % 2 else anybytes
        cases.append((gen(n), gen(rng.randrange(1, 40)), gen(rng.randrange(1, 30)), gen(rng.randrange(1, 70))))
        cases.append((gen(rng.randrange(1, 20)), gen(n), gen(rng.randrange(1, 30)), gen(rng.randrange(1, 70))))
    # ':' and '@' inside fields are signed as is.
    for _ in range(40):
        def sep() -> bytes:
            return bytes(rng.choice(b":@@:a") for _ in range(rng.randrange(1, 6)))
        cases.append((printable(3) + sep() + printable(2), sep() + printable(5), sep() + b"1622378959", sep()))
    # Secrets of every length 1..200: below, at and above the 64-byte block.
    for n in list(range(1, 130)) + [150, 199, 200, 256, 300, 1000]:
        cases.append((b"acme", b"key", b"2021-05-30T12:49:19Z", anybytes(n)))
    # Messages of total length around the padding edges (55/56, 63/64, 119/120, 127/128).
    for total in list(range(50, 71)) + list(range(112, 132)) + [183, 184, 191, 192]:
        body = total - 2  # the ':' and '@'
        u = rng.randrange(1, body - 1)
        k = rng.randrange(1, body - u)
        cases.append((printable(u), printable(k), printable(body - u - k), printable(rng.randrange(1, 100))))
    # Fully random.
    while len(cases) < 640:
        cases.append(tuple(anybytes(rng.randrange(1, 120)) for _ in range(4)))
    return cases


# RFC 4231 HMAC-SHA-256 test cases 1-4, 6, 7 (5 is truncated output), with the RFC's values.
RFC4231 = [
    (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    (b"\xaa" * 20, b"\xdd" * 50, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    (bytes(range(1, 26)), b"\xcd" * 50, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    (b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    (b"\xaa" * 131, b"This is a test using a larger than block-size key and a larger than block-size data."
     b" The key needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
]


def timestamp_cases():
    days = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1969, 12, 31), dt.date(1970, 1, 1),
            dt.date(2100, 2, 28), dt.date(2100, 3, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
            dt.date(2000, 2, 29), dt.date(2000, 3, 1), dt.date(2024, 2, 29), dt.date(1600, 2, 29),
            dt.date(2021, 5, 30), dt.date(2038, 1, 19), dt.date(1, 12, 31), dt.date(400, 2, 29)]
    days += [dt.date(y, 2, 29) for y in range(4, 10000, 396)]
    days += [dt.date.fromordinal(rng.randrange(1, dt.date(9999, 12, 31).toordinal() + 1)) for _ in range(200)]
    out = []
    for day in days:
        for seconds in (0, 86399, rng.randrange(86400)):
            moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=seconds)
            unix = (moment - EPOCH) // dt.timedelta(seconds=1)
            millis = rng.choice([0, 999, rng.randrange(1000)])
            text = "%04d-%02d-%02dT%02d:%02d:%02d" % (moment.year, moment.month, moment.day,
                                                      moment.hour, moment.minute, moment.second)
            out.append((unix, millis, text + "Z", str(unix), text + ".%03dZ" % millis))
    return out


RFC3339_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})\Z")


def reference_parse(text: bytes):
    """The contract's grammar, written independently with re and datetime."""
    s = text.decode("latin-1")
    if re.fullmatch(r"-?[0-9]+", s):
        value = int(s)
    else:
        m = RFC3339_RE.match(s)
        if not m or not s.isascii():
            return None
        y, mo, d, h, mi, sec = (int(g) for g in m.groups()[:6])
        if h > 23 or mi > 59 or sec > 59:
            return None
        offset = 0
        if m.group(8) != "Z":
            oh, om = int(m.group(8)[1:3]), int(m.group(8)[4:6])
            if oh > 23 or om > 59:
                return None
            offset = (oh * 3600 + om * 60) * (-1 if m.group(8)[0] == "-" else 1)
        if y == 0:  # datetime has no year 0; 0000 is a leap year like 2000 (2000 years earlier).
            try:
                base = dt.datetime(2000, mo, d, h, mi, sec, tzinfo=dt.timezone.utc)
            except ValueError:
                return None
            value = (base - EPOCH) // dt.timedelta(seconds=1) - 63113904000 - offset
        else:
            try:
                moment = dt.datetime(y, mo, d, h, mi, sec, tzinfo=dt.timezone.utc)
            except ValueError:
                return None
            value = (moment - EPOCH) // dt.timedelta(seconds=1) - offset
    return value if MIN_UNIX <= value <= MAX_UNIX else None


def parse_cases(stamps):
    inputs = []
    for unix, millis, text, unix_text, millis_text in stamps[::3]:
        inputs += [text, unix_text, millis_text, text[:-1] + ".5Z", text[:-1] + ".123456789Z"]
        for off in ("+00:00", "-00:00", "+05:30", "-08:00", "+23:59", "-23:59", "+24:00", "+01:60"):
            inputs.append(text[:-1] + off)
    inputs += [
        "", "-", "+1", "1.5", " 1", "1 ", "0", "-0", "007", str(MAX_UNIX), str(MAX_UNIX + 1), str(MIN_UNIX),
        str(MIN_UNIX - 1), "9" * 30, "-" + "9" * 30, "2021-05-30t12:49:19Z", "2021-05-30T12:49:19z",
        "2021-05-30T12:49:19", "2021-05-30T12:49:19.Z", "2021-05-30T12:49:60Z", "2021-05-30T24:00:00Z",
        "2021-13-01T00:00:00Z", "2021-00-01T00:00:00Z", "2021-04-31T00:00:00Z", "2100-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2021-05-30T12:49:19+0100", "2021-05-30 12:49:19Z",
        "2021-05-30T12:49:19ZZ", "21-05-30T12:49:19Z", "2021-5-30T12:49:19Z", "0000-01-01T00:00:00Z",
        "0000-02-29T12:00:00Z", "0000-01-01T00:00:00+00:01", "0000-01-01T00:00:00-00:01",
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-00:01", "9999-12-31T23:59:59.999999Z",
        "2021-05-30T12:49:19.123+02:00", "2021-05-30T12:49:19+02:00x", "２０２１-05-30T12:49:19Z",
        "2021-05-30T12:49:19\x00", "2021-05-30T12:49:19Z\n", "1622378959\n", "-1622378959",
    ]
    out = []
    for text in inputs:
        raw = text.encode("utf-8")
        value = reference_parse(raw)
        out.append((raw, "invalid" if value is None else str(value)))
    return out


def fresh_cases(parsed):
    """verify_fresh over timestamps valid and not, tokens right, upper-case and wrong, and a clock
    on either side of each skew limit: the MAC first, then the timestamp, then its distance."""
    r = random.Random(20261203)  # its own generator: the other files stay as they are
    u, k = b"acme_motors", b"0123456789abcdef0123456789abcdef"
    s = b"fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
    out = []
    for raw, value in parsed[::48] + [p for p in parsed if p[1] == "invalid"][::24]:
        if not raw:
            continue  # an empty timestamp is an empty argument, not a freshness case
        right = token(u, k, raw, s)
        wrong = right[:5] + ("0" if right[5] != "0" else "1") + right[6:]
        for max_skew in (0, 300, r.randrange(1, 100000), 4294967295):
            base = int(value) if value != "invalid" else r.randrange(MIN_UNIX, MAX_UNIX)
            for delta in (-max_skew - 1, max_skew, max_skew + 1, r.randrange(-10**6, 10**6)):
                now = max(-2**63, min(2**63 - 1, base + delta))
                if value == "invalid":
                    fresh = "invalid_timestamp"
                else:
                    fresh = "ok" if abs(now - int(value)) <= max_skew else "timestamp_skew"
                sent = r.choice([right, right, right.upper(), wrong])
                expect = "token_mismatch" if sent == wrong else fresh
                out.append((u.hex(), k.hex(), raw.hex(), s.hex(), sent, str(now), str(max_skew), expect))
    for now in (-2**63, 2**63 - 1):  # the clock's extremes: no overflow, just far away
        raw = b"2021-05-30T12:49:19Z"
        out.append((u.hex(), k.hex(), raw.hex(), s.hex(), token(u, k, raw, s), str(now), "4294967295", "timestamp_skew"))
    return out


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", encoding="ascii", newline="\n") as f:
        f.write("# generated by tests/vectors/generate.py (Python hmac/hashlib/datetime); do not edit\n")
        f.write("# " + "\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


def main():
    for key, data, want in RFC4231:
        assert hmac.new(key, data, hashlib.sha256).hexdigest() == want
    write("hmac.tsv", ["key", "data", "hmac_sha256"], [(k.hex(), d.hex(), w) for k, d, w in RFC4231])
    cases = token_cases()
    write("tokens.tsv", ["username", "api_key", "timestamp", "api_secret", "token"],
          [(u.hex(), k.hex(), t.hex(), s.hex(), token(u, k, t, s)) for u, k, t, s in cases])
    stamps = timestamp_cases()
    write("timestamps.tsv", ["unix_seconds", "millis", "rfc3339", "unix", "rfc3339_millis"],
          [(str(u), str(m), a, b, c) for u, m, a, b, c in stamps])
    write("parse.tsv", ["input", "unix_seconds"], [(raw.hex(), v) for raw, v in parse_cases(stamps)])
    fresh = fresh_cases(parse_cases(stamps))
    write("fresh.tsv", ["username", "api_key", "timestamp", "api_secret", "token", "now_unix", "max_skew", "expect"],
          fresh)
    print("tokens %d, hmac %d, timestamps %d, parse %d, fresh %d" % (len(cases), len(RFC4231), len(stamps),
                                                                    len(parse_cases(stamps)), len(fresh)))


if __name__ == "__main__":
    main()
