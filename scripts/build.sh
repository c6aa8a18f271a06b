#!/usr/bin/env bash
# Builds berth from the repo root: every module installed with tests skipped,
# then the launchers' classpaths (build/berth-cli.cp and its AOT cache via
# scripts/build-cli.sh, build/berth-daemon.cp and, as root, berthd's AOT cache via
# scripts/build-daemon.sh, trained on build/busybox-rootfs.tar (made if missing),
# build/berth-registry.cp via scripts/build-registry.sh).
# Idempotent; run it again after changing code.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"

log "mvn install -DskipTests (JAVA_HOME=$JAVA_HOME)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# -DskipITs: berth-e2e's pre-integration step (prepare-e2e.sh) would do what the lines below do
mvn -q -B -Dstyle.color=never install -DskipTests -DskipITs -Dberth.commit="$commit"
bash scripts/build-cli.sh
ensure_busybox_rootfs || log "no busybox root filesystem (is busybox-static installed?): berthd gets no AOT cache"
bash scripts/build-daemon.sh
bash scripts/build-registry.sh
