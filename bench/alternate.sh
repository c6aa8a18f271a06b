#!/bin/bash
# alternate.sh RUNS OUT_A OUT_B "COMMAND A" "COMMAND B": runs A, then B, RUNS times, and appends each
# run's wall time in milliseconds to OUT_A or OUT_B. Alternating gives both engines the same machine
# conditions, which drift on a shared VM; bash's $EPOCHREALTIME starts no process inside the measured
# time. The commands are split on spaces (no quoting).
set -eu
runs=$1 out_a=$2 out_b=$3
read -ra a <<<"$4"
read -ra b <<<"$5"
usec() { local t=${1/./}; echo $((10#$t)); }
for ((i = 0; i < runs; i++)); do
  s=$EPOCHREALTIME
  "${a[@]}" >/dev/null
  m=$EPOCHREALTIME
  "${b[@]}" >/dev/null
  e=$EPOCHREALTIME
  s=$(usec "$s") m=$(usec "$m") e=$(usec "$e")
  printf '%d.%03d\n' $(((m - s) / 1000)) $(((m - s) % 1000)) >>"$out_a"
  printf '%d.%03d\n' $(((e - m) / 1000)) $(((e - m) % 1000)) >>"$out_b"
done
