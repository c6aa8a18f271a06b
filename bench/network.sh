#!/bin/sh
# Networking, berth against the reference dockerd (Debian's docker.io 20.10, with its iptables rules and
# docker-proxy, as it runs by default), through the Docker CLI:
#   1. `run --rm -p PORT:80 busybox true`, $RUNS times each (default 20), alternately: median and ratio;
#   2. throughput of a published port from the host's 127.0.0.1 (curl of a $MB MB file, default 500, from a
#      busybox httpd) against talking to the container's own address;
#   3. resident memory for 100 published ports: berthd's growth against the docker-proxy processes;
#   4. 50 containers started one after another on one user network: total time and ratio;
#   5. DNS: median time of $QUERIES (default 1000) lookups of a container's name from inside a container.
# Traffic goes only to 127.0.0.1 and to the containers the script made. The reference dockerd runs on its own
# bridge (bref0, 10.218.0.1/24); what it adds to the host's firewall is removed at exit.
set -eu
. "$(dirname "$0")/lib.sh"
runs=${RUNS:-20}
mb=${MB:-500}
queries=${QUERIES:-1000}

cleanup_reference_rules() {
  for table in filter nat; do
    iptables -t "$table" -S 2>/dev/null | grep -E '^-A (FORWARD|PREROUTING|OUTPUT|POSTROUTING) .*(-j DOCKER|bref0|br-)' |
      sed 's/^-A //' | while read -r rule; do eval "iptables -t $table -D $rule" 2>/dev/null || true; done
    for chain in DOCKER DOCKER-USER DOCKER-ISOLATION-STAGE-1 DOCKER-ISOLATION-STAGE-2; do
      iptables -t "$table" -F "$chain" 2>/dev/null || true
      iptables -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
  iptables -P FORWARD ACCEPT # dockerd set it to DROP
  # the reference's user network bridge, left behind when the run stopped before its network rm
  [ -z "${ref_bridge:-}" ] || ip link del "$ref_bridge" 2>/dev/null || true
}
trap 'bench_cleanup; cleanup_reference_rules' EXIT INT TERM

# the reference dockerd as it runs by default (iptables, docker-proxy), on a bridge of the script's own
ip link add bref0 type bridge 2>/dev/null || true
ip addr add 10.218.0.1/24 dev bref0 2>/dev/null || true
ip link set bref0 up
bench_bridges="$bench_bridges bref0"
dockerd --data-root "$tmp/docker" --exec-root "$tmp/docker-exec" -H "unix://$docker_sock" \
  --pidfile "$tmp/docker.pid" --bridge bref0 >"$tmp/dockerd.log" 2>&1 &
dockerd_pid=$!
up "$docker_sock" 60 || { echo "bench: reference dockerd did not start (see $tmp/dockerd.log)" >&2; exit 1; }
start_berthd

import_busybox
for s in "$berth_sock" "$docker_sock"; do
  DOCKER_HOST=unix://$s docker run --rm -p 18999:80 busybox true # warm up
