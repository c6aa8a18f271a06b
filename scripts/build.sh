#!/usr/bin/env bash
# Builds berth from the repo root: every module installed with tests skipped,
# then the launchers' classpaths (build/berth-cli.cp and its AOT cache via
# scripts/build-cli.sh, build/berth-daemon.cp via scripts/build-daemon.sh).
# Idempotent; run it again after changing code.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"

log "mvn install -DskipTests (JAVA_HOME=$JAVA_HOME)"
mvn -q -B -Dstyle.color=never install -DskipTests
if [ -f scripts/build-cli.sh ]; then
  bash scripts/build-cli.sh
else
  log "scripts/build-cli.sh not present: skipping the CLI launcher set-up"
fi
bash scripts/build-daemon.sh
