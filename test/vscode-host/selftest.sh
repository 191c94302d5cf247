#!/usr/bin/env bash
# Self-test of the VS Code test host: installs it (install.sh), then runs the selftest/ extension's tests
#   1. as a development extension (must pass),
#   2. installed from a .vsix (CODE_TEST_INSTALL_VSIX route through run.js --vsix; must pass),
#   3. with a forced failure (must exit non-zero).
# Exit 0 only when all three behave. SELFTEST_SKIP_FAIL=1 skips run 3.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
T0=$(date +%s)
step() { echo "== [selftest +$(( $(date +%s) - T0 ))s] $*"; }

step "install"
bash "$HERE/install.sh"

OUT="$(mktemp -d "${TMPDIR:-/tmp}/code-test-host-selftest.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$OUT/workspace"
echo '{ "hello": "world" }' > "$OUT/workspace/sample.json"
RUN=(node "$HERE/run.js" --tests "$HERE/selftest/tests/index.js" --workspace "$OUT/workspace" --timeout 180000)

set +e
step "1/3 development extension"
"${RUN[@]}" --extension "$HERE/selftest/extension" --env SELFTEST_EXPECT_MODE=development \
  --env SELFTEST_SCREENSHOT="$OUT/dev.png" --env 'CODE_TEST_USER_SETTINGS={"editor.fontSize":15}' --env SELFTEST_EXPECT_FONT_SIZE=15
RC_DEV=$?

step "2/3 installed from a .vsix"
node "$HERE/selftest/make-vsix.js" "$HERE/selftest/extension" "$OUT/selftest.vsix" >/dev/null
"${RUN[@]}" --vsix "$OUT/selftest.vsix" --env SELFTEST_EXPECT_MODE=vsix --env SELFTEST_SCREENSHOT="$OUT/vsix.png"
RC_VSIX=$?

RC_FAIL=skipped
if [ -z "${SELFTEST_SKIP_FAIL:-}" ]; then
  step "3/3 forced failure (expect a non-zero exit)"
  "${RUN[@]}" --extension "$HERE/selftest/extension" --env SELFTEST_FAIL=1 --env SELFTEST_SCREENSHOT="$OUT/fail.png"
  RC_FAIL=$?
fi
set -e

step "development: exit $RC_DEV, .vsix: exit $RC_VSIX, forced failure: exit $RC_FAIL"
if [ "$RC_DEV" = 0 ] && [ "$RC_VSIX" = 0 ] && [ "$RC_FAIL" != 0 ]; then echo "SELFTEST OK"; exit 0; fi
echo "SELFTEST FAILED"; exit 1
