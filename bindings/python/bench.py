"""The compiled binding against Python's own hmac, same inputs, one run."""
import hashlib
import hmac
import timeit

import pave_token

U, K, T = "acme_motors", "0123456789abcdef0123456789abcdef", "2026-11-29T21:33:57Z"
S = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
signer = pave_token.Signer(U, K, S)
Sb, Mb = S.encode(), ("%s:%s@%s" % (U, K, T)).encode()
cases = {
    # As PAVE's snippet does it: the message built with an f-string each time.
    "hmac.new(...).hexdigest()": lambda: hmac.new(S.encode(), f"{U}:{K}@{T}".encode(), hashlib.sha256).hexdigest(),
    "pave_token.token()": lambda: pave_token.token(U, K, T, S),
    "Signer.token()": lambda: signer.token(T),
}
assert len({f() for f in cases.values()}) == 1
n = 100000
best = {name: min(timeit.repeat(f, number=n, repeat=5)) / n * 1e9 for name, f in cases.items()}
base = best["hmac.new(...).hexdigest()"]
print("| call | ns/token | vs hmac |\n|---|---|---|")
for name, ns in best.items():
    print("| %s | %.0f | %.2fx |" % (name, ns, ns / base))
