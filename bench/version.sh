#!/bin/sh
# Start-up benchmark: `bin/berth version` (against berthd) vs `docker version` (against a
# reference dockerd this script starts on temporary paths and stops at exit).
# berth's daemon: $BERTH_HOST if set, else a berthd started from bin/berthd if present, else
# the reference dockerd (then only the clients differ). Prints medians and the ratio.
# Needs: hyperfine, python3, dockerd (docker.io), scripts/build-cli.sh already run.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-50}
tmp=$(mktemp -d /tmp/berth-bench-version.XXXXXX)
dockerd_pid= berthd_pid=

cleanup() {
  for pid in $berthd_pid $dockerd_pid; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $berthd_pid $dockerd_pid; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

up() { # socket path, seconds: true once the daemon answers /_ping
  i=0
  while [ ! -S "$1" ] || ! curl -sf --unix-socket "$1" http://x/_ping >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -gt $(($2 * 10)) ] && return 1
    sleep 0.1
  done
}

dockerd --data-root "$tmp/docker" --exec-root "$tmp/exec" -H "unix://$tmp/docker.sock" \
  --pidfile "$tmp/docker.pid" --bridge none --iptables=false --ip-masq=false \
  >"$tmp/dockerd.log" 2>&1 &
dockerd_pid=$!
up "$tmp/docker.sock" 30 || { echo "bench: reference dockerd did not start (see $tmp/dockerd.log)" >&2; exit 1; }

if [ -n "${BERTH_HOST:-}" ]; then
  berth_host=$BERTH_HOST
  what="berthd at $BERTH_HOST"
elif [ -x "$root/bin/berthd" ] && "$root/bin/berthd" -H "unix://$tmp/berth.sock" --data-root "$tmp/berth" \
    --exec-root "$tmp/berth-exec" --pidfile "$tmp/berthd.pid" >"$tmp/berthd.log" 2>&1 &
    berthd_pid=$! && up "$tmp/berth.sock" 30; then
  berth_host=unix://$tmp/berth.sock
  what="berthd started from bin/berthd"
else
  [ -n "$berthd_pid" ] && echo "bench: bin/berthd did not come up: $(tail -n 1 "$tmp/berthd.log")" >&2
  berth_host=unix://$tmp/docker.sock
  what="no berthd available: berth CLI against the reference dockerd"
fi

BERTH_HOST=$berth_host "$root/bin/berth" version >/dev/null
DOCKER_HOST=unix://$tmp/docker.sock docker version >/dev/null

BERTH_HOST=$berth_host DOCKER_HOST=unix://$tmp/docker.sock hyperfine -N --warmup 5 --runs "$runs" \
  --export-json "$tmp/result.json" -n berth "$root/bin/berth version" -n docker "docker version" >/dev/null

python3 - "$tmp/result.json" "$what" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
b, d = results["berth"]["median"] * 1000, results["docker"]["median"] * 1000
print(f"version start-up ({sys.argv[2]})")
print(f"  berth version   median {b:7.1f} ms   (mean {results['berth']['mean']*1000:.1f}, min {results['berth']['min']*1000:.1f})")
print(f"  docker version  median {d:7.1f} ms   (mean {results['docker']['mean']*1000:.1f}, min {results['docker']['min']*1000:.1f})")
print(f"  ratio berth/docker: {b / d:.2f}")
PY
