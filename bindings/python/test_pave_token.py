"""Tests of the compiled binding (the installed wheel): shared vectors, hmac cross-checks, every error
path, the signer, and one signed urllib request to the local PAVE-like endpoint."""
import hashlib
import hmac
import json
import os
import random
import sys
import threading
import time
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "tests", "e2e"))

import pave_endpoint  # noqa: E402
import pave_token  # noqa: E402
from pave_token import PaveError  # noqa: E402


def rows(name):
    with open(os.path.join(TOP, "tests", "vectors", name), encoding="ascii") as f:
        return [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]


def reference(u, k, t, s):
    return hmac.new(s, u + b":" + k + b"@" + t, hashlib.sha256).hexdigest()


def header_defines():
    """The #define constants of the C header, evaluated (the one source of truth)."""
    path = os.environ.get("PAVE_TOKEN_HEADER") or os.path.join(TOP, "include", "pave_token.h")
    defines = {}
    with open(path) as header:
        for line in header:
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[0] == "#define" and parts[1].startswith("PAVE_"):
                value = parts[2].strip()
                for name, known in defines.items():
                    value = value.replace(name, str(known))
                try:
                    defines[parts[1]] = int(eval(value, {"__builtins__": {}}))
                except (SyntaxError, NameError, ValueError, TypeError):
                    pass  # strings such as PAVE_TOKEN_VERSION
    return defines


class HeaderConstants(unittest.TestCase):
    """Every size and status this module writes down agrees with the header."""

    def test_sizes_statuses_and_formats_match_the_header(self):
        h = header_defines()
        self.assertEqual(pave_token.TOKEN_SIZE, h["PAVE_TOKEN_SIZE"])
        self.assertEqual(pave_token.TIMESTAMP_SIZE, h["PAVE_TIMESTAMP_SIZE"])
        self.assertEqual(h["PAVE_TOKEN_SIZE"], h["PAVE_TOKEN_LEN"] + 1)
        for fmt in pave_token.TimeFormat:
            self.assertEqual(int(fmt), h["PAVE_TIME_" + fmt.name], fmt.name)
        # The statuses these tests expect by number are the header's.
        for name, value in [("EMPTY_ARGUMENT", 2), ("INVALID_ARGUMENT", 4), ("INVALID_TIMESTAMP", 5)]:
            self.assertEqual(value, h["PAVE_ERR_" + name], name)

    def test_installed_from_the_wheel_with_the_library_compiled_in(self):
        import pave_token._native as native
        self.assertTrue(native.__file__.endswith(".abi3.so"), native.__file__)
        self.assertNotIn(os.path.dirname(os.path.abspath(__file__)), os.path.dirname(pave_token.__file__))


class Vectors(unittest.TestCase):
    def test_token_vectors(self):
        vectors = rows("tokens.tsv")
        self.assertGreaterEqual(len(vectors), 500)
        for r in vectors:
            u, k, t, s = (bytes.fromhex(x) for x in r[:4])
            self.assertEqual(pave_token.token(u, k, t, s), r[4])
            with pave_token.Signer(u, k, s) as signer:
                self.assertEqual(signer.token(t), r[4])
            self.assertTrue(pave_token.verify(u, k, t, s, r[4].upper()))
            self.assertFalse(pave_token.verify(u, k, t + b"0", s, r[4]))

    def test_timestamp_vectors(self):
        for unix, millis, *texts in rows("timestamps.tsv"):
            for fmt, want in zip(pave_token.TimeFormat, texts):
                self.assertEqual(pave_token.timestamp(int(unix), fmt, int(millis)), want)
                self.assertEqual(pave_token.parse_timestamp(want), int(unix))

    def test_parse_vectors(self):
        for raw, want in rows("parse.tsv"):
            value = bytes.fromhex(raw)
            if want == "invalid":
                with self.assertRaises(PaveError) as caught:
                    pave_token.parse_timestamp(value)
                self.assertEqual(caught.exception.status, 5)
            else:
                self.assertEqual(pave_token.parse_timestamp(value), int(want))

    def test_random_against_hmac(self):
        rng = random.Random(7)
        for _ in range(3000):
            u, k, t, s = (rng.randbytes(rng.randrange(1, 200)) for _ in range(4))
            self.assertEqual(pave_token.token(u, k, t, s), reference(u, k, t, s))

    def test_str_is_utf8(self):
        self.assertEqual(pave_token.token("jürgen", "ключ", "t", "秘密"),
                         reference("jürgen".encode(), "ключ".encode(), b"t", "秘密".encode()))


