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
        for name, value in [("EMPTY_ARGUMENT", 2), ("INVALID_ARGUMENT", 4), ("INVALID_TIMESTAMP", 5),
                            ("TOKEN_MISMATCH", 7), ("TIMESTAMP_SKEW", 8)]:
            self.assertEqual(value, h["PAVE_ERR_" + name], name)

    def test_installed_from_the_wheel_with_the_library_compiled_in(self):
        import pave_token._native as native
        self.assertTrue(native.__file__.endswith(".abi3.so"), native.__file__)
        self.assertEqual(type(pave_token.Signer("u", "k", "s")).__module__, "pave_token")
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


class Hostile(unittest.TestCase):
    """What a hostile or careless caller passes: wrong types everywhere, conversion hooks that close
    the signer or change other arguments, other threads, huge and odd inputs, and loops over the
    error paths. Every token is checked against hmac."""

    ARGS = ("u", "k", "t", "s")

    def test_wrong_types_at_every_position_raise_type_error(self):
        class HasBytes:
            def __bytes__(self):
                return b"u"
        for bad in (None, 1, 1.5, ["u"], HasBytes(), object()):
            for i in range(4):
                args = list(self.ARGS)
                args[i] = bad
                with self.assertRaises(TypeError):
                    pave_token.token(*args)
                with self.assertRaises(TypeError):
                    pave_token.verify(*args, "00")
            with self.assertRaises(TypeError):
                pave_token.Signer("u", "k", "s").token(bad)
            with self.assertRaises(TypeError):
                pave_token.parse_timestamp(bad)

    def test_bytes_like_inputs_are_their_bytes(self):
        want = reference(b"u", b"k", b"t", b"s")
        for make in (bytes, bytearray, memoryview, lambda b: memoryview(b"xx" + b + b"yy")[2:-2]):
            self.assertEqual(pave_token.token(*(make(a.encode()) for a in self.ARGS)), want)

    def test_lone_surrogates_and_out_of_range_numbers(self):
        with self.assertRaises(UnicodeEncodeError):
            pave_token.token("\ud800", "k", "t", "s")
        for fmt in (2**64, -1, -2**70, 3):
            with self.assertRaises(PaveError) as caught:
                pave_token.token_now("u", "k", "s", fmt)
            self.assertEqual(caught.exception.status, 4)
        for fmt in (float("nan"), float("inf"), 1.0, "0"):
            with self.assertRaises(TypeError):
                pave_token.token_now("u", "k", "s", fmt)
        for millis in (-1, 2**64):
            with self.assertRaises(PaveError):
                pave_token.timestamp(0, pave_token.RFC3339_MILLIS, millis)
        with self.assertRaises(PaveError):
            pave_token.timestamp(-2**64)

    def test_a_hook_that_closes_the_signer_gets_a_closed_signer(self):
        signer = pave_token.Signer("u", "k", "s")

        class Closing:
            def __index__(self):
                signer.close()
                return 0
        with self.assertRaises(ValueError) as caught:
            signer.token_now(Closing())
        self.assertIn("closed", str(caught.exception))
        with self.assertRaises(ValueError):
            signer.token("t")

    def test_a_hook_that_changes_an_earlier_argument_does_not_change_the_token(self):
        user = bytearray(b"user")

        class Mutating:
            def __index__(self):
                user[:] = b"other"
                return 2
        ts, tok = pave_token.token_now(user, b"k", b"s", Mutating())
        self.assertEqual(tok, reference(b"user", b"k", ts.encode(), b"s"))

    def test_another_thread_closing_the_signer(self):
        for _ in range(20):
            signer = pave_token.Signer("acme", "key", "secret")
            wrong = []

            def work():
                for i in range(200):
                    ts = str(1600000000 + i)
                    try:
                        if signer.token(ts) != reference(b"acme", b"key", ts.encode(), b"secret"):
                            wrong.append(ts)
                    except ValueError:
                        return
            threads = [threading.Thread(target=work) for _ in range(4)]
            for t in threads:
                t.start()
            signer.close()
            for t in threads:
                t.join()
            self.assertEqual(wrong, [])

    def test_huge_and_empty_inputs(self):
        big = os.urandom(64 << 20)
        self.assertEqual(pave_token.token(big, b"k", b"t", big), reference(big, b"k", b"t", big))
        self.assertEqual(pave_token.Signer(b"u", b"k", big).token(big), reference(b"u", b"k", big, big))
        for i in range(4):
            args = list(self.ARGS)
            args[i] = b""
            with self.assertRaises(PaveError):
                pave_token.token(*args)

    def test_a_signer_is_not_copied_or_pickled(self):
        import copy
        import pickle
        signer = pave_token.Signer("u", "k", "s")
        for f in (copy.copy, copy.deepcopy, pickle.dumps):
            with self.assertRaises(TypeError):
                f(signer)
        self.assertEqual(signer.token("t"), reference(b"u", b"k", b"t", b"s"))

    def test_error_paths_do_not_leak(self):
        import resource
        import tracemalloc
        payload = bytearray(1 << 20)
        signer = pave_token.Signer("u", "k", "s")

        def loop():
            for _ in range(100):
                for call in (lambda: pave_token.token_now(payload, payload, payload, 9),
                             lambda: pave_token.token(payload, payload, b"", payload),
                             lambda: pave_token.verify(payload, b"k", b"t", b"", payload),
                             lambda: pave_token.parse_timestamp(payload),
                             lambda: pave_token.verify_fresh(payload, b"k", b"t", payload, payload),
                             lambda: pave_token.verify_fresh(payload, b"k", b"t", payload, b"0", 0, -1),
                             lambda: signer.token(b""),
                             lambda: pave_token.Signer(payload, payload, b"")):
                    try:
                        call()
                    except PaveError:
                        pass
        loop()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        loop()
        traced = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        self.assertLess(traced, 1 << 20)
        self.assertLess(grown_kib, 20 << 10, "%d KiB more after 800 failing calls with 1 MiB inputs" % grown_kib)


