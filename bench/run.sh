#!/bin/sh
# Container start-up: `docker run --rm busybox true` through the Docker CLI, against berthd and
# against the reference dockerd, alternately, $RUNS times each (default 20), once with each
# engine's default bridge (each on a bridge of its own: berth's bbench0, the reference's bref0)
# and once with --network none; then $PARALLEL (default 100) containers started in parallel on
# each engine (--network none).
set -eu
. "$(dirname "$0")/lib.sh"
runs=${RUNS:-20}
parallel=${PARALLEL:-100}

start_engines bridge

import_busybox
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker run --rm --network none busybox true # warm up
done

: >"$tmp/run.berth"; : >"$tmp/run.docker"; : >"$tmp/run.berth-bridge"; : >"$tmp/run.docker-bridge"
i=0
while [ "$i" -lt "$runs" ]; do
  ms env DOCKER_HOST=unix://$berth_sock docker run --rm busybox true >>"$tmp/run.berth-bridge"
  ms env DOCKER_HOST=unix://$docker_sock docker run --rm busybox true >>"$tmp/run.docker-bridge"
  ms env DOCKER_HOST=unix://$berth_sock docker run --rm --network none busybox true >>"$tmp/run.berth"
  ms env DOCKER_HOST=unix://$docker_sock docker run --rm --network none busybox true >>"$tmp/run.docker"
  i=$((i + 1))
done
: >"$tmp/run.berthcli"
i=0
while [ "$i" -lt "$runs" ]; do
  ms "$root/bin/berth" -H "unix://$berth_sock" run --rm --network none busybox true >>"$tmp/run.berthcli"
  i=$((i + 1))
done

parallel_ms() { # socket
  s=$(date +%s%N)
  i=0
  pids=
  while [ "$i" -lt "$parallel" ]; do
    DOCKER_HOST=unix://$1 docker run -d --network none busybox sleep 60 >/dev/null &
    pids="$pids $!"
    i=$((i + 1))
  done
  for p in $pids; do wait "$p" || true; done
  echo $((($(date +%s%N) - s) / 1000000))
  DOCKER_HOST=unix://$1 docker rm -f $(DOCKER_HOST=unix://$1 docker ps -aq) >/dev/null
}
pb=$(parallel_ms "$berth_sock")
pd=$(parallel_ms "$docker_sock")

b=$(median <"$tmp/run.berth"); d=$(median <"$tmp/run.docker")
bb=$(median <"$tmp/run.berth-bridge"); db=$(median <"$tmp/run.docker-bridge"); bc=$(median <"$tmp/run.berthcli")
awk -v b="$b" -v d="$d" -v bb="$bb" -v db="$db" -v bc="$bc" -v pb="$pb" -v pd="$pd" -v n="$parallel" 'BEGIN {
  printf "docker run --rm busybox true (median, default bridge network)\n"
  printf "  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", bb, db, bb / db
  printf "docker run --rm --network none busybox true (median)\n"
  printf "  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", b, d, b / d
  printf "berth run --rm --network none busybox true (berth CLI): %.0f ms\n", bc
  printf "%d containers started in parallel (docker run -d)\n", n
  printf "  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", pb, pd, pb / pd }'
