#!/bin/sh
# exec and commit: `docker exec CONTAINER true` round trips, and
# `docker commit` of a container that wrote $COMMIT_MB MB (default 1024) in $COMMIT_FILES files
# (default 10000), against berthd and the reference dockerd side by side (--network none).
#
# exec runs alternately against the two engines (bench/alternate.sh): the first $COLD execs after
# the daemons started (default 20; berthd's JIT is still compiling the exec path then), and the
# steady state a long-running daemon answers: $RUNS pairs (default 60) after $WARMUP unmeasured ones
# (default 100). `berth exec` against berthd is timed beside them with hyperfine.
set -eu
. "$(dirname "$0")/lib.sh"
cold=${COLD:-20}
runs=${RUNS:-60}
warmup=${WARMUP:-100}
commit_mb=${COMMIT_MB:-1024}
commit_files=${COMMIT_FILES:-10000}

start_engines
import_busybox
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker run -d --name target --network none busybox sleep 3600 >/dev/null
done
alternate() { # runs name
  bash "$root/bench/alternate.sh" "$1" "$tmp/$2.berth" "$tmp/$2.docker" \
    "docker -H unix://$berth_sock exec target true" "docker -H unix://$docker_sock exec target true"
}
alternate "$cold" cold
alternate "$warmup" warmup
alternate "$runs" steady
fb=$(median <"$tmp/cold.berth"); fd=$(median <"$tmp/cold.docker")
eb=$(median <"$tmp/steady.berth"); ed=$(median <"$tmp/steady.docker")
# hyperfine without a shell (-N) and -H rather than env: a timing wrapper's own process starts would
# count against the measured command
hyperfine -N -w 10 -r 20 --export-json "$tmp/berth-cli.json" "$root/bin/berth -H unix://$berth_sock exec target true" \
  >/dev/null 2>&1
ec=$(jq -r '.results[0].median * 1000' "$tmp/berth-cli.json")

kb=$((commit_mb * 1024 / commit_files))
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker run --name writer --network none busybox sh -c \
    "i=0; while [ \$i -lt $commit_files ]; do d=/data/\$((i / 100)); mkdir -p \$d; \
     dd if=/dev/zero of=\$d/f\$i bs=1k count=$kb 2>/dev/null; i=\$((i+1)); done"
done
cb=$(ms env DOCKER_HOST=unix://$berth_sock docker commit writer bench/committed:1)
cd=$(ms env DOCKER_HOST=unix://$docker_sock docker commit writer bench/committed:1)
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker rm -f target writer >/dev/null
  DOCKER_HOST=unix://$s docker rmi bench/committed:1 >/dev/null
done

awk -v fb="$fb" -v fd="$fd" -v cold="$cold" -v eb="$eb" -v ed="$ed" -v ec="$ec" -v cb="$cb" -v cd="$cd" -v mb="$commit_mb" -v n="$commit_files" 'BEGIN {
  printf "docker exec CONTAINER true, the first %d after start (median)\n  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", cold, fb, fd, fb / fd
  printf "docker exec CONTAINER true, steady state (median)\n  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", eb, ed, eb / ed
  printf "berth exec CONTAINER true against berthd (median): %.0f ms\n", ec
  printf "docker commit of %d MB in %d files\n  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", mb, n, cb, cd, cb / cd }'
