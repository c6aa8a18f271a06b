#!/usr/bin/env bash
# Writes build/berthd.aot: a JDK 25 AOT cache (berthd's classes loaded and linked, and the profiles of its
# methods) recorded while a throw-away berthd serves a short workload through bin/berth: import, run,
# exec, logs, a build cold and from the cache. bin/berthd starts from it while it is newer than every jar
# on the class path: the daemon answers sooner after a start, and its compiler has the profiles at once,
# so a fresh daemon reaches full speed in its first build rather than after five or six.
# Needs root (berthd does) and build/busybox-rootfs.tar; without either, or when anything fails, no cache
# is written and berthd runs as before (that is only slower). Run by scripts/build-daemon.sh, and by
# scripts/test-cgroup2.sh for the VM's berthd:
#
#   scripts/train-daemon.sh [OUT]      OUT: where the cache goes (default build/berthd.aot)
#
# BERTH_TRAIN_JAVA_OPTS: JVM options of the berthd that will use the cache (a cache only loads under the
# options it was made with), e.g. -XX:TieredStopAtLevel=1 for the emulated VM.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"

out=${1:-build/berthd.aot}
rm -f "$out"
if [ "$(id -u)" != 0 ]; then
  log "not root: no AOT cache for berthd (it starts without one)"
  exit 0
fi
if [ ! -s build/busybox-rootfs.tar ]; then
  log "no build/busybox-rootfs.tar: no AOT cache for berthd (it starts without one)"
  exit 0
fi

dir=$(mktemp -d /tmp/berthd-train.XXXXXX)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  # a daemon killed mid-way leaves its mounts: the deepest first
  { grep -o " $dir/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

echo '{}' >"$dir/daemon.json"
BERTHD_JAVA_OPTS="${BERTH_TRAIN_JAVA_OPTS:-} -XX:AOTCacheOutput=$dir/berthd.aot -Xlog:aot=error -Xlog:cds=error" \
  bin/berthd -H "unix://$dir/berth.sock" --data-root "$dir/data" --exec-root "$dir/exec" \
  --pidfile "$dir/berthd.pid" --config-file "$dir/daemon.json" \
  --bridge none --iptables=false --ip6tables=false >"$dir/berthd.log" 2>&1 &
pid=$!

b() { timeout 60 bin/berth -H "unix://$dir/berth.sock" "$@"; }
workload() {
  local i ctx=$dir/context
  for i in $(seq 300); do b version >/dev/null 2>&1 && break; sleep 0.1; done
  b info >/dev/null
  b import build/busybox-rootfs.tar busybox:latest >/dev/null
  b run --rm --network none -m 64m --pids-limit 20 busybox true
  b run -d --name train --network none -m 64m --cpus 0.5 busybox sleep 60 >/dev/null
  b exec train true
  b exec -d train sleep 5
  b logs train >/dev/null
  b top train >/dev/null
  b stats --no-stream train >/dev/null
  b update -m 128m --pids-limit 30 train >/dev/null
  b pause train >/dev/null
  b unpause train >/dev/null
  b ps -a >/dev/null
  b inspect train >/dev/null
  b events --since 0 --until "$(date +%s)" >/dev/null
  b rm -f train >/dev/null
  mkdir -p "$ctx/files"
  for i in $(seq 200); do echo "file $i" >"$ctx/files/f$i"; done
  printf '%s\n' 'FROM busybox' 'ENV APP=/app' 'WORKDIR /app' 'COPY files/ /app/files/' \
    'RUN ls /app/files > /list' 'LABEL train=yes' 'EXPOSE 8080' 'CMD ["cat", "/list"]' >"$ctx/Dockerfile"
  for i in 1 2 3 4 5; do
    b build -q --no-cache --network none -t train/build "$ctx" >/dev/null
    b build -q --network none -t train/build "$ctx" >/dev/null
  done
  b images >/dev/null
  b history train/build >/dev/null
  b rmi train/build >/dev/null
  b system df >/dev/null
}
if ! (workload) >"$dir/workload.log" 2>&1; then
  log "training berthd failed, so it starts without an AOT cache: $(tail -n 2 "$dir/workload.log" "$dir/berthd.log")"
  exit 0
fi
# the JVM writes the cache as it exits
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
pid=
if [ -s "$dir/berthd.aot" ]; then
  mv "$dir/berthd.aot" "$out"
  log "wrote $out"
else
  log "berthd wrote no AOT cache, so it starts without one: $(tail -n 2 "$dir/berthd.log")"
fi
