#!/bin/sh
# berth's built-in registry (bin/berth registry serve) against Debian's docker-registry (distribution 2.8),
# both on loopback on this machine, driven by the reference engine (Debian's docker.io dockerd):
#   push then pull of a $SIZE_MB MB image (default 1024) in $LAYERS layers (default 10) of incompressible
#     data: the time through each registry and the ratio berth/distribution (target: at most 0.8);
#   $GETS manifest GETs (default 1000) from $CLIENTS concurrent clients (default 50): median and p99
#     latency through each;
#   each registry's resident memory at rest (after the push and pull) and at its peak under the GETs.
set -eu
. "$(dirname "$0")/lib.sh"
size_mb=${SIZE_MB:-1024}
layers=${LAYERS:-10}
gets=${GETS:-1000}
clients=${CLIENTS:-50}

berth_registry_pid=
trap 'kill $berth_registry_pid 2>/dev/null || true; bench_cleanup' EXIT INT TERM

start_distribution distribution
dport=$distribution_port

bport=$(free_port)
"$root/bin/berth" registry serve --addr "127.0.0.1:$bport" --root "$tmp/berth-registry" --log-level error \
  >"$tmp/berth-registry.log" 2>&1 &
berth_registry_pid=$!
for p in $dport $bport; do
  i=0
  until curl -sf "http://127.0.0.1:$p/v2/" >/dev/null; do
    i=$((i + 1))
    [ "$i" -gt 300 ] && { echo "bench: a registry did not start" >&2; exit 1; }
    sleep 0.1
  done
done

start_reference_dockerd
d() { DOCKER_HOST=unix://$docker_sock docker "$@"; }
layered_image "$tmp/image.tar" "$size_mb" "$layers" bench/regserver:1
d load -q -i "$tmp/image.tar" >/dev/null
rm -f "$tmp/image.tar"

# CPU time (user + system) a process has used, in ms
tick=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$tick" '{ sub(/^.*\) /, ""); print ($12 + $13) * 1000 / t }' "/proc/$1/stat"; }
# ... with that of its children it waited for (dockerd's unpigz processes on a pull)
tree_cpu_ms() { awk -v t="$tick" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) * 1000 / t }' "/proc/$1/stat"; }

# push then pull through each registry; the engine gzips every layer on each push, the same work for both
for e in distribution berth; do
  if [ "$e" = berth ]; then port=$bport; pid=$berth_registry_pid; else port=$dport; pid=$distribution_pid; fi
  image=127.0.0.1:$port/bench/image:1
  d tag bench/regserver:1 "$image"
  cpu0=$(cpu_ms "$pid")
  engine0=$(tree_cpu_ms "$dockerd_pid")
  push=$(ms d push "$image")
  d rmi "$image" bench/regserver:1 >/dev/null
  pull=$(ms d pull "$image")
  cpu1=$(cpu_ms "$pid")
  engine1=$(tree_cpu_ms "$dockerd_pid")
  d tag "$image" bench/regserver:1
  d rmi "$image" >/dev/null
  echo "$push $pull $((cpu1 - cpu0)) $((engine1 - engine0))" >"$tmp/transfer.$e"
done

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
rest_berth=$(rss "$berth_registry_pid")
rest_distribution=$(rss "$distribution_pid")

# $gets manifest GETs by $clients threads, each on its own keep-alive connection; prints "median p99" in ms
manifest_gets() {
  python3 - "$1" "$gets" "$clients" <<'EOF'
import http.client, sys, threading, time
port, total, clients = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
accept = "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"
latencies, lock, left = [], threading.Lock(), [total]
def worker():
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        with lock:
            if left[0] == 0:
                return
            left[0] -= 1
        start = time.perf_counter()
        conn.request("GET", "/v2/bench/image/manifests/1", headers={"Accept": accept})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            sys.exit("manifest GET: %d" % response.status)
        with lock:
            latencies.append((time.perf_counter() - start) * 1000)
threads = [threading.Thread(target=worker) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
latencies.sort()
print("%.2f %.2f" % (latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.99) - 1]))
EOF
}

# peak RSS while the GETs run, sampled every 20 ms
for e in distribution berth; do
  if [ "$e" = berth ]; then port=$bport; pid=$berth_registry_pid; else port=$dport; pid=$distribution_pid; fi
  (peak=0; while [ ! -f "$tmp/gets.done" ]; do
     r=$(rss "$pid"); [ "$r" -gt "$peak" ] && peak=$r; echo "$peak" >"$tmp/peak.$e"; sleep 0.02; done) &
  sampler=$!
  manifest_gets "$port" >"$tmp/gets.$e"
  touch "$tmp/gets.done"
  wait "$sampler"
  rm -f "$tmp/gets.done"
done

read -r bpush bpull bcpu bengine <"$tmp/transfer.berth"
read -r dpush dpull dcpu dengine <"$tmp/transfer.distribution"
read -r bmed bp99 <"$tmp/gets.berth"
read -r dmed dp99 <"$tmp/gets.distribution"
awk -v mb="$size_mb" -v layers="$layers" -v bpush="$bpush" -v bpull="$bpull" -v dpush="$dpush" -v dpull="$dpull" \
    -v gets="$gets" -v clients="$clients" -v bmed="$bmed" -v bp99="$bp99" -v dmed="$dmed" -v dp99="$dp99" \
    -v brest="$rest_berth" -v drest="$rest_distribution" -v bpeak="$(cat "$tmp/peak.berth")" \
    -v dpeak="$(cat "$tmp/peak.distribution")" -v bcpu="$bcpu" -v dcpu="$dcpu" -v bengine="$bengine" \
    -v dengine="$dengine" -v cores="$(nproc)" 'BEGIN {
  printf "push then pull of a %d MB image in %d layers (reference engine)\n", mb, layers
  printf "  berth registry   push %7.0f ms  pull %7.0f ms  total %7.0f ms\n", bpush, bpull, bpush + bpull
  printf "  distribution     push %7.0f ms  pull %7.0f ms  total %7.0f ms\n", dpush, dpull, dpush + dpull
  printf "  ratio berth/distribution: %.2f (push %.2f, pull %.2f)\n", (bpush + bpull) / (dpush + dpull), bpush / dpush, bpull / dpull
  printf "  CPU the registry itself used meanwhile: berth %.1f s, distribution %.1f s\n", bcpu / 1000, dcpu / 1000
  printf "  CPU the engine (dockerd and its unpigz) used meanwhile: %.1f s with berth, %.1f s with distribution\n", \
    bengine / 1000, dengine / 1000
  # with every core busy, no registry can make the transfer shorter than the engine CPU spread over the cores
  printf "  the engine alone on %d cores: at least %.0f ms, %.2f of the time through distribution\n", cores, \
    dengine / cores, dengine / cores / (dpush + dpull)
  printf "%d manifest GETs from %d concurrent clients\n", gets, clients
  printf "  berth registry   median %6.2f ms  p99 %7.2f ms\n", bmed, bp99
  printf "  distribution     median %6.2f ms  p99 %7.2f ms\n", dmed, dp99
  printf "resident memory (MB): at rest / peak under the GETs\n"
  printf "  berth registry   %6.1f / %6.1f\n", brest / 1024, bpeak / 1024
  printf "  distribution     %6.1f / %6.1f\n", drest / 1024, dpeak / 1024
}'
