#!/bin/sh
# docker build: the issue's Dockerfile (10 steps on busybox: a COPY of 2,000 small files, two shell
# steps, metadata steps) built cold (--no-cache) and rebuilt unchanged (every step from the cache), and
# rebuilt after one copied file changed (only the steps after that COPY run), against berthd (the Docker
# CLI 28 with DOCKER_BUILDKIT=0, the classic /build endpoint; and through bin/berth) and the reference dockerd 20.10, with its
# classic builder and with BuildKit (the Docker 20.10 CLI with DOCKER_BUILDKIT=1) where that CLI is
# installed; there berthd is also timed through that same 20.10 CLI (DOCKER_BUILDKIT=0), so that the engines
# are compared with one client: the CLI 28's classic path sends the context in about 6,000 small writes where
# 20.10 makes about 200, which costs it some 100 ms per build on its own. Each timing is the median of $RUNS runs (default 5), after one unmeasured warm-up build; the
# engines take turns, one build each per round. The unchanged rebuild is also timed against a server that
# reads the context and answers at once (bench/answer-at-once.py): what each client costs alone, the floor
# under any daemon's time through it.
set -eu
. "$(dirname "$0")/lib.sh"
runs=${RUNS:-5}
cli28=${DOCKER_CLI:-docker}
cli20=/usr/bin/docker

start_engines bridge
import_busybox

ctx=$tmp/context
mkdir -p "$ctx/files"
i=0
while [ $i -lt 2000 ]; do
  d=$ctx/files/d$((i / 100))
  [ -d "$d" ] || mkdir "$d"
  echo "file $i" >"$d/f$i"
  i=$((i + 1))
done
echo one >"$ctx/extra.txt"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM busybox
ENV APP=/app
WORKDIR /app
COPY files/ /app/files/
RUN find /app/files -type f | wc -l > /count
LABEL bench=build
COPY extra.txt /app/
RUN cat /count /app/extra.txt > /summary
EXPOSE 8080
CMD ["cat", "/summary"]
DOCKERFILE

# build_once ENGINE ARGS...: one build through that engine's client, output dropped
build_once() {
  engine=$1
  shift
  case $engine in
    berth) env DOCKER_HOST="unix://$berth_sock" DOCKER_BUILDKIT=0 "$cli28" build "$@" -t bench/build "$ctx" ;;
    berth20) env DOCKER_HOST="unix://$berth_sock" DOCKER_BUILDKIT=0 "$cli20" build "$@" -t bench/build "$ctx" ;;
    berthcli) "$root/bin/berth" -H "unix://$berth_sock" build "$@" -t bench/build "$ctx" ;;
    classic) env DOCKER_HOST="unix://$docker_sock" DOCKER_BUILDKIT=0 "$cli28" build "$@" -t bench/build "$ctx" ;;
    buildkit) env DOCKER_HOST="unix://$docker_sock" DOCKER_BUILDKIT=1 "$cli20" build "$@" -t bench/build "$ctx" ;;
    floor) env DOCKER_HOST="unix://$floor_sock" DOCKER_BUILDKIT=0 "$cli28" build "$@" -t bench/build "$ctx" ;;
    floor20) env DOCKER_HOST="unix://$floor_sock" DOCKER_BUILDKIT=0 "$cli20" build "$@" -t bench/build "$ctx" ;;
  esac >/dev/null 2>&1
}

# rounds KIND ARGS...: one unmeasured build per engine, then $runs rounds in which each engine builds once, in
# turn (each round starting with the next engine), so that every engine meets the machine in the same state (this disk's ext4 without a journal makes
# file creation slow for minutes after files are removed: engines measured one after the other were judged by
# what ran before them); before each measured build the disk is synced (untimed), so that no engine's build
# pays for writing back what the one before it left dirty; each engine's times go to $tmp/KIND_ENGINE
rounds() {
  kind=$1
  shift
  for e in $engines; do
    build_once "$e" "$@"
    : >"$tmp/${kind}_$e"
  done
  n=0
  while [ $n -lt "$runs" ]; do
    for e in $(rotate "$n" $engines); do
      sync
      ms build_once "$e" "$@" >>"$tmp/${kind}_$e"
    done
    n=$((n + 1))
  done
}

