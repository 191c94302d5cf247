#!/usr/bin/env bash
# Installs the VS Code test host (see README.md): Debian packages, then `npm ci` of this folder's own
# pinned package.json/package-lock.json (code-server 4.100.3 = VS Code 1.100.3, playwright-core,
# @vscode/test-electron). Idempotent and quick when everything is already in place.
# Needs root on a fresh Debian 12 machine (apt-get); Node 20 + npm on PATH.
#   bash test/vscode-host/install.sh        # CODE_TEST_HOST_FORCE=1 to reinstall node_modules
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
T0=$(date +%s)
log() { echo "[vscode-host install +$(( $(date +%s) - T0 ))s] $*"; }

# 1. Debian packages: chromium (headless browser), libkrb5-dev + pkg-config (kerberos native module
#    of code-server), ripgrep (replaces @vscode/ripgrep's GitHub download). apt-get update only if needed.
missing=()
# fonts-liberation: chromium-common's Recommends (we install without recommends), for readable screenshots.
for p in chromium libkrb5-dev pkg-config ripgrep fonts-liberation; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. node_modules: skip when it was installed from exactly this lockfile (hash kept in node_modules/.lock-hash).
cd "$HERE"
HASH="$( (sha256sum package-lock.json; node -p 'process.versions.modules + " " + process.arch') | sha256sum | cut -d' ' -f1)"
STAMP=node_modules/.lock-hash
CS=node_modules/code-server/lib/vscode
if [ -z "${CODE_TEST_HOST_FORCE:-}" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ] \
   && [ -f "$CS/out/server-main.js" ] && [ -f "$CS/node_modules/node-pty/build/Release/pty.node" ] \
   && [ -x "$CS/node_modules/@vscode/ripgrep/bin/rg" ]; then
  log "up to date (node_modules matches package-lock.json)"
  exit 0
fi

# 3. @vscode/ripgrep (version pinned by code-server 4.100.3's shrinkwrap) downloads rg from GitHub in its
#    postinstall: seed its download cache with Debian's rg so that it finds the archive and downloads nothing.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TGZ" ]; then
  log "seeding $RG_TGZ with $(command -v rg)"
  seed="$(mktemp -d)"; mkdir -p "$RG_CACHE"
  cp "$(command -v rg)" "$seed/rg"
  tar czf "$RG_TGZ.tmp" -C "$seed" rg && mv "$RG_TGZ.tmp" "$RG_TGZ"
  rm -rf "$seed"
fi

# 4. npm ci. npm_config_unsafe_perm=true: code-server's postinstall refuses root without it (npm 11 warns
#    "Unknown env config" but still exports it). npm_config_yes=true: node-pty's postinstall runs
#    `npx node-gyp`, and this machine's npm config has yes=false. argon2's prebuild download fails and it
#    then builds from source by itself.
log "npm ci (code-server, playwright-core, @vscode/test-electron)"
rm -f "$STAMP"
set +e
npm_config_unsafe_perm=true npm_config_yes=true \
  npm ci --no-audit --no-fund --loglevel=error 2>&1 | grep -v 'Unknown env config'
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || { echo "npm ci failed with exit code $rc" >&2; exit "$rc"; }
test -f "$CS/out/server-main.js" || { echo "install failed: $CS/out/server-main.js missing" >&2; exit 1; }
test -f "$CS/node_modules/node-pty/build/Release/pty.node" || { echo "install failed: node-pty not built" >&2; exit 1; }
test -x "$CS/node_modules/@vscode/ripgrep/bin/rg" || { echo "install failed: ripgrep missing" >&2; exit 1; }
echo "$HASH" > "$STAMP"
log "done"
