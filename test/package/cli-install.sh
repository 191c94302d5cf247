#!/usr/bin/env bash
# The command-line tool as a user gets it (`npm run test:package`, CI): packed by `npm run pack:cli`,
# installed with `npm install -g` from the .tgz alone into a fresh prefix in a temporary folder (offline:
# it has no dependencies), then run from there, away from this repository: --version, every subcommand's
# --help, `validate` in each format, `npx ./that.tgz`, and a send, an update, a pull and a delete against
# the local PingOne stand-in (the only thing taken from this repository, as the server on the other side).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TMP="$(mktemp -d -t pingone-cli-install.XXXXXX)"
STAND_IN_PID=""
cleanup() {
  if [ -n "$STAND_IN_PID" ]; then kill "$STAND_IN_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
step() { echo "== [cli-install] $*"; }
fail() {
  echo "cli-install: FAILED: $*" >&2
  exit 1
}
# expect STATUS COMMAND...: runs it, keeps stdout in $OUT and stderr in $ERR, fails on another status.
expect() {
  local want="$1" got=0
  shift
  "$@" >"$TMP/out" 2>"$TMP/err" || got=$?
  OUT="$(cat "$TMP/out")"
  ERR="$(cat "$TMP/err")"
  if [ "$got" != "$want" ]; then
    echo "--- stdout"; echo "$OUT"; echo "--- stderr"; echo "$ERR"
    fail "exit $got (expected $want): $*"
  fi
}

step "npm run pack:cli"
TGZ="$(node cli/pack.mjs --out "$TMP/packed" | tail -1)"
[ -f "$TGZ" ] || fail "no package: $TGZ"
VERSION="$(node -p "require('./package.json').version")"
[ -f out/test/pingone-local/main.js ] || npm run --silent compile # the stand-in, for the send

# A clean machine, as far as the tool can tell: the .tgz and two documents in an empty folder, a fresh
# global prefix and npm cache, no NODE_PATH, a PATH with only the new bin folder, node and the system.
WORK="$TMP/work"
mkdir -p "$WORK" "$TMP/prefix" "$TMP/cache"
cp "$TGZ" "$WORK/"
cp test/fixtures/valid/twilio-create.json "$WORK/valid.json"
cp test/fixtures/invalid/invalid-type.json "$WORK/invalid.json"
NODE_DIR="$(dirname "$(command -v node)")"
STAND_IN="$ROOT/out/test/pingone-local/main.js"
cd "$WORK"
unset NODE_PATH
export npm_config_prefix="$TMP/prefix" npm_config_cache="$TMP/cache" npm_config_audit=false npm_config_fund=false
export PATH="$TMP/prefix/bin:$NODE_DIR:/usr/bin:/bin"
for v in $(env | grep -o '^\(PINGONE_[A-Za-z0-9_]*\|GITHUB_[A-Z_]*\)=' | tr -d =); do unset "$v"; done

step "npm install -g --offline ./$(basename "$TGZ")"
npm install -g --offline "./$(basename "$TGZ")"
INSTALLED="$TMP/prefix/lib/node_modules/pingone-phone-delivery"
[ "$(command -v pingone-phone-delivery)" = "$TMP/prefix/bin/pingone-phone-delivery" ] || fail "pingone-phone-delivery is not on the PATH from the new prefix"
[ "$(cd "$INSTALLED" && find . -type f | sort | tr '\n' ' ')" = "./LICENSE ./README.md ./cli.js ./package.json " ] ||
  fail "the installed package holds more than cli.js, README.md, LICENSE, package.json: $(cd "$INSTALLED" && find . | tr '\n' ' ')"
# cli.js needs nothing but Node itself: every require() is of a built-in module (a `node:` one may be newer
# than Node 20, such as undici's lazy `node:sqlite`, which this tool never loads).
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const builtins = new Set(require("module").builtinModules);
  const needed = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((n) => !n.startsWith("node:") && !builtins.has(n));
  if (needed.length) { console.error("cli.js requires modules that are not built in: " + [...new Set(needed)].join(", ")); process.exit(1); }
' "$INSTALLED/cli.js"

step "--version, --help and every subcommand's --help"
expect 0 pingone-phone-delivery --version
[ "$OUT" = "$VERSION" ] || fail "--version printed '$OUT', expected $VERSION"
expect 0 pingone-phone-delivery --help
COMMANDS="$(echo "$OUT" | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')"
[ -n "$COMMANDS" ] || fail "no commands listed by --help"
for c in $COMMANDS; do
  expect 0 pingone-phone-delivery "$c" --help
  case "$OUT" in "Usage: pingone-phone-delivery $c"*) ;; *) fail "$c --help does not start with its usage" ;; esac
  echo "   $c --help: ok"
