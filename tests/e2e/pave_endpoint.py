#!/usr/bin/env python3
"""A local PAVE-like endpoint for tests: standard library only, and it never
imports or calls pave-token. It recomputes every token with Python's hmac.

GET /v1/sessions (any path is checked the same way):
  200 {"ok": true, "username": ...}        when API-Key names a known account,
                                            API-Timestamp is RFC 3339 UTC
                                            (YYYY-MM-DDTHH:MM:SSZ) within the skew,
                                            and API-Token equals
                                            hex(HMAC-SHA256(secret, user:key@timestamp))
  401 {"ok": false, "reason": ...}          otherwise: "missing header API-...",
                                            "unknown api key", "bad timestamp",
                                            "stale timestamp", "bad token"

Run: pave_endpoint.py [--skew SECONDS] [--accounts FILE.json]; it binds
127.0.0.1 on a free port and prints "listening on http://127.0.0.1:PORT".
"""
import argparse
import datetime as dt
import hashlib
import hmac
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_ACCOUNTS = [
    {"username": "acme_motors", "api_key": "0123456789abcdef0123456789abcdef",
     "api_secret": "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"},
    {"username": "second:user@x", "api_key": "key-2", "api_secret": "s3cret-2"},
]


def make_handler(accounts, skew):
    by_key = {a["api_key"]: a for a in accounts}

    class Handler(BaseHTTPRequestHandler):
        def reply(self, code, body):
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def check(self):
            for name in ("API-Key", "API-Token", "API-Timestamp"):
                if self.headers.get(name) is None:
                    return "missing header " + name
            account = by_key.get(self.headers["API-Key"])
            if account is None:
                return "unknown api key"
            stamp = self.headers["API-Timestamp"]
            try:
                when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
            except ValueError:
                return "bad timestamp"
            if abs((dt.datetime.now(dt.timezone.utc) - when).total_seconds()) > skew:
                return "stale timestamp"
            message = "%s:%s@%s" % (account["username"], account["api_key"], stamp)
            want = hmac.new(account["api_secret"].encode(), message.encode(), hashlib.sha256).hexdigest()
            if not hmac.compare_digest(want, self.headers["API-Token"].lower()):
                return "bad token"
            return None

        def do_GET(self):
            reason = self.check()
            if reason:
                self.reply(401, {"ok": False, "reason": reason})
            else:
                account = by_key[self.headers["API-Key"]]
                self.reply(200, {"ok": True, "username": account["username"], "path": self.path, "sessions": []})

        def log_message(self, *args):
            pass

    return Handler


def serve(accounts=None, skew=300, port=0):
    """Returns a started-on-demand server bound to 127.0.0.1 (port 0: a free one)."""
    return ThreadingHTTPServer(("127.0.0.1", port), make_handler(accounts or DEFAULT_ACCOUNTS, skew))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skew", type=int, default=300)
    parser.add_argument("--accounts")
    args = parser.parse_args()
    accounts = json.load(open(args.accounts)) if args.accounts else DEFAULT_ACCOUNTS
    server = serve(accounts, args.skew)
    print("listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
