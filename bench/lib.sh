# Shared by the benchmarks: start berth and the reference engine side by side on temporary
# paths, and stop both (and remove their files) at exit. Source it from a POSIX sh script;
# it sets $root, $tmp, $berth_sock and $docker_sock.
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d /tmp/berth-bench.XXXXXX)
berth_sock=$tmp/berth.sock
docker_sock=$tmp/docker.sock
dockerd_pid= berthd_pid= distribution_pid= helper_pids=

bench_bridges=
# remove_bridge NAME: a bridge berthd made and the firewall rules it tagged with it
remove_bridge() {
  ip link del "$1" 2>/dev/null || true
  for table in filter nat; do
    iptables -t "$table" -S 2>/dev/null | grep -F "berth bridge $1\"" | sed 's/^-A //' |
      while read -r rule; do eval "iptables -t $table -D $rule" || true; done
  done
}

# remove_berth_chains STATE_DIR: the firewall chains of the berthd whose network state was STATE_DIR
# (BERTH-*-TAG, TAG the first 8 hex digits of the directory's SHA-256) and the jumps to them
remove_berth_chains() {
  tag=$(printf '%s' "$1" | sha256sum | cut -c1-8)
  for table in filter nat; do
    iptables -t "$table" -S 2>/dev/null | grep -F "berth $tag\"" | sed 's/^-A //' |
      while read -r rule; do eval "iptables -t $table -D $rule" || true; done
    for chain in FWD ISO DNAT POST; do
      iptables -t "$table" -F "BERTH-$chain-$tag" 2>/dev/null || true
      iptables -t "$table" -X "BERTH-$chain-$tag" 2>/dev/null || true
    done
  done
}

bench_cleanup() {
  for pid in $berthd_pid $dockerd_pid $distribution_pid $helper_pids; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $berthd_pid $dockerd_pid $distribution_pid; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  grep -o " $tmp/[^ ]*" /proc/mounts 2>/dev/null | sort -r | while read -r m; do umount -l "$m" || true; done
  for b in $bench_bridges; do remove_bridge "$b"; done
  remove_berth_chains "$tmp/berth/network"
  for f in "$tmp"/berth/network/networks/*.json; do # user networks' bridges
    [ -f "$f" ] || continue
    b=$(sed -n 's/.*"bridge":"\([^"]*\)".*/\1/p' "$f")
    case " $bench_bridges " in *" $b "*) ;; *) [ -n "$b" ] && ip link del "$b" 2>/dev/null || true ;; esac
  done
  rm -rf "$tmp"
}
trap bench_cleanup EXIT INT TERM

# up SOCKET SECONDS: true once the daemon answers /_ping
up() {
  i=0
  while [ ! -S "$1" ] || ! curl -sf --unix-socket "$1" http://x/_ping >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -gt $(($2 * 10)) ] && return 1
    sleep 0.1
  done
}

# start_reference_dockerd [bridge]: with no network of its own, or with a bridge this script
# makes (bref0, 10.218.0.1/24; no NAT rules: benchmarks send no traffic) so that containers get
# Docker's default bridge behaviour without touching docker0 or the host's firewall
start_reference_dockerd() {
  network="--bridge none"
  if [ "${1:-}" = bridge ]; then
    ip link add bref0 type bridge 2>/dev/null || true
    ip addr add 10.218.0.1/24 dev bref0 2>/dev/null || true
    ip link set bref0 up
    bench_bridges="$bench_bridges bref0"
    network="--bridge bref0"
  fi
  # shellcheck disable=SC2086
  dockerd --data-root "$tmp/docker" --exec-root "$tmp/docker-exec" -H "unix://$docker_sock" \
    --pidfile "$tmp/docker.pid" $network --iptables=false --ip-masq=false \
    >"$tmp/dockerd.log" 2>&1 &
  dockerd_pid=$!
  up "$docker_sock" 60 || { echo "bench: reference dockerd did not start (see $tmp/dockerd.log)" >&2; exit 1; }
}

# start_berthd [FLAGS...]: with its own bridge (bbench0, 10.219.0.0/24) so it never touches berth0
start_berthd() {
  echo '{}' >"$tmp/berthd.json"
  bench_bridges="$bench_bridges bbench0"
  "$root/bin/berthd" -H "unix://$berth_sock" --data-root "$tmp/berth" --exec-root "$tmp/berth-exec" \
    --pidfile "$tmp/berthd.pid" --config-file "$tmp/berthd.json" --bridge bbench0 --bip 10.219.0.1/24 \
    "$@" >"$tmp/berthd.log" 2>&1 &
  berthd_pid=$!
  up "$berth_sock" 60 || { echo "bench: berthd did not start: $(tail -n 3 "$tmp/berthd.log")" >&2; exit 1; }
}