class Errors(unittest.TestCase):
    def assert_status(self, status, f, *args):
        with self.assertRaises(PaveError) as caught:
            f(*args)
        self.assertEqual(caught.exception.status, status)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertTrue(caught.exception.message)

    def test_errors(self):
        self.assert_status(2, pave_token.token, "", "k", "t", "s")
        self.assert_status(2, pave_token.token, "u", "k", "t", b"")
        self.assert_status(2, pave_token.token_now, "u", "", "s")
        self.assert_status(4, pave_token.token_now, "u", "k", "s", 3)
        self.assert_status(4, pave_token.token_now, "u", "k", "s", -1)
        self.assert_status(4, pave_token.timestamp, 0, 9)
        self.assert_status(4, pave_token.timestamp, 0, pave_token.RFC3339_MILLIS, 1000)
        self.assert_status(5, pave_token.timestamp, 253402300800)
        self.assert_status(5, pave_token.timestamp, 2**70)
        self.assert_status(5, pave_token.parse_timestamp, "yesterday")
        self.assert_status(2, pave_token.verify, "u", "k", "t", "", "00")
        self.assert_status(2, pave_token.Signer, "u", "k", "")
        self.assert_status(2, pave_token.Signer("u", "k", "s").token, "")
        with self.assertRaises(TypeError):
            pave_token.token(1, "k", "t", "s")
        good = pave_token.token("u", "k", "t", "s")
        for bad in (good[:63], good + "0", good[:63] + "g", ""):
            self.assertFalse(pave_token.verify("u", "k", "t", "s", bad))

    def test_closed_signer(self):
        signer = pave_token.Signer("u", "k", "s")
        signer.close()
        signer.close()
        with self.assertRaises(ValueError):
            signer.token("t")


class Now(unittest.TestCase):
    def test_now_signs_its_own_timestamp(self):
        with pave_token.Signer("acme", "key", "secret") as signer:
            for fmt, length in ((pave_token.RFC3339, 20), (pave_token.UNIX, 10), (pave_token.RFC3339_MILLIS, 24)):
                for ts, tok in (pave_token.token_now("acme", "key", "secret", fmt), signer.token_now(fmt)):
                    self.assertEqual(len(ts), length)
                    self.assertEqual(tok, reference(b"acme", b"key", ts.encode(), b"secret"))
                    self.assertLessEqual(abs(pave_token.parse_timestamp(ts) - time.time()), 2)
            h = signer.sign_headers()
            self.assertEqual(h["API-Token"], reference(b"acme", b"key", h["API-Timestamp"].encode(), b"secret"))
        self.assertEqual(len(pave_token.timestamp()), 20)

    def test_threads_share_a_signer(self):
        signer = pave_token.Signer("acme", "key", "secret")
        bad = []

        def work(n):
            for i in range(300):
                ts = str(1600000000 + n * 1000 + i)
                if signer.token(ts) != reference(b"acme", b"key", ts.encode(), b"secret"):
                    bad.append(ts)
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(bad, [])
        signer.close()


class Request(unittest.TestCase):
    def test_signed_urllib_request_gets_200(self):
        server = pave_endpoint.serve()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            account = pave_endpoint.DEFAULT_ACCOUNTS[0]
            headers = pave_token.sign_headers(account["username"], account["api_key"], account["api_secret"])
            url = "http://127.0.0.1:%d/v1/sessions" % server.server_address[1]
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as resp:
                self.assertEqual(resp.status, 200)
                self.assertEqual(json.load(resp)["username"], account["username"])
        finally:
            server.shutdown()
            server.server_close()

    def test_version(self):
        self.assertRegex(pave_token.version(), r"^\d+\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main(verbosity=1)