done
expect 2 pingone-phone-delivery no-such-command

step "validate: exit statuses and every format"
expect 0 pingone-phone-delivery validate valid.json
expect 1 pingone-phone-delivery validate valid.json invalid.json
case "$OUT" in "invalid.json:3:10 error invalid-type "*) ;; *) fail "unexpected text output: $OUT" ;; esac
expect 1 pingone-phone-delivery validate --format json invalid.json
node -e 'const r = JSON.parse(process.argv[1]); if (r[0].diagnostics[0].code !== "invalid-type") process.exit(1)' "$OUT" || fail "json output"
expect 1 pingone-phone-delivery validate --format sarif invalid.json
node -e '
  const log = JSON.parse(process.argv[1]);
  const r = log.runs[0].results[0];
  if (log.version !== "2.1.0" || r.ruleId !== "invalid-type" || r.locations[0].physicalLocation.region.startLine !== 3) process.exit(1);
' "$OUT" || fail "sarif output"
echo "$ERR" | grep -q . && fail "sarif output wrote to stderr: $ERR"
expect 1 pingone-phone-delivery validate --format github invalid.json
case "$OUT" in "::error file=invalid.json,line=3,endLine=3,col=10,endColumn=15,title=pingone-phone-delivery%3A invalid-type::"*) ;; *) fail "github output: $OUT" ;; esac
expect 2 pingone-phone-delivery validate missing.json
expect 2 pingone-phone-delivery validate --format xml valid.json

step "npx ./$(basename "$TGZ") (offline)"
expect 0 npx --offline --yes "./$(basename "$TGZ")" validate valid.json

step "send, update, pull and delete against the local PingOne stand-in"
node "$STAND_IN" --port 0 >"$TMP/stand-in.txt" 2>&1 &
STAND_IN_PID=$!
for _ in $(seq 1 100); do
  grep -q '^  Client secret:' "$TMP/stand-in.txt" && break
  kill -0 "$STAND_IN_PID" 2>/dev/null || fail "the stand-in stopped: $(cat "$TMP/stand-in.txt")"
  sleep 0.1
done
field() { sed -n "s/^  $1: *//p" "$TMP/stand-in.txt"; }
API_URL="$(field 'API URL')"
AUTH_URL="$(field 'Auth URL')"
ENVIRONMENT_ID="$(field 'Environment id')"
CLIENT_ID="$(field 'Worker client id')"
[ -n "$API_URL" ] && [ -n "$AUTH_URL" ] && [ -n "$ENVIRONMENT_ID" ] && [ -n "$CLIENT_ID" ] || fail "stand-in output: $(cat "$TMP/stand-in.txt")"
PINGONE_CLIENT_SECRET="$(field 'Client secret')"
export PINGONE_CLIENT_SECRET
export PINGONE_VAR_twilioAuthToken=install-check-auth-token
TARGET=(--api-url "$API_URL" --auth-url "$AUTH_URL" --environment-id "$ENVIRONMENT_ID" --client-id "$CLIENT_ID")

expect 0 pingone-phone-delivery send valid.json "${TARGET[@]}" --yes --verbose
ID="$(node -p 'JSON.parse(process.argv[1]).id' "$OUT")"
echo "$ERR" | grep -q '^POST .* → 201 ' || fail "no POST → 201 in the request log: $ERR"
echo "   created $ID"
expect 0 pingone-phone-delivery send valid.json "${TARGET[@]}" --verbose
[ "$(node -p 'JSON.parse(process.argv[1]).id' "$OUT")" = "$ID" ] || fail "the second send did not update $ID"
echo "$ERR" | grep -q '^PUT .* → 200 ' || fail "no PUT → 200 in the request log: $ERR"
echo "   updated $ID"
expect 0 pingone-phone-delivery pull --id "$ID" -o pulled.json "${TARGET[@]}"
grep -q '"authToken": "{{twilioAuthToken}}"' pulled.json || fail "pulled.json has no authToken placeholder: $(cat pulled.json)"
expect 0 pingone-phone-delivery delete pulled.json "${TARGET[@]}" --yes
expect 1 pingone-phone-delivery pull --id "$ID" "${TARGET[@]}"
echo "   pulled and deleted $ID"
if grep -rqF "$PINGONE_CLIENT_SECRET" "$WORK" || grep -rqF install-check-auth-token "$WORK"; then fail "a secret was written to the work folder"; fi

echo "cli-install: OK ($(basename "$TGZ") installed from the file alone; validate, send, pull, delete work)"
