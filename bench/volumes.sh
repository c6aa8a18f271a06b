#!/bin/sh
# Volumes: `docker run --rm -v vol:/data busybox true` through the Docker CLI against berthd and
# the reference dockerd, alternately, $RUNS times each (default 20; the named volume exists after
# the first run); then the first start of a container whose new named volume is filled from an
# image directory of $FILES small files (default 10000): `docker run --rm -v fillN:/data filled
# true`, a new volume each time, $FILL_RUNS times each (default 5). Both with --network none, so
# that the network's cost does not hide the volumes'. Prints the medians and their ratios.
# The filled volumes are kept until the end: on an ext4 without a journal (this machine's) the inode
# allocator skips inodes freed in the last 60 s (300 s while their table block is dirty) and scans past
# each of them for every new file, so removing one engine's 10,000 files made the next engine's 10,000
# creations take 4-5 s instead of 0.3 s: the removal, not the engines, decided the figures.
set -eu
. "$(dirname "$0")/lib.sh"
runs=${RUNS:-20}
fill_runs=${FILL_RUNS:-5}
files=${FILES:-10000}

start_engines

import_busybox
mkdir "$tmp/filled"
tar -xf "$tmp/busybox.tar" -C "$tmp/filled"
mkdir -p "$tmp/filled/data"
seq 1 "$files" | awk -v d="$tmp/filled/data" '{ f = d "/f" $1; print "small file " $1 > f; close(f) }'
chown -R 1000:1000 "$tmp/filled/data"
tar -cf "$tmp/filled.tar" -C "$tmp/filled" .
rm -rf "$tmp/filled"
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker import -c 'CMD ["sh"]' "$tmp/filled.tar" filled >/dev/null
  DOCKER_HOST=unix://$s docker run --rm --network none -v vol:/data busybox true # warm up, and make vol
done

: >"$tmp/vol.berth"; : >"$tmp/vol.docker"
i=0
while [ "$i" -lt "$runs" ]; do
  ms env DOCKER_HOST=unix://$berth_sock docker run --rm --network none -v vol:/data busybox true >>"$tmp/vol.berth"
  ms env DOCKER_HOST=unix://$docker_sock docker run --rm --network none -v vol:/data busybox true >>"$tmp/vol.docker"
  i=$((i + 1))
done

: >"$tmp/fill.berth"; : >"$tmp/fill.docker"
i=0
while [ "$i" -lt "$fill_runs" ]; do
  for engine in berth docker; do
    sock=$berth_sock; [ "$engine" = docker ] && sock=$docker_sock
    ms env DOCKER_HOST=unix://$sock docker run --rm --network none -v "fill$i:/data" filled true >>"$tmp/fill.$engine"
    n=$(DOCKER_HOST=unix://$sock docker run --rm --network none -v "fill$i:/data" busybox sh -c 'ls /data | wc -l')
    [ "$n" -eq "$files" ] || { echo "bench: $engine filled $n of $files files" >&2; exit 1; }
  done
  i=$((i + 1))
done

b=$(median <"$tmp/vol.berth"); d=$(median <"$tmp/vol.docker")
fb=$(median <"$tmp/fill.berth"); fd=$(median <"$tmp/fill.docker")
awk -v b="$b" -v d="$d" -v fb="$fb" -v fd="$fd" -v n="$files" 'BEGIN {
  printf "docker run --rm -v vol:/data busybox true (median, --network none)\n"
  printf "  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", b, d, b / d
  printf "first start with a new volume filled from %d image files (median)\n", n
  printf "  berth   %6.0f ms\n  docker  %6.0f ms\n  ratio berth/docker: %.2f\n", fb, fd, fb / fd }'
