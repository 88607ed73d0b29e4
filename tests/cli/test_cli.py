#!/usr/bin/env python3
"""The pave-token program end to end, as a user runs it: real processes, stdin and stdout, exit
codes. Every request is built here with Python's hmac (never by the program under test): one
explain case per cause id, the whitespace warnings, the refusal of secrets on argv, and serve
answering curl, a burst of concurrent requests and malformed ones.
usage: test_cli.py PATH/TO/pave-token"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import urllib.request

BIN = sys.argv[1]
U, K, S = "acme_motors", "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
ENV = dict(os.environ, PAVE_USERNAME=U, PAVE_API_KEY=K, PAVE_API_SECRET=S)
NOW = "2026-12-02T15:24:07Z"  # every explain case is checked at this instant (--now)
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def mac(key, msg):
    return hmac.new(key.encode() if isinstance(key, str) else key,
                    msg.encode() if isinstance(msg, str) else msg, hashlib.sha256)


def run(args, stdin="", env=ENV):
    p = subprocess.run([BIN] + args, input=stdin.encode(), capture_output=True, env=env, timeout=30)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def request(key=K, token=None, ts=NOW):
    lines = []
    if key is not None:
        lines.append("API-Key: " + key)
    if token is not None:
        lines.append("API-Token: " + token)
    if ts is not None:
        lines.append("API-Timestamp: " + ts)
    return "\n".join(lines) + "\n"


def cases(now):
    """One request per cause id, each with exactly that defect, for a clock at `now` (a datetime)."""
    ts = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    right = mac(S, f"{U}:{K}@{ts}")
    http_date = now.strftime("%a, %d %b %Y %H:%M:%S GMT")
    old = (now - datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return ts, right.hexdigest(), {
        "ok": request(token=right.hexdigest(), ts=ts),
        "missing_header": request(token=right.hexdigest(), ts=None),
        "api_key_mismatch": request(key=K[:-1] + "X", token=right.hexdigest(), ts=ts),
        "timestamp_format": request(token=mac(S, f"{U}:{K}@{http_date}").hexdigest(), ts=http_date),
        "timestamp_not_signed": request(token=mac(S, f"{U}:{K}@{ts[:-1]}.000Z").hexdigest(), ts=ts),
        "clock_skew": request(token=mac(S, f"{U}:{K}@{old}").hexdigest(), ts=old),
        "credential_whitespace": request(token=mac(S + "\n", f"{U}:{K}@{ts}").hexdigest(), ts=ts),
        "key_secret_swapped": request(token=mac(K, f"{U}:{S}@{ts}").hexdigest(), ts=ts),
        "message_incomplete": request(token=mac(S, ts).hexdigest(), ts=ts),
        "token_encoding": request(token=base64.b64encode(right.digest()).decode(), ts=ts),
        "wrong_credentials": request(token=mac("another secret", f"{U}:{K}@{ts}").hexdigest(), ts=ts),
    }


_, good, CASES = cases(datetime.datetime(2026, 12, 2, 15, 24, 7))
assert _ == NOW
for cause, stdin in CASES.items():
    code, out, err = run(["explain", "--json", "--now", NOW], stdin)
    try:
        got = json.loads(out)
    except ValueError:
        got = {}
    check(got.get("cause") == cause and code == (0 if cause == "ok" else 1), f"explain {cause}: {code} {out} {err}")
    check(got.get("verdict") == ("accepted" if cause == "ok" else "rejected"), f"verdict {cause}")
    check(got.get("expected_token") == good and got.get("signed") == f"{U}:{K}@{NOW}", f"expected token {cause}")
    check(got.get("fix") and got.get("username") == U, f"fix {cause}")
    check(all({"cause", "detail"} <= set(f) for f in got.get("findings", [])), f"findings {cause}")
    code, out, _ = run(["explain", "--now", NOW], "> " + stdin.replace("\n", "\n> ").replace("API-", "api-"))
    check(out.startswith(("accepted: " if cause == "ok" else "rejected: ") + cause), f"text, curl -v lines, any case: {cause}: {out}")

# The commands, with expected values from hmac.
code, out, _ = run(["sign", "--timestamp", "2026-11-29T21:33:57Z"])
check(code == 0 and out.strip() == mac(S, f"{U}:{K}@2026-11-29T21:33:57Z").hexdigest(), "sign")
code, out, _ = run(["headers"])
h = dict(line.split(": ", 1) for line in out.strip().split("\n"))
check(code == 0 and h["API-Token"] == mac(S, f"{U}:{K}@{h['API-Timestamp']}").hexdigest() and h["API-Key"] == K, "headers")
check(run(["verify"], out)[0] == 0, "headers | verify")
for fmt, length in (("unix", 10), ("rfc3339-millis", 24)):
    code, out, _ = run(["headers", "--json", "--format", fmt])
    j = json.loads(out)
    check(len(j["API-Timestamp"]) == length and j["API-Token"] == mac(S, f"{U}:{K}@{j['API-Timestamp']}").hexdigest(), fmt)
code, _, err = run(["verify", "--token", good, "--timestamp", NOW])
check(code == 1 and "clock_skew" in err, "verify: stale is 1, with the reason")
check(run(["verify", "--token", good, "--timestamp", NOW, "--now", NOW])[0] == 0, "verify --now")
check(run(["timestamp", "--parse", "1622378959"])[1] == "2021-05-30T12:49:19Z\n", "timestamp --parse")
check(run(["timestamp", "--parse", "2021-05-30T12:49:19Z", "--format", "unix"])[1] == "1622378959\n", "timestamp unix")
check(run(["timestamp", "--parse", "soon"])[0] == 2, "timestamp --parse garbage: 2")
for args in (["sign", "--api-secret", "x"], ["headers", "--secret=x"], ["sign", "--api-key", "k"], ["headers", "--password"]):
    code, _, err = run(args)
    check(code == 2 and "--credentials FILE" in err and "ps" in err, f"refused on argv: {args}")
check(run(["frobnicate"])[0] == 2 and run(["--help"])[0] == 0, "usage errors are 2, --help 0")
code, _, err = run(["sign", "--timestamp", NOW], env=dict(ENV, PAVE_API_SECRET=S + "\n"))
check(code == 0 and "PAVE_API_SECRET ends with a newline" in err, "whitespace warning names the field")
code, _, err = run(["sign", "--strict", "--timestamp", NOW], env=dict(ENV, PAVE_USERNAME="\ufeff" + U))
check(code == 2 and "PAVE_USERNAME starts with a byte-order mark" in err, "--strict makes it an error")
env = {k: v for k, v in ENV.items() if not k.startswith("PAVE_")}
check(run(["headers"], env=env)[0] == 2, "no credentials: 2")
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "creds")
    with open(path, "w") as f:
        f.write(f"PAVE_USERNAME={U}\nPAVE_API_KEY={K}\nPAVE_API_SECRET={S}\n\nPAVE_USERNAME=second\nPAVE_API_KEY=k2\nPAVE_API_SECRET=s2\n")
    os.chmod(path, 0o644)
    code, _, err = run(["sign", "--credentials", path, "--account", "k2", "--timestamp", NOW], env=env)
    check(code == 0 and "readable by every user" in err, "a readable credentials file is warned about")
    check(run(["sign", "--credentials", path, "--timestamp", NOW], env=env)[0] == 2, "two accounts need --account")
    os.chmod(path, 0o600)
    code, out, err = run(["sign", "--credentials", path, "--account", "k2", "--timestamp", NOW], env=env)
    check(code == 0 and err == "" and out.strip() == mac("s2", f"second:k2@{NOW}").hexdigest(), "the second account")

    # serve: curl, a burst, malformed requests; the accounts looked up by API-Key.
    check(run(["serve", "--listen", "0.0.0.0:0"])[0] == 2, "serve refuses a non-loopback address")
    server = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--credentials", path], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = server.stdout.readline().decode().split()[-1]
    try:
        _, hdrs, _ = run(["headers", "--credentials", path, "--account", "k2"], env=env)
        curl = subprocess.run([os.environ.get("PAVE_CURL") or "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "@-", url + "/v1/sessions"],
                              input=hdrs.encode(), capture_output=True, timeout=30)
        check(curl.stdout == b"200", f"headers | curl -H @- against serve: {curl.stdout}")

        def get(headers):
            req = urllib.request.Request(url + "/x", headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=20) as r:
                    return r.status, json.load(r)
            except urllib.error.HTTPError as e:
                return e.code, json.load(e)
        _, _, live = cases(datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None))
        for cause, text in live.items():
            status, body = get(dict(line.split(": ", 1) for line in text.strip().split("\n")))
            check((status, body.get("cause")) == ((200, "ok") if cause == "ok" else (401, cause)), f"serve {cause}: {status} {body}")
        results = []

        def burst(n):
            for i in range(50):
                if (i + n) % 2:
                    results.append(get({"API-Key": K, "API-Token": good, "API-Timestamp": NOW})[1].get("cause"))
                else:
                    _, hh, _ = run(["headers", "--credentials", path, "--account", "k2"], env=env)
                    results.append(get(dict(line.split(": ", 1) for line in hh.strip().split("\n")))[0])
        threads = [threading.Thread(target=burst, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        check(results.count("clock_skew") == 200 and results.count(200) == 200, f"burst of 400: {set(map(str, results))}")
        for raw, want in ((b"GARBAGE\r\n\r\n", b" 400 "), (b"GET / HTTP/1.1\r\nX: " + b"a" * 20000 + b"\r\n\r\n", b" 413 "),
                          (b"POST / HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n", b" 413 ")):
            with socket.create_connection(server_address := (url.split("//")[1].split(":")[0], int(url.rsplit(":", 1)[1]))) as c:
                c.sendall(raw)
                c.shutdown(socket.SHUT_WR)
                check(want in c.recv(200).split(b"\r\n")[0] + b" ", f"malformed {raw[:20]} -> {want}")
        rss = int(next(line.split()[1] for line in open(f"/proc/{server.pid}/status") if line.startswith("VmRSS")))
        check(rss < 64 << 10, f"serve's memory after the burst: {rss} KiB")
        print(f"serve: 400 concurrent requests answered (200 accepted, 200 clock_skew), 3 malformed refused, RSS {rss} KiB")
    finally:
        server.kill()
        log = server.stderr.read().decode()
    check(log.count(" 401 clock_skew") == 201 and log.count(" 200 ok") >= 202, f"one log line per request")

# headers | curl -H @- against the end-to-end endpoint of tests/e2e (its own hmac, same first account).
endpoint = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e",
                                                          "pave_endpoint.py")], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
try:
    url = endpoint.stdout.readline().decode().split()[-1]
    _, hdrs, _ = run(["headers"])
    curl = subprocess.run([os.environ.get("PAVE_CURL") or "curl", "-s", "-w", " %{http_code}", "-H", "@-", url + "/v1/sessions"],
                          input=hdrs.encode(), capture_output=True, timeout=30)
    check(curl.stdout.endswith(b" 200") and b'"ok": true' in curl.stdout, f"headers | curl -H @- against tests/e2e: {curl.stdout}")
finally:
    endpoint.kill()

print(f"pave-token cli: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
