#!/usr/bin/env bash
# The cgroup v2 suite: boots a throw-away VM with a pure cgroup v2 kernel (scripts/cgroup2/run-in-cgroup2-vm.sh:
# QEMU, Debian's kernel, the host's / read-only under a tmpfs overlay) and runs scripts/cgroup2/checks.sh in it:
# this checkout's already built berthd, driven by the Docker CLI (resource flags and their v2 files, update,
# OOM, pause, stats, top, exec, cgroupns, cgroup-parent, the cgroup driver, live restore, clean-up, berthd in
# a service cgroup), once with crun and once with runc as the default runtime. Nothing is built in the VM.
#
#   scripts/test-cgroup2.sh            after scripts/build.sh (or mvn install: test.sh runs it after the suite)
#
# Without KVM (the usual case here) the VM runs under TCG emulation, where Java is ~17x slower: so berthd
# starts from a JDK AOT cache trained by a short berthd run on this host first. Exits non-zero on any failed
# check, and when the VM cannot boot or run the checks (saying why): never a silent pass.
# BERTH_CG2_TIMEOUT bounds the VM in seconds (default 1800). Measured on the shared 2-core machine under TCG:
# 139 checks in 10.5-15 minutes at load averages of 5-9 (the VM's berthd starts alone take 0.5-3 minutes).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"

started=$(date +%s)
[ "$(id -u)" = 0 ] || die "the cgroup v2 suite needs root (QEMU, the kernel download, berthd)"
[ -r build/berth-daemon.cp ] && [ -x berth-runtime/target/berth-exec ] \
  || die "berthd is not built: run scripts/build.sh (or mvn install) first"
ensure_busybox_rootfs

work=$(mktemp -d /tmp/berth-cg2.XXXXXX)
trap 'rm -rf "$work"' EXIT

# ---- a JDK AOT cache for berthd (classes parsed, linked and profiled), trained on this host: under emulation
# it takes berthd's start-up from minutes to well under one. Same JVM options as in the VM, or it is ignored.
# C1 only: under emulation C2's compilations cost more CPU than the short-lived berthd of the checks gains.
JAVA_OPTS_VM="-XX:TieredStopAtLevel=1"
log "training berthd's AOT cache on this host"
BERTH_TRAIN_JAVA_OPTS=$JAVA_OPTS_VM bash scripts/train-daemon.sh "$work/berthd.aot"

# Paths the VM must see that sit under the host's /tmp (the guest's /tmp is a fresh tmpfs): the checkout and
# jars of the classpath, read-only.
ro=(-R "$work")
for p in "$BERTH_ROOT" $(tr ':' '\n' < build/berth-daemon.cp | sed -n 's#^\(/tmp/[^/]*\)/.*#\1#p' | sort -u); do
  case "$p" in /tmp/*) ro+=(-R "$p") ;; esac
done

# the VM reads the script as it runs it: a copy, so that editing the checkout meanwhile cannot change it
cp scripts/cgroup2/checks.sh "$work/checks.sh"

# One VM at a time on this machine: under emulation it takes every core it can.
exec 8>/tmp/berth-cg2.lock
flock 8
timeout=${BERTH_CG2_TIMEOUT:-1800}
log "booting the cgroup v2 VM (timeout ${timeout}s)"
status=0
bash scripts/cgroup2/run-in-cgroup2-vm.sh "${ro[@]}" -m 3G -T /var/lib/berth-cg2 -d 2G -D /var/lib/berth-cg2-disk \
  -t "$timeout" -e "BERTH_ROOT=$BERTH_ROOT" -e "CG2_AOT=$([ -f "$work/berthd.aot" ] && echo "$work/berthd.aot")" \
  -e "CG2_JAVA_OPTS=$JAVA_OPTS_VM" -e CG2_DATA=/var/lib/berth-cg2 -e CG2_DISK=/var/lib/berth-cg2-disk \
  "$work/checks.sh" 2>&1 | tee "$work/out" || status=$?
if ! grep -q '^== done: ' "$work/out"; then
  echo "error: the cgroup v2 checks did not run to their end in the VM (exit $status): see the output above;" \
    "exit 124 is the VM's timeout or a VM that did not boot (QEMU, the kernel download by apt-get)" >&2
  [ "$status" != 0 ] || status=1
fi
log "cgroup v2 suite finished in $(( $(date +%s) - started ))s with status $status"
exit "$status"
