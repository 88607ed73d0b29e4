"""The installed wheel, from a folder outside the repository: signs the worked
example, the first row of the shared tokens.tsv named by argv[1]."""
import sys

import pave_token


def worked_example(path):
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cols = line.rstrip("\n").split("\t")
                return [bytes.fromhex(c) for c in cols[:4]], cols[4]
    sys.exit(f"{path}: no rows")


(user, key, ts, secret), want = worked_example(sys.argv[1])
token = pave_token.token(user, key, ts, secret)
signed = pave_token.Signer(user, key, secret).token(ts)
if token != want or signed != want or "site-packages" not in pave_token.__file__:
    sys.exit(f"WRONG {token} / {signed} from {pave_token.__file__}, want {want}")
print(f"ok wheel {token} ({pave_token.__file__})")