# start_engines [bridge]: the reference engine (as start_reference_dockerd) and berthd, side by side
start_engines() {
  start_reference_dockerd "$@"
  start_berthd
}

# start_distribution NAME: Debian's docker-registry (distribution 2.8) on a free loopback port, its storage in
# $tmp/NAME and its log in $tmp/NAME.log; sets $distribution_port and $distribution_pid (stopped at exit)
start_distribution() {
  distribution_port=$(free_port)
  cat >"$tmp/$1.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $tmp/$1
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$distribution_port
EOF
  docker-registry serve "$tmp/$1.yml" >"$tmp/$1.log" 2>&1 &
  distribution_pid=$!
}

# import_busybox: makes the busybox root filesystem and imports it into both engines as busybox (CMD sh)
import_busybox() {
  "$root/scripts/make-busybox-rootfs.sh" "$tmp/busybox.tar" >/dev/null
  for _sock in "$berth_sock" "$docker_sock"; do
    DOCKER_HOST=unix://$_sock docker import -c 'CMD ["sh"]' "$tmp/busybox.tar" busybox >/dev/null
  done
}

# run_detached SOCK COUNT RUN-ARGS...: COUNT times `docker run -d RUN-ARGS` against SOCK, 20 at a time;
# waits only for these clients (a bare wait would also wait for the daemons)
run_detached() {
  _sock=$1 _count=$2
  shift 2
  _n=0
  while [ "$_n" -lt "$_count" ]; do
    _pids=
    _k=0
    while [ "$_k" -lt 20 ] && [ "$_n" -lt "$_count" ]; do
      DOCKER_HOST=unix://$_sock docker run -d "$@" >/dev/null &
      _pids="$_pids $!"
      _n=$((_n + 1)); _k=$((_k + 1))
    done
    for _p in $_pids; do wait "$_p" || true; done
  done
}

# free_port: a TCP port free on 127.0.0.1 just now
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ms COMMAND...: runs it, prints its wall time in milliseconds
ms() {
  s=$(date +%s%N)
  "$@" >/dev/null
  echo $((($(date +%s%N) - s) / 1000000))
}

# rss_kb PID...: the summed resident memory of the processes, in kB
rss_kb() {
  total=0
  for p in "$@"; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# median of the numbers on stdin
median() {
  sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}

# layered_image TAR SIZE_MB LAYERS TAG: writes a docker-archive of LAYERS layers, each one file of random
# (incompressible) bytes, SIZE_MB in all, tagged TAG
layered_image() {
  python3 - "$1.d" "$2" "$3" "$4" <<'EOF'
import hashlib, json, os, sys, tarfile
out, size_mb, layers, tag = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(out)
per = size_mb * 1024 * 1024 // layers
diff_ids, paths = [], []
for i in range(layers):
    path = f"{i}/layer.tar"
    os.makedirs(os.path.join(out, str(i)))
    with open(os.path.join(out, path), "wb") as f:
        with tarfile.open(fileobj=f, mode="w", format=tarfile.PAX_FORMAT) as t:
            info = tarfile.TarInfo(f"data{i}.bin")
            info.size, info.mtime = per, 0
            with open("/dev/urandom", "rb") as random:
                t.addfile(info, random)
    h = hashlib.sha256()
    with open(os.path.join(out, path), "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    diff_ids.append("sha256:" + h.hexdigest())
    paths.append(path)
config = json.dumps({"architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
                     "config": {"Cmd": ["sh"]}, "rootfs": {"type": "layers", "diff_ids": diff_ids},
                     "history": [{"created": "2024-01-01T00:00:00Z", "created_by": f"layer {i}"}
                                 for i in range(layers)]}, separators=(",", ":")).encode()
name = hashlib.sha256(config).hexdigest() + ".json"
with open(os.path.join(out, name), "wb") as f:
    f.write(config)
with open(os.path.join(out, "manifest.json"), "w") as f:
    json.dump([{"Config": name, "RepoTags": [tag], "Layers": paths}], f)
EOF
  tar -C "$1.d" -cf "$1" .
  rm -rf "$1.d"
}
