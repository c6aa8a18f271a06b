#!/bin/sh
# CPU berthd spends on health checks: $COUNT (default 100) running containers, each probed every second
# (--health-cmd true --health-interval 1s), measured as berthd's user+system time over $SECONDS_MEASURED
# (default 30) seconds, in percent of one core. The reference engine runs the same containers side by side
# (dockerd plus containerd, whose shims run the probes). Target (issue 9): berthd under 10% of one core.
set -eu
. "$(dirname "$0")/lib.sh"
count=${COUNT:-100}
window=${SECONDS_MEASURED:-30}

start_reference_dockerd
start_berthd
import_busybox

# cpu_ticks PID...: user+system clock ticks of the processes so far
cpu_ticks() {
  t=0
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}

for s in "$berth_sock" "$docker_sock"; do
  run_detached "$s" "$count" --network none --health-cmd true --health-interval 1s busybox sleep 3600
done
sleep 10 # past the start-up of every probe loop

hz=$(getconf CLK_TCK)
containerd=$(pgrep -P "$dockerd_pid" containerd || true)
b0=$(cpu_ticks "$berthd_pid"); d0=$(cpu_ticks "$dockerd_pid" $containerd)
sleep "$window"
b1=$(cpu_ticks "$berthd_pid"); d1=$(cpu_ticks "$dockerd_pid" $containerd)
healthy_b=$(DOCKER_HOST=unix://$berth_sock docker ps -q --filter health=healthy | wc -l)
healthy_d=$(DOCKER_HOST=unix://$docker_sock docker ps -q --filter health=healthy | wc -l)
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker rm -f $(DOCKER_HOST=unix://$s docker ps -aq) >/dev/null
done
awk -v b=$((b1 - b0)) -v d=$((d1 - d0)) -v hz="$hz" -v w="$window" -v n="$count" -v hb="$healthy_b" -v hd="$healthy_d" 'BEGIN {
  pb = 100 * b / hz / w; pd = 100 * d / hz / w
  printf "health checks: %d containers probed every second, over %d s\n", n, w
  printf "  berthd:                %5.1f%% of one core (%d healthy)  target < 10%%\n", pb, hb
  printf "  dockerd + containerd:  %5.1f%% of one core (%d healthy)\n", pd, hd
}'
