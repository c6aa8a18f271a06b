#!/bin/sh
# save/load throughput: the same image (a rootfs of random files, $SIZE_MB MB, default 256)
# saved to a file and loaded back, through the Docker CLI, against berthd and against the
# reference engine (Debian's docker.io dockerd) started side by side on temporary paths.
# Prints median times, throughput and the ratio berth/docker (below 1 means berth is faster).
set -eu
. "$(dirname "$0")/lib.sh"
size_mb=${SIZE_MB:-256}
runs=${RUNS:-3}

start_engines

mkdir -p "$tmp/rootfs/data"
i=0
while [ "$i" -lt $((size_mb / 4)) ]; do
  head -c 4194304 /dev/urandom >"$tmp/rootfs/data/f$i"
  i=$((i + 1))
done
tar -C "$tmp/rootfs" -cf "$tmp/rootfs.tar" .
rm -rf "$tmp/rootfs"

report() { # engine socket
  DOCKER_HOST=unix://$2 docker import "$tmp/rootfs.tar" bench/saveload:1 >/dev/null
  : >"$tmp/save.$1"; : >"$tmp/load.$1"
  r=0
  while [ "$r" -lt "$runs" ]; do
    ms env DOCKER_HOST=unix://$2 docker save -o "$tmp/image.tar" bench/saveload:1 >>"$tmp/save.$1"
    DOCKER_HOST=unix://$2 docker rmi bench/saveload:1 >/dev/null
    ms env DOCKER_HOST=unix://$2 docker load -q -i "$tmp/image.tar" >>"$tmp/load.$1"
    rm -f "$tmp/image.tar"
    r=$((r + 1))
  done
  DOCKER_HOST=unix://$2 docker rmi bench/saveload:1 >/dev/null
}
report berth "$berth_sock"
report docker "$docker_sock"

for op in save load; do
  b=$(median <"$tmp/$op.berth")
  d=$(median <"$tmp/$op.docker")
  awk -v op="$op" -v b="$b" -v d="$d" -v mb="$size_mb" 'BEGIN {
    printf "%s of a %d MB image (median of runs)\n", op, mb
    printf "  berth   %7.0f ms  %6.0f MB/s\n", b, mb * 1000 / b
    printf "  docker  %7.0f ms  %6.0f MB/s\n", d, mb * 1000 / d
    printf "  ratio berth/docker: %.2f\n", b / d }'
done