# rotate N WORDS...: the words starting at the (N mod count)th, wrapping around: each round starts with another
# engine, so that none always follows the same one (an engine's background work after a build, BuildKit's
# above all, slows whichever build comes next)
rotate() {
  k=$(($1 % ($# - 1)))
  shift
  i=0
  for w in "$@"; do [ $i -ge $k ] && printf '%s ' "$w"; i=$((i + 1)); done
  i=0
  for w in "$@"; do [ $i -lt $k ] && printf '%s ' "$w"; i=$((i + 1)); done
}

engines="berth berthcli classic"
if [ -x "$cli20" ] && DOCKER_HOST="unix://$docker_sock" DOCKER_BUILDKIT=1 "$cli20" build -q "$ctx" >/dev/null 2>&1; then
  engines="$engines buildkit berth20"
fi
rounds cold --no-cache
floor_sock=$tmp/floor.sock
python3 "$root/bench/answer-at-once.py" "$floor_sock" &
helper_pids=$!
up "$floor_sock" 10 || { echo "bench: answer-at-once.py did not start" >&2; exit 1; }
floors=floor
case $engines in *berth20*) floors="floor floor20" ;; esac
measured=$engines
engines="$engines $floors"
rounds warm
engines=$measured
for e in $engines; do
  eval "cold_$e=\$(median <\"\$tmp/cold_$e\")"
done
for e in $engines $floors; do
  eval "warm_$e=\$(median <\"\$tmp/warm_$e\")"
done

# one copied file changed: only the steps after that COPY run again (berth's output tells)
echo two >"$ctx/extra.txt"
changed=$(env DOCKER_HOST="unix://$berth_sock" DOCKER_BUILDKIT=0 "$cli28" build -t bench/build "$ctx" 2>/dev/null)
hits=$(echo "$changed" | grep -c 'Using cache' || true)
runs_after=$(echo "$changed" | grep -c 'Running in' || true)

printf 'docker build, 10 steps, 2,000 files copied, two RUN steps (median of %d)\n' "$runs"
printf '                 cold (--no-cache)   unchanged rebuild\n'
for e in $engines; do
  eval "c=\$cold_$e w=\$warm_$e"
  case $e in berth) label="berth        " ;; berth20) label="berth, 20.10 CLI" ;; berthcli) label="berth, berth CLI" ;; classic) label="docker classic" ;; buildkit) label="docker buildkit" ;; esac
  printf '%-17s %9s ms %15s ms\n' "$label" "$c" "$w"
done
if [ -n "${cold_buildkit:-}" ]; then
  awk -v cb="$cold_berth" -v wb="$warm_berth" -v ck="$cold_buildkit" -v wk="$warm_buildkit" \
    -v cc="$cold_classic" -v wc="$warm_classic" 'BEGIN {
    printf "ratio berth/buildkit: cold %.2f, rebuild %.2f; berth/classic: cold %.2f, rebuild %.2f\n", cb / ck, wb / wk, cb / cc, wb / wc }'
  awk -v cb="$cold_berth20" -v wb="$warm_berth20" -v ck="$cold_buildkit" -v wk="$warm_buildkit" 'BEGIN {
    printf "ratio berth/buildkit with the one 20.10 CLI: cold %.2f, rebuild %.2f\n", cb / ck, wb / wk }'
  awk -v cb="$cold_berthcli" -v wb="$warm_berthcli" -v ck="$cold_buildkit" -v wk="$warm_buildkit" 'BEGIN {
    printf "ratio berth/buildkit, berth through its own CLI: cold %.2f, rebuild %.2f\n", cb / ck, wb / wk }'
else
  awk -v cb="$cold_berth" -v wb="$warm_berth" -v cc="$cold_classic" -v wc="$warm_classic" 'BEGIN {
    printf "ratio berth/classic: cold %.2f, rebuild %.2f (no Docker 20.10 CLI with BuildKit here)\n", cb / cc, wb / wc }'
fi
if [ -n "${warm_floor20:-}" ]; then
  printf 'the client alone (a server that answers at once), unchanged rebuild: CLI 28 %s ms, CLI 20.10 %s ms\n' \
    "$warm_floor" "$warm_floor20"
else
  printf 'the client alone (a server that answers at once), unchanged rebuild: CLI 28 %s ms\n' "$warm_floor"
fi
printf 'after changing extra.txt (step 7): %s steps from the cache, %s RUN step(s) run again\n' "$hits" "$runs_after"