done
b() { DOCKER_HOST=unix://$berth_sock docker "$@"; }
d() { DOCKER_HOST=unix://$docker_sock docker "$@"; }

echo "== run --rm -p PORT:80 busybox true ($runs runs each)"
: >"$tmp/p.berth"; : >"$tmp/p.docker"
i=0
while [ "$i" -lt "$runs" ]; do
  ms b run --rm -p 18080:80 busybox true >>"$tmp/p.berth"
  ms d run --rm -p 18081:80 busybox true >>"$tmp/p.docker"
  i=$((i + 1))
done
pb=$(median <"$tmp/p.berth"); pd=$(median <"$tmp/p.docker")
echo "berth median ${pb} ms, dockerd median ${pd} ms, ratio $(echo "$pb $pd" | awk '{printf "%.2f", $1/$2}')"

echo "== throughput of a published port ($mb MB, median of 5)"
serve='mkdir -p /w && dd if=/dev/zero of=/w/f bs=1M count='$mb' 2>/dev/null && touch /w/ready && exec httpd -f -p 80 -h /w'
b run -d --name tput -p 18180:80 busybox sh -c "$serve" >/dev/null
d run -d --name tput -p 18181:80 busybox sh -c "$serve" >/dev/null
for e in b d; do until $e exec tput test -e /w/ready; do sleep 0.5; done; done
speed() { curl -s -o /dev/null -w '%{speed_download}' "$1"; }
bip=$(b inspect -f '{{.NetworkSettings.IPAddress}}' tput); dip=$(d inspect -f '{{.NetworkSettings.IPAddress}}' tput)
speed http://127.0.0.1:18180/f >/dev/null; speed http://127.0.0.1:18181/f >/dev/null # warm the page cache
# the median of 5 rounds, the four paths in turn in each (one transfer each varies by a fifth here)
: >"$tmp/tput"
for round in 1 2 3 4 5; do
  echo "$(speed http://127.0.0.1:18180/f) $(speed "http://$bip/f") $(speed http://127.0.0.1:18181/f) $(speed "http://$dip/f")" \
    >>"$tmp/tput"
done
med() { awk -v c="$1" '{print $c}' "$tmp/tput" | sort -g | sed -n 3p; }
bl=$(med 1); bc=$(med 2); dl=$(med 3); dc=$(med 4)
echo "$bl $bc $dl $dc" | awk '{printf "berth 127.0.0.1 %.2f GB/s, container address %.2f GB/s (%.2f of it); dockerd (docker-proxy) 127.0.0.1 %.2f GB/s, container address %.2f GB/s; berth/dockerd on 127.0.0.1 %.2f\n", $1/1e9, $2/1e9, $1/$2, $3/1e9, $4/1e9, $1/$3}'
b rm -f tput >/dev/null; d rm -f tput >/dev/null

echo "== resident memory for 100 published ports"
sleep 2
before=$(rss_kb "$berthd_pid")
b run -d --name many -p 19000-19099:19000-19099 busybox sleep 600 >/dev/null
d run -d --name many -p 19100-19199:19000-19099 busybox sleep 600 >/dev/null
sleep 2
after=$(rss_kb "$berthd_pid")
proxies=$(pgrep -x docker-proxy | tr '\n' ' ')
nproxies=$(echo "$proxies" | wc -w)
# shellcheck disable=SC2086
proxy_kb=$(rss_kb $proxies)
echo "berthd grew by $((after - before)) kB (no process per port); dockerd: $nproxies docker-proxy processes, $proxy_kb kB; ratio $(echo "$after $before $proxy_kb" | awk '{d=$1-$2; if (d<0) d=0; printf "%.3f", d/$3}')"
b rm -f many >/dev/null; d rm -f many >/dev/null

echo "== 50 containers started one after another on one user network"
b network create benchnet >/dev/null; d network create benchnet >/dev/null
ref_bridge=br-$(d network inspect -f '{{.Id}}' benchnet | cut -c1-12)
fifty() { i=0; while [ "$i" -lt 50 ]; do "$@" run -d --net benchnet busybox sleep 600 >/dev/null; i=$((i + 1)); done; }
sb=$(ms fifty b); sd=$(ms fifty d)
echo "berth ${sb} ms, dockerd ${sd} ms, ratio $(echo "$sb $sd" | awk '{printf "%.2f", $1/$2}')"

echo "== DNS lookups of a container name from inside a container ($queries)"
cat >"$tmp/dns.py" <<'PY'
import socket, struct, sys, time
name, n = sys.argv[1], int(sys.argv[2])
q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
times = []
for i in range(n):
    msg = struct.pack(">HHHHHH", i & 0xffff, 0x0100, 1, 0, 0, 0) + q + struct.pack(">HH", 1, 1)
    t = time.perf_counter()
    s.sendto(msg, ("127.0.0.11", 53))
    r = s.recv(512)
    times.append(time.perf_counter() - t)
    assert struct.unpack(">H", r[6:8])[0] >= 1, "no answer"
times.sort()
print("%.3f" % (times[len(times) // 2] * 1000))
PY
for e in b d; do
  $e run -d --name peer --net benchnet busybox sleep 600 >/dev/null
  $e run -d --name asker --net benchnet busybox sleep 600 >/dev/null
done
bpid=$(b inspect -f '{{.State.Pid}}' asker); dpid=$(d inspect -f '{{.State.Pid}}' asker)
nb=$(nsenter -n -t "$bpid" python3 "$tmp/dns.py" peer "$queries")
nd=$(nsenter -n -t "$dpid" python3 "$tmp/dns.py" peer "$queries")
echo "berth median ${nb} ms, dockerd median ${nd} ms"
for e in b d; do
  # shellcheck disable=SC2046
  $e rm -f $($e ps -aq) >/dev/null
  $e network rm benchnet >/dev/null
done
