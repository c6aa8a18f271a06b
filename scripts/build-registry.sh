#!/usr/bin/env bash
# Writes build/berth-registry.cp: the classpath bin/berth-registry (what `berth registry ...` execs) runs
# io.berth.registry.server.Main with, and build/berth-registry.aot: a JDK 25 AOT cache trained on a push
# and a pull (io.berth.registry.server.Training), so the server answers its first request sooner. Run
# after `mvn install -DskipTests` (scripts/build.sh does both).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"
bash scripts/write-classpath.sh berth-registry-server build/berth-registry.cp

# The flags bin/berth-registry runs with: an AOT cache only loads under a matching configuration.
rm -f build/berth-registry.aot
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms8m -XX:-UsePerfData \
  -XX:AOTCacheOutput=build/berth-registry.aot -Xlog:aot=error -Xlog:cds=error \
  -cp "$(cat build/berth-registry.cp)" io.berth.registry.server.Training >/dev/null
log "wrote build/berth-registry.aot"
