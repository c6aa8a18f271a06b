#!/usr/bin/env bash
# The whole test suite, from a fresh clone, as root, with no shell state:
#
#   scripts/test.sh [extra mvn arguments]
#
# Installs the missing Debian packages (scripts/deps.sh), then one `mvn install`, which compiles once and
# runs, module by module: the unit tests (surefire, `mvn test`: no root needed), then the tests tagged
# "root" that mount, make namespaces or run runc (failsafe, verify phase), and last berth-e2e, whose
# end-to-end tests start their own berthd on temporary directories (its pre-integration-test phase writes
# the launchers' classpaths and the busybox root filesystem: scripts/prepare-e2e.sh). Exits non-zero on
# any failure. The run is bounded by BERTH_TEST_TIMEOUT seconds (default 1500: the suite's budget is 25
# minutes), so a hang fails instead of eating CI's time. Then scripts/test-cgroup2.sh proves the cgroup code
# on a pure cgroup v2 kernel in a VM (our hosts are v1 hybrids); it fails, never skips, when it cannot run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$BERTH_ROOT"

started=$(date +%s)
if [ "$(id -u)" = 0 ]; then
  bash scripts/deps.sh
else
  bash scripts/deps.sh --check || log "not root: cannot install the missing packages; tests needing them will fail"
fi
use_java25

timeout=${BERTH_TEST_TIMEOUT:-1500}
log "mvn install (timeout ${timeout}s)"
status=0
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
timeout --kill-after=30 "$timeout" \
  mvn -B -Dstyle.color=never --fail-at-end install -Dberth.commit="$commit" "$@" || status=$?
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "error: the test suite did not finish within ${timeout}s" >&2
fi
if [ -r build/berth-daemon.cp ]; then # written by berth-e2e's pre-integration-test phase
  bash scripts/test-cgroup2.sh || { echo "error: the cgroup v2 suite failed" >&2; [ "$status" != 0 ] || status=1; }
else
  echo "error: the cgroup v2 suite cannot run: the build did not get as far as berth-e2e" >&2
  [ "$status" != 0 ] || status=1
fi
log "test suite finished in $(( $(date +%s) - started ))s with status $status"
exit "$status"
