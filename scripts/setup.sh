#!/usr/bin/env bash
# From a fresh Debian 12 clone to a running berthd with a busybox image, in a
# root shell (no sudo needed; Debian does not install it by default):
#
#   scripts/setup.sh
#
# 1. installs the missing Debian packages (scripts/deps.sh),
# 2. checks for a JDK 25 (Temurin 25; not in Debian's apt),
# 3. makes the busybox root filesystem (build/busybox-rootfs.tar),
# 4. builds berth (scripts/build.sh; it trains berthd's AOT cache on that rootfs),
# 5. starts berthd in the background unless one already answers on the socket,
# 6. imports the rootfs as busybox:latest unless berth already has a busybox image,
# 7. shows `berth images` and `berth info`.
# Running it again is safe: each step skips what is already done (the build and
# rootfs are remade, both idempotent).
#
# Where berthd lives (override with the environment):
#   BERTH_SOCK=/var/run/berth.sock  BERTH_DATA_ROOT=/var/lib/berth
#   BERTH_EXEC_ROOT=/var/run/berth  BERTH_PIDFILE=/var/run/berthd.pid
#   BERTH_LOG=/var/log/berthd.log
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$BERTH_ROOT"

sock=${BERTH_SOCK:-/var/run/berth.sock}
data_root=${BERTH_DATA_ROOT:-/var/lib/berth}
exec_root=${BERTH_EXEC_ROOT:-/var/run/berth}
pidfile=${BERTH_PIDFILE:-/var/run/berthd.pid}
logfile=${BERTH_LOG:-/var/log/berthd.log}
rootfs=build/busybox-rootfs.tar

[ "$(id -u)" = 0 ] || die "berthd manages mounts, namespaces and cgroups: run scripts/setup.sh as root"

bash scripts/deps.sh
berth_java_home >/dev/null || exit 1
# the root filesystem first: scripts/build.sh trains berthd's AOT cache on it
log "busybox root filesystem -> $rootfs"
bash scripts/make-busybox-rootfs.sh "$rootfs"
bash scripts/build.sh

berth() { bin/berth -H "unix://$sock" "$@"; }
answering() { berth version >/dev/null 2>&1; }

if answering; then
  log "berthd already answers on $sock"
else
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -q 'io.berth.daemon.Main' "/proc/$pid/cmdline" 2>/dev/null; then
    log "berthd (pid $pid) is starting; waiting for $sock"
  else
    log "starting berthd: socket $sock, data root $data_root, log $logfile"
    mkdir -p "$(dirname "$logfile")" "$(dirname "$sock")" "$(dirname "$pidfile")"
    # setsid + nohup: the daemon outlives this script and its terminal.
    setsid nohup bin/berthd -H "unix://$sock" --data-root "$data_root" --exec-root "$exec_root" \
      --pidfile "$pidfile" </dev/null >>"$logfile" 2>&1 &
    pid=$!
  fi
  for _ in $(seq 1 120); do
    answering && break
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$logfile" >&2 || true
      die "berthd exited during start-up; its log is $logfile"
    fi
    sleep 0.5
  done
  answering || die "berthd did not answer on $sock within 60 s; its log is $logfile"
  log "berthd is up (pid $pid)"
fi

if [ -z "$(berth images -q busybox)" ]; then
  log "importing $rootfs as busybox:latest"
  berth import -m 'busybox root filesystem from Debian busybox-static' \
    -c 'CMD ["sh"]' \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "$rootfs" busybox:latest >/dev/null
else
  log "busybox image already present"
fi

berth images
berth info
