#!/bin/sh
# Registry transfers through the Docker CLI, berthd against the reference engine (Debian's
# docker.io dockerd) started side by side, with Debian's docker-registry on loopback:
#   push of a $SIZE_MB MB image (default 1024) in $LAYERS layers (default 10) of incompressible
#     data to an empty repository (most of it is gzip);
#   pull of that image, every layer absent (each engine pulls the same blobs: the reference's push);
#   pull of an image whose layers are all present ("Image is up to date"), $RUNS_PRESENT times.
# Prints median times and the ratio berth/docker (below 1 means berth is faster).
set -eu
. "$(dirname "$0")/lib.sh"
size_mb=${SIZE_MB:-1024}
layers=${LAYERS:-10}
runs=${RUNS:-2}
runs_present=${RUNS_PRESENT:-10}

registry_pid=
trap 'kill $registry_pid 2>/dev/null || true; bench_cleanup' EXIT INT TERM
port=$(free_port)
cat >"$tmp/registry.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $tmp/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
docker-registry serve "$tmp/registry.yml" >"$tmp/registry.log" 2>&1 &
registry_pid=$!
reg=127.0.0.1:$port

start_reference_dockerd
start_berthd

# A docker-archive of $layers layers of random bytes, loaded into both engines (the same image ID on both).
layered_image "$tmp/image.tar" "$size_mb" "$layers" bench/registry:1

d() { # socket docker-args...
  s=$1
  shift
  DOCKER_HOST=unix://$s docker "$@"
}

for s in "$berth_sock" "$docker_sock"; do
  d "$s" load -q -i "$tmp/image.tar" >/dev/null
done
rm -f "$tmp/image.tar"
d "$berth_sock" tag bench/registry:1 "$reg/bench/berth:1"
d "$docker_sock" tag bench/registry:1 "$reg/bench/docker:1"

# push: each engine to a repository of its own (their gzip differs, so no blob is shared)
ms env DOCKER_HOST=unix://$berth_sock docker push "$reg/bench/berth:1" >"$tmp/push.berth"
ms env DOCKER_HOST=unix://$docker_sock docker push "$reg/bench/docker:1" >"$tmp/push.docker"

# pull: the same blobs (the reference's push) into an engine that has none of the layers
for s in "$berth_sock" "$docker_sock"; do
  d "$s" rmi "bench/registry:1" "$reg/bench/berth:1" "$reg/bench/docker:1" >/dev/null 2>&1 || true
done
: >"$tmp/pull.berth"; : >"$tmp/pull.docker"
r=0
while [ "$r" -lt "$runs" ]; do
  for e in berth docker; do
    eval "s=\$${e}_sock"
    d "$s" rmi "$reg/bench/docker:1" >/dev/null 2>&1 || true
    ms env DOCKER_HOST=unix://$s docker pull "$reg/bench/docker:1" >>"$tmp/pull.$e"
  done
  r=$((r + 1))
done

# pull of what is all present: the tag's manifest is asked for, nothing is downloaded
: >"$tmp/present.berth"; : >"$tmp/present.docker"
r=0
while [ "$r" -lt "$runs_present" ]; do
  for e in berth docker; do
    eval "s=\$${e}_sock"
    ms env DOCKER_HOST=unix://$s docker pull "$reg/bench/docker:1" >>"$tmp/present.$e"
  done
  r=$((r + 1))
done

for op in push pull present; do
  b=$(median <"$tmp/$op.berth")
  dk=$(median <"$tmp/$op.docker")
  case $op in
    push) what="push of a $size_mb MB image in $layers layers to an empty repository" ;;
    pull) what="pull of that image, no layer present (median of $runs)" ;;
    present) what="pull of an image whose layers are all present (median of $runs_present)" ;;
  esac
  awk -v what="$what" -v b="$b" -v d="$dk" -v mb="$size_mb" -v op="$op" 'BEGIN {
    printf "%s\n", what
    if (op == "present") {
      printf "  berth   %7.0f ms\n  docker  %7.0f ms\n", b, d
    } else {
      printf "  berth   %7.0f ms  %6.0f MB/s\n", b, mb * 1000 / b
      printf "  docker  %7.0f ms  %6.0f MB/s\n", d, mb * 1000 / d
    }
    printf "  ratio berth/docker: %.2f\n", b / d }'
done
