#!/usr/bin/env python3
"""End to end: real HTTP requests signed by the library (C via libcurl, Go's
SignRequest, the PHP extension) against the local PAVE-like endpoint, which
verifies with Python's hmac and shares no code with the library.

Environment (set by `make test-e2e`): PAVE_SESSIONS_BIN (the C client),
PAVE_GO_DIR (bindings/go/pavetoken; PKG_CONFIG_PATH and LD_LIBRARY_PATH find the library), PAVE_PHP_EXT (pave_token.so), PAVE_PHP_SCRIPT.
A missing Go or PHP is a skip, except under CI=true where it is a failure.
"""
import json
import os
import shutil
import subprocess
import threading
import unittest
import urllib.error
import urllib.request

import pave_endpoint

ACCOUNT = pave_endpoint.DEFAULT_ACCOUNTS[0]
OTHER = pave_endpoint.DEFAULT_ACCOUNTS[1]


def need(tool, what):
    if shutil.which(tool):
        return
    if os.environ.get("CI") == "true":
        raise AssertionError("%s needs %s, which is missing, and CI=true" % (what, tool))
    raise unittest.SkipTest("%s: %s not installed" % (what, tool))


class EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = pave_endpoint.serve(skew=300)
        cls.url = "http://127.0.0.1:%d" % cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def env(self, account=ACCOUNT, **extra):
        env = dict(os.environ, PAVE_BASE_URL=self.url, PAVE_USERNAME=account["username"],
                   PAVE_API_KEY=account["api_key"], PAVE_API_SECRET=account["api_secret"])
        env.update(extra)
        return env

    def run_client(self, argv, env, cwd=None):
        done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    def assert_status(self, result, code, status, reason=None):
        rc, out, err = result
        self.assertEqual(rc, code, out + err)
        self.assertIn("HTTP %d" % status, out)
        body = json.loads(out.split("\nHTTP")[0])
        if reason:
            self.assertEqual(body["reason"], reason)
        return body

    # --- the C client (libcurl) ---

    def c_client(self, **kw):
        return self.run_client([os.environ["PAVE_SESSIONS_BIN"]], self.env(**kw))

    def test_c_client_gets_200(self):
        body = self.assert_status(self.c_client(), 0, 200)
        self.assertEqual(body["username"], "acme_motors")
        self.assertEqual(body["path"], "/v1/sessions")

    def test_c_client_other_account_with_separators_in_username(self):
        self.assert_status(self.c_client(account=OTHER), 0, 200)

    def test_c_client_wrong_secret_gets_401(self):
        self.assert_status(self.c_client(PAVE_API_SECRET="not-the-secret"), 1, 401, "bad token")

    def test_c_client_unknown_key_gets_401(self):
        self.assert_status(self.c_client(PAVE_API_KEY="nobody"), 1, 401, "unknown api key")

    def test_c_client_stale_timestamp_gets_401(self):
        # Signed correctly by pave_token, but for a fixed old time.
        self.assert_status(self.c_client(PAVE_TIMESTAMP="2021-05-30T12:49:19Z"), 1, 401, "stale timestamp")

    def test_c_client_transport_error_exits_2(self):
        rc, _, err = self.run_client([os.environ["PAVE_SESSIONS_BIN"]], self.env(PAVE_BASE_URL="http://127.0.0.1:1"))
        self.assertEqual(rc, 2, err)

    # --- the endpoint's own checks ---

    def test_each_missing_header_gets_401(self):
        good = {"API-Key": ACCOUNT["api_key"], "API-Token": "0" * 64, "API-Timestamp": "2021-05-30T12:49:19Z"}
        for name in good:
            headers = {k: v for k, v in good.items() if k != name}
            req = urllib.request.Request(self.url + "/v1/sessions", headers=headers)
            with self.assertRaises(urllib.error.HTTPError) as caught:
                urllib.request.urlopen(req, timeout=10)
            self.assertEqual(caught.exception.code, 401)
            self.assertEqual(json.load(caught.exception)["reason"], "missing header " + name)

    def test_unix_timestamp_is_not_the_header_format(self):
        req = urllib.request.Request(self.url + "/v1/sessions", headers={
            "API-Key": ACCOUNT["api_key"], "API-Token": "0" * 64, "API-Timestamp": "1622378959"})
        with self.assertRaises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(req, timeout=10)
        self.assertEqual(json.load(caught.exception)["reason"], "bad timestamp")

    # --- Go and PHP bindings against the same endpoint ---

    def test_go_sign_request_gets_200(self):
        need("go", "the Go end-to-end test")
        result = self.run_client(["go", "run", "./cmd/pave-sessions"], self.env(), cwd=os.environ["PAVE_GO_DIR"])
        self.assert_status(result, 0, 200)
        result = self.run_client(["go", "run", "./cmd/pave-sessions"], self.env(PAVE_API_SECRET="wrong"),
                                 cwd=os.environ["PAVE_GO_DIR"])
        self.assert_status(result, 1, 401, "bad token")

    def test_php_extension_gets_200(self):
        need("phpize", "the PHP end-to-end test")
        ext = os.environ.get("PAVE_PHP_EXT", "")
        if not os.path.exists(ext):
            self.fail("PHP extension not built: %r" % ext)
        argv = ["php", "-n", "-d", "extension=" + ext, os.environ["PAVE_PHP_SCRIPT"]]
        self.assert_status(self.run_client(argv, self.env()), 0, 200)
        self.assert_status(self.run_client(argv, self.env(PAVE_API_SECRET="wrong")), 1, 401, "bad token")


if __name__ == "__main__":
    unittest.main(verbosity=2)
