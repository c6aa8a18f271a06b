#!/bin/sh
# Start-up benchmark: `bin/berth version` against berthd vs `docker version` against the
# reference dockerd, both started by this script on temporary paths (or $BERTH_HOST for an
# already running berthd). Prints medians and the ratio berth/docker.
# Needs: hyperfine, python3, dockerd (docker.io), scripts/build.sh already run.
set -eu
. "$(dirname "$0")/lib.sh"
runs=${RUNS:-50}

start_reference_dockerd
if [ -n "${BERTH_HOST:-}" ]; then
  berth_host=$BERTH_HOST
else
  start_berthd
  berth_host=unix://$berth_sock
fi

BERTH_HOST=$berth_host "$root/bin/berth" version >/dev/null
DOCKER_HOST=unix://$docker_sock docker version >/dev/null

BERTH_HOST=$berth_host DOCKER_HOST=unix://$docker_sock hyperfine -N --warmup 5 --runs "$runs" \
  --export-json "$tmp/result.json" -n berth "$root/bin/berth version" -n docker "docker version" >/dev/null

python3 - "$tmp/result.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
b, d = results["berth"]["median"] * 1000, results["docker"]["median"] * 1000
print("version start-up (berth CLI against berthd, docker CLI against the reference dockerd)")
print(f"  berth version   median {b:7.1f} ms   (mean {results['berth']['mean']*1000:.1f}, min {results['berth']['min']*1000:.1f})")
print(f"  docker version  median {d:7.1f} ms   (mean {results['docker']['mean']*1000:.1f}, min {results['docker']['min']*1000:.1f})")
print(f"  ratio berth/docker: {b / d:.2f}")
PY
