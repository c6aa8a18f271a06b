#!/usr/bin/env bash
# Writes build/berth-daemon.cp: the classpath bin/berthd runs io.berth.daemon.Main
# with, then build/berthd.aot (scripts/train-daemon.sh: as root, when
# build/busybox-rootfs.tar is there). berth's own modules come from this checkout's */target jars (not from
# ~/.m2, which another checkout may have installed over); third-party jars come
# from the local Maven repository. Run after `mvn install -DskipTests`
# (scripts/build.sh does both).
set -euo pipefail
bash "$(dirname "$0")/write-classpath.sh" berth-daemon build/berth-daemon.cp
bash "$(dirname "$0")/train-daemon.sh"
