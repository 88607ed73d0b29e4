#!/usr/bin/env bash
# The Debian bookworm arm64 tree the packages are tested in under qemu-aarch64:
# CPython, Node, a JRE and PHP for aarch64, unpacked (mmdebstrap --variant=extract,
# no maintainer scripts run) from this machine's own apt mirrors. Made once and
# reused: it lives outside the source tree, in $PAVE_ARM64_TREE (default
# ~/.cache/pave-token/arm64-bookworm), and is remade only when the package list
# below changes. Prints the tree's path.
# usage: arm64-tree.sh
set -euo pipefail
packages=python3,python3-venv,nodejs,openjdk-17-jre-headless,php8.2-cli,php8.2-dev,ca-certificates
tree=${PAVE_ARM64_TREE:-${XDG_CACHE_HOME:-$HOME/.cache}/pave-token/arm64-bookworm}
stamp=$tree/.pave-token-packages

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$packages" ]; then
  echo "$tree"
  exit 0
fi

# The deb lines of this machine's sources (one-line or deb822), for bookworm and its updates.
mirrors() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && grep -E '^deb .*bookworm' "$f" | grep -v '^deb \[arch=amd64' || true
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
      { uri = ""; suites = ""; comps = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) uri = substr($i, 7)
          if ($i ~ /^Suites:/) suites = substr($i, 9)
          if ($i ~ /^Components:/) comps = substr($i, 13)
        }
        n = split(suites, s, " ")
        for (j = 1; j <= n; j++) if (s[j] ~ /^bookworm/ && uri != "") print "deb " uri " " s[j] " " comps }' "$f"
  done
}

mapfile -t lines < <(mirrors | sed 's/  */ /g' | sort -u)
[ ${#lines[@]} -gt 0 ] || { echo "arm64-tree.sh: no bookworm apt sources on this machine" >&2; exit 1; }
start=$(date +%s)
rm -rf "$tree" && mkdir -p "$(dirname "$tree")"
mmdebstrap --quiet --arch=arm64 --variant=extract --include="$packages" bookworm "$tree" "${lines[@]}" >&2
echo "$packages" > "$stamp"
echo "arm64 tree: made in $(( $(date +%s) - start )) s, $(du -sm "$tree" | cut -f1) MB, in $tree" >&2
echo "$tree"
