#!/bin/sh
# Prepares the berth CLI launcher (bin/berth) after `mvn install -DskipTests` at the repo root:
#   build/berth-cli.cp     the runtime classpath (berth-cli jar first)
#   build/berth-cli.build  "<git commit> <build time>" shown by `berth version` / `berth -v`
#   build/berth-cli.aot    a JDK 25 AOT cache trained on the CLI's common paths
# The training run needs no daemon: io.berth.cli.Training drives help, parsing, formatting and
# (if BERTH_HOST/DOCKER_HOST points at a live daemon) real requests, with output discarded.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
java=${BERTH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
build="$root/build"
mkdir -p "$build"

jar="$root/berth-cli/target/berth-cli-0.1.0.jar"
[ -f "$jar" ] || { echo "build-cli: $jar missing: run 'mvn install -DskipTests' first" >&2; exit 1; }

# Not offline (-o): on a fresh machine the dependency plugin itself is not in ~/.m2 yet.
if ! (cd "$root" && mvn -q -B -Dstyle.color=never -pl berth-cli dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$build/berth-cli.deps") >"$build/berth-cli.mvn.log" 2>&1; then
  cat "$build/berth-cli.mvn.log" >&2
  echo "build-cli: mvn dependency:build-classpath failed" >&2
  exit 1
fi
rm -f "$build/berth-cli.mvn.log"
# berth's own modules from this checkout's target/ jars, not from ~/.m2 (another checkout may
# have installed over them, which would also invalidate the AOT cache).
printf '%s:%s\n' "$jar" "$(sed "s#[^:]*/io/berth/\([^/]*\)/[^/]*/\([^/:]*\.jar\)#$root/\1/target/\2#g" \
  "$build/berth-cli.deps")" > "$build/berth-cli.cp"
rm -f "$build/berth-cli.deps"

commit=$(git -C "$root" rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
printf '%s %s\n' "$commit" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$build/berth-cli.build"

# Same flags as bin/berth: an AOT cache only loads under a matching configuration.
rm -f "$build/berth-cli.aot"
"$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData --enable-native-access=ALL-UNNAMED \
  -XX:AOTCacheOutput="$build/berth-cli.aot" -Xlog:aot=error -Xlog:cds=error \
  -cp "$(cat "$build/berth-cli.cp")" io.berth.cli.Training >/dev/null
echo "build-cli: wrote $build/berth-cli.cp, berth-cli.build, berth-cli.aot"
