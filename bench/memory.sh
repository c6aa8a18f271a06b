#!/bin/sh
# Memory of $COUNT (default 200) running `sleep` containers: berthd plus its conmon monitors
# against dockerd, containerd and the containerd shims, as the sum of resident set sizes.
# Both engines run the containers with --network none (see run.sh).
set -eu
. "$(dirname "$0")/lib.sh"
count=${COUNT:-200}

start_engines
import_busybox

for s in "$berth_sock" "$docker_sock"; do
  run_detached "$s" "$count" --network none busybox sleep 3600
done
sleep 5

berth_pids="$berthd_pid $(pgrep -f "conmon.*$tmp/berth-exec" | tr '\n' ' ')"
docker_pids="$dockerd_pid $(pgrep -f "containerd.*$tmp/docker-exec|containerd-shim.*$tmp/docker-exec" | tr '\n' ' ')"
containerd=$(pgrep -P "$dockerd_pid" containerd || true)
b=$(rss_kb $berth_pids)
d=$(rss_kb $docker_pids $containerd)
running_b=$(DOCKER_HOST=unix://$berth_sock docker ps -q | wc -l)
running_d=$(DOCKER_HOST=unix://$docker_sock docker ps -q | wc -l)
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker rm -f $(DOCKER_HOST=unix://$s docker ps -aq) >/dev/null
done
awk -v b="$b" -v d="$d" -v rb="$running_b" -v rd="$running_d" -v nb="$(echo $berth_pids | wc -w)" \
  -v nd="$(echo $docker_pids $containerd | wc -w)" 'BEGIN {
  printf "memory of running sleep containers (sum of RSS)\n"
  printf "  berth   %4d containers  %7.1f MB  (%d processes: berthd + conmon)\n", rb, b / 1024, nb
  printf "  docker  %4d containers  %7.1f MB  (%d processes: dockerd + containerd + shims)\n", rd, d / 1024, nd
  printf "  ratio berth/docker: %.2f\n", b / d }'
