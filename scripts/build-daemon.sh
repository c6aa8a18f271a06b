#!/usr/bin/env bash
# Writes build/berth-daemon.cp: the classpath bin/berthd runs io.berth.daemon.Main
# with. berth's own modules come from this checkout's */target jars (not from
# ~/.m2, which another checkout may have installed over); third-party jars come
# from the local Maven repository. Run after `mvn install -DskipTests`
# (scripts/build.sh does both).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"

daemon_jar=
for jar in berth-daemon/target/berth-daemon-*.jar; do
  case $jar in *-sources.jar | *-javadoc.jar | *-tests.jar) ;; *) [ -f "$jar" ] && daemon_jar=$jar ;; esac
done
[ -n "$daemon_jar" ] || die "berth-daemon/target has no jar: run scripts/build.sh (mvn install -DskipTests) first"

mkdir -p build
deps=build/berth-daemon.deps.tmp
# -am: the modules' dependencies come from this checkout's poms, not from the poms another checkout installed
# into ~/.m2 (each module writes the file in turn; berth-daemon, built last, writes it last)
mvn -q -B -Dstyle.color=never -pl berth-daemon -am dependency:build-classpath \
  -Dmdep.outputFile="$BERTH_ROOT/$deps" -DincludeScope=runtime

# ~/.m2/.../io/berth/<module>/<version>/<module>-<version>.jar -> <module>/target/<module>-<version>.jar
classpath=$BERTH_ROOT/$daemon_jar
IFS=: read -r -a entries <"$deps" || true # no trailing newline
for jar in "${entries[@]}"; do
  [ -n "$jar" ] || continue
  case $jar in
    */io/berth/*)
      module=$(basename "$(dirname "$(dirname "$jar")")")
      local_jar=$BERTH_ROOT/$module/target/$(basename "$jar")
      [ -f "$local_jar" ] && jar=$local_jar
      ;;
  esac
  classpath=$classpath:$jar
done
rm -f "$deps"

printf '%s\n' "$classpath" >build/berth-daemon.cp.tmp
mv build/berth-daemon.cp.tmp build/berth-daemon.cp
log "wrote build/berth-daemon.cp ($(tr ':' '\n' <build/berth-daemon.cp | wc -l) entries)"
