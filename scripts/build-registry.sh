#!/usr/bin/env bash
# Writes build/berth-registry.cp: the classpath bin/berth-registry (what `berth registry ...` execs) runs
# io.berth.registry.server.Main with. Run after `mvn install -DskipTests` (scripts/build.sh does both).
set -euo pipefail
exec bash "$(dirname "$0")/write-classpath.sh" berth-registry-server build/berth-registry.cp
