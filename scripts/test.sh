#!/usr/bin/env bash
# The whole test suite, from a fresh clone, as root, with no shell state:
#
#   scripts/test.sh [extra mvn arguments]
#
# Installs the missing Debian packages (scripts/deps.sh), builds (scripts/build.sh:
# modules installed, launcher classpaths written), makes the busybox root
# filesystem the e2e tests import (build/busybox-rootfs.tar), then runs
# `mvn verify`: every module's unit tests and the berth-e2e module, whose tests
# start their own berthd on temporary directories. Exits non-zero on any failure.
# The run is bounded by BERTH_TEST_TIMEOUT seconds (default 1500: the suite's
# budget is 25 minutes), so a hang fails instead of eating CI's time.
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
bash scripts/build.sh
log "busybox root filesystem -> build/busybox-rootfs.tar"
bash scripts/make-busybox-rootfs.sh build/busybox-rootfs.tar

timeout=${BERTH_TEST_TIMEOUT:-1500}
log "mvn verify (timeout ${timeout}s)"
status=0
timeout --kill-after=30 "$timeout" \
  mvn -B -Dstyle.color=never --fail-at-end verify "$@" || status=$?
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "error: the test suite did not finish within ${timeout}s" >&2
fi
log "test suite finished in $(( $(date +%s) - started ))s with status $status"
exit "$status"