class Fresh(unittest.TestCase):
    """verify_fresh: True, or PaveError with the reason, over the shared vectors Python decided."""

    STATUS = {"token_mismatch": 7, "invalid_timestamp": 5, "timestamp_skew": 8}
    SIGNED = ("acme", "0123456789abcdef", "2021-05-30T12:49:19Z", "secret")

    def status_of(self, *args, **kwargs):
        try:
            self.assertIs(pave_token.verify_fresh(*args, **kwargs), True)
            return "ok"
        except PaveError as e:
            return next((k for k, v in self.STATUS.items() if v == e.status), e.status)

    def test_fresh_vectors(self):
        seen = {}
        for r in rows("fresh.tsv"):
            u, k, t, s = (bytes.fromhex(x) for x in r[:4])
            self.assertEqual(self.status_of(u, k, t, s, r[4], int(r[5]), int(r[6])), r[7], r)
            seen[r[7]] = seen.get(r[7], 0) + 1
        self.assertEqual(set(seen), {"ok"} | set(self.STATUS))
        self.assertGreaterEqual(min(seen.values()), 100, seen)

    def test_clock_and_limits(self):
        u, k, t, s = self.SIGNED
        tok = reference(u.encode(), k.encode(), t.encode(), s.encode())
        signed = 1622378959
        self.assertEqual(pave_token.MAX_SKEW_SECONDS, 300)
        self.assertEqual(self.status_of(u, k, t, s, tok, now=signed + 300), "ok")
        self.assertEqual(self.status_of(u, k, t, s, tok, now=signed - 301), "timestamp_skew")
        self.assertEqual(self.status_of(u, k, t, s, tok, signed + 3600, 3600), "ok")
        self.assertEqual(self.status_of(u, k, t, s, tok, signed, 0), "ok")
        self.assertEqual(self.status_of(u, k, t, s, tok, 2**63 - 1, 2**32 - 1), "timestamp_skew")
        self.assertEqual(self.status_of(u, k, t, s, tok), "timestamp_skew")  # the system clock: 2021 is stale
        ts, now_tok = pave_token.token_now(u, k, s)
        self.assertIs(pave_token.verify_fresh(u, k, ts, s, now_tok), True)
        self.assertEqual(self.status_of(u, k, t, s, tok.upper(), signed), "ok")
        # The MAC first: a wrong token is a mismatch even when the timestamp is garbage or stale.
        self.assertEqual(self.status_of(u, k, "yesterday", s, tok, signed), "token_mismatch")
        self.assertEqual(self.status_of(u, k, t, s, tok[:-1] + "0", 0), "token_mismatch")
        bad_ts = "yesterday"
        self.assertEqual(self.status_of(u, k, bad_ts, s, reference(u.encode(), k.encode(), bad_ts.encode(),
                                                                   s.encode()), signed), "invalid_timestamp")

    def test_hostile_arguments(self):
        u, k, t, s = self.SIGNED
        tok = reference(u.encode(), k.encode(), t.encode(), s.encode())
        for now, skew in ((2**63, 300), (-2**63 - 1, 300), (0, -1), (0, 2**32), (0, 2**100)):
            with self.assertRaises(PaveError) as caught:
                pave_token.verify_fresh(u, k, t, s, tok, now, skew)
            self.assertEqual(caught.exception.status, 4, (now, skew))
        for bad in (1.5, float("nan"), "1622378959", b"0", [0]):
            with self.assertRaises(TypeError):
                pave_token.verify_fresh(u, k, t, s, tok, bad)
            with self.assertRaises(TypeError):
                pave_token.verify_fresh(u, k, t, s, tok, 0, bad)
        for i in range(5):
            args = [u, k, t, s, tok]
            args[i] = None
            with self.assertRaises(TypeError):
                pave_token.verify_fresh(*args)
            args[i] = b""
            with self.assertRaises(PaveError) as caught:
                pave_token.verify_fresh(*args, now=1622378959)
            self.assertEqual(caught.exception.status, 7 if i == 4 else 2)

        class Hook:
            def __init__(self):
                self.calls = 0

            def __index__(self):
                self.calls += 1
                args[0].extend(b"changed")  # a field converted before the hook ran
                return 1622378959
        args = [bytearray(u.encode()), k, t, s, tok]
        hook = Hook()
        self.assertIs(pave_token.verify_fresh(*args, now=hook, max_skew=hook), True)
        self.assertEqual(hook.calls, 2)

        class Raising:
            def __index__(self):
                raise RuntimeError("from __index__")
        with self.assertRaisesRegex(RuntimeError, "from __index__"):
            pave_token.verify_fresh(u, k, t, s, tok, Raising())


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
