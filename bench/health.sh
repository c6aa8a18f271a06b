#!/bin/sh
# CPU berthd spends on health checks: $COUNT (default 100) running containers, each probed every second
# (--health-cmd true --health-interval 1s), measured as berthd's user+system time over $SECONDS_MEASURED
# (default 30) seconds, in percent of one core. The reference engine runs the same containers side by side
# (dockerd plus containerd, whose shims run the probes). Target (issue 9): berthd under 10% of one core.
set -eu
. "$(dirname "$0")/lib.sh"
count=${COUNT:-100}
window=${SECONDS_MEASURED:-30}

start_engines
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

hz=$(getconf CLK_TCK)
containerd=$(pgrep -P "$dockerd_pid" containerd || true)

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
# measure SOCK PID...: runs the containers on one engine, waits past the start-up of every probe loop, and
# prints "CPU-ticks healthy probes/s load" over the window; then removes the containers. One engine at a
# time, so that neither engine's probes slow the other's (with both at once the machine saturates and
# each engine probes less often than asked, which flatters both).
measure() {
  sock=$1
  shift
  run_detached "$sock" "$count" --network none --health-cmd true --health-interval 1s busybox sleep 3600
  sleep 10
  t0=$(cpu_ticks "$@")
  sleep "$window"
  t1=$(cpu_ticks "$@")
  load=$(cut -d' ' -f1 /proc/loadavg)
  healthy=$(DOCKER_HOST=unix://$sock docker ps -q --filter health=healthy | wc -l)
  rate=$(probe_rate "$sock")
  DOCKER_HOST=unix://$sock docker rm -f $(DOCKER_HOST=unix://$sock docker ps -aq) >/dev/null
  echo "$((t1 - t0)) $healthy $rate $load"
}
set -- $(measure "$berth_sock" "$berthd_pid")
b=$1 hb=$2 rb=$3 lb=$4
set -- $(measure "$docker_sock" "$dockerd_pid" $containerd)
d=$1 hd=$2 rd=$3 ld=$4
awk -v b="$b" -v d="$d" -v hz="$hz" -v w="$window" -v n="$count" -v hb="$hb" -v hd="$hd" \
  -v rb="$rb" -v rd="$rd" -v lb="$lb" -v ld="$ld" 'BEGIN {
  pb = 100 * b / hz / w; pd = 100 * d / hz / w
  printf "health checks: %d containers probed every second, over %d s, one engine at a time\n", n, w
  printf "  berthd:                %5.1f%% of one core (%d healthy, %d probes/s, load %s)  target < 10%%\n", pb, hb, rb, lb
  printf "  dockerd + containerd:  %5.1f%% of one core (%d healthy, %d probes/s, load %s)\n", pd, hd, rd, ld
}'
