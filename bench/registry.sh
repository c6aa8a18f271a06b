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

start_distribution registry
reg=127.0.0.1:$distribution_port

start_engines

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

# pulls RUNS OP [absent]: RUNS rounds of each engine pulling the reference's push, timed into $tmp/OP.ENGINE;
# with "absent", each pull first removes the image
pulls() {
  : >"$tmp/$2.berth"; : >"$tmp/$2.docker"
  r=0
  while [ "$r" -lt "$1" ]; do
    for e in berth docker; do
      eval "s=\$${e}_sock"
      if [ "${3:-}" = absent ]; then
        d "$s" rmi "$reg/bench/docker:1" >/dev/null 2>&1 || true
      fi
      ms env DOCKER_HOST=unix://$s docker pull "$reg/bench/docker:1" >>"$tmp/$2.$e"
    done
    r=$((r + 1))
  done
}

# pull: the same blobs (the reference's push) into an engine that has none of the layers
for s in "$berth_sock" "$docker_sock"; do
  d "$s" rmi "bench/registry:1" "$reg/bench/berth:1" "$reg/bench/docker:1" >/dev/null 2>&1 || true
done
pulls "$runs" pull absent

# pull of what is all present: the tag's manifest is asked for, nothing is downloaded
pulls "$runs_present" present

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
