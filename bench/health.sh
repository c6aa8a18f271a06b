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

# probe_rate SOCKET: probes per second that engine achieved, from the Start times in each container's Health.Log
# (a loaded machine stretches the period past the 1 s interval, and fewer probes cost less CPU)
probe_rate() {
  DOCKER_HOST=unix://$1 docker inspect $(DOCKER_HOST=unix://$1 docker ps -q) | python3 -c '
import datetime, json, re, sys
def seconds(s):
    base, _, frac = re.sub(r"(Z|[+-][0-9][0-9]:[0-9][0-9])$", "", s).partition(".")
    return datetime.datetime.fromisoformat(base).timestamp() + float("0." + (frac or "0"))
containers = json.load(sys.stdin)
gaps = []
for c in containers:
    starts = [seconds(e["Start"]) for e in ((c["State"].get("Health") or {}).get("Log") or [])]
    gaps += [b - a for a, b in zip(starts, starts[1:])]
print("%.0f" % (len(containers) * len(gaps) / sum(gaps)) if gaps else 0)'
}
rate_b=$(probe_rate "$berth_sock")
rate_d=$(probe_rate "$docker_sock")
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker rm -f $(DOCKER_HOST=unix://$s docker ps -aq) >/dev/null
done
awk -v b=$((b1 - b0)) -v d=$((d1 - d0)) -v hz="$hz" -v w="$window" -v n="$count" -v hb="$healthy_b" -v hd="$healthy_d" \
  -v rb="$rate_b" -v rd="$rate_d" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  pb = 100 * b / hz / w; pd = 100 * d / hz / w
  printf "health checks: %d containers probed every second, over %d s (load average %s)\n", n, w, load
  printf "  berthd:                %5.1f%% of one core (%d healthy, %d probes/s)  target < 10%%\n", pb, hb, rb
  printf "  dockerd + containerd:  %5.1f%% of one core (%d healthy, %d probes/s)\n", pd, hd, rd
}'
