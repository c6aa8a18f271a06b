#!/usr/bin/env bash
# What the end-to-end tests need beside the packaged jars: the launchers' classpaths (bin/berth, bin/berthd
# run this checkout's jars), the busybox root filesystem they import (made first: scripts/build-daemon.sh
# trains berthd's AOT cache on it). Run by berth-e2e's
# pre-integration-test phase (mvn verify), after every module was packaged in the same reactor.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"
ensure_busybox_rootfs
bash scripts/build-cli.sh
bash scripts/build-daemon.sh
bash scripts/build-registry.sh
