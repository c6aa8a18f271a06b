#!/usr/bin/env bash
# Installs the Debian packages berth's build, tests and benchmarks use, only the
# ones missing. The one package list of the project: setup.sh and test.sh call
# this. Needs root (apt-get). Safe to run again: with nothing missing it does
# nothing, not even `apt-get update`.
#
#   scripts/deps.sh [--check]    --check: list what is missing, install nothing
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

packages=(
  # build (gcc: berth-exec, the exec launcher in berth-runtime/src/main/c)
  maven gcc libc6-dev
  # test images and runtimes
  busybox-static runc crun conmon tini catatonit
  # networking (berth's bridge driver, port publishing, firewall rules)
  iproute2 iptables nftables
  # image tools and the reference engine, registry and clients (fixtures, comparisons, benchmarks)
  skopeo docker.io docker-registry apache2-utils python3-docker docker-compose
  # the cgroup v2 suite's VM (scripts/test-cgroup2.sh; its kernel comes with apt-get download)
  qemu-system-x86 cpio kmod e2fsprogs
  # remote build contexts and ADD of a git repository (berthd runs git)
  git
  # script helpers
  hyperfine zstd jq curl python3 procps
)

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing=()
for pkg in "${packages[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ "${1:-}" = --check ]; then
  if [ ${#missing[@]} -eq 0 ]; then
    echo "all ${#packages[@]} packages installed"
  else
    echo "missing: ${missing[*]}"
    exit 1
  fi
  exit 0
fi

if [ ${#missing[@]} -eq 0 ]; then
  log "Debian packages: all ${#packages[@]} installed"
  exit 0
fi
[ "$(id -u)" = 0 ] || die "missing Debian packages (${missing[*]}); run as root to install them"

# Installing docker.io (and containerd) must not start their services: a
# running system containerd or dockerd would change how the reference engine
# and berth's tests behave. policy-rc.d answering 101 forbids every start.
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  own_policy=1
fi
remove_policy() { [ -z "$own_policy" ] || rm -f "$policy"; }
trap remove_policy EXIT

export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
log "installing Debian packages: ${missing[*]}"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
log "Debian packages installed"
