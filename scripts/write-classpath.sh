#!/usr/bin/env bash
# Usage: scripts/write-classpath.sh MODULE OUTPUT
# Writes OUTPUT (e.g. build/berth-daemon.cp): the runtime classpath of MODULE's jar. berth's own modules
# come from this checkout's */target jars (not from ~/.m2, which another checkout may have installed over);
# third-party jars come from the local Maven repository. Run after `mvn install -DskipTests`.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
use_java25
cd "$BERTH_ROOT"
module=$1
output=$2

module_jar=
for jar in "$module"/target/"$module"-*.jar; do
  case $jar in *-sources.jar | *-javadoc.jar | *-tests.jar) ;; *) [ -f "$jar" ] && module_jar=$jar ;; esac
done
[ -n "$module_jar" ] || die "$module/target has no jar: run scripts/build.sh (mvn install -DskipTests) first"

mkdir -p "$(dirname "$output")"
deps=$output.deps.tmp
# -am: the modules' dependencies come from this checkout's poms, not from the poms another checkout installed
# into ~/.m2 (each module writes the file in turn; MODULE, built last, writes it last)
mvn -q -B -Dstyle.color=never -pl "$module" -am dependency:build-classpath \
  -Dmdep.outputFile="$BERTH_ROOT/$deps" -DincludeScope=runtime

# ~/.m2/.../io/berth/<module>/<version>/<module>-<version>.jar -> <module>/target/<module>-<version>.jar
classpath=$BERTH_ROOT/$module_jar
IFS=: read -r -a entries <"$deps" || true # no trailing newline
for jar in "${entries[@]}"; do
  [ -n "$jar" ] || continue
  case $jar in
    */io/berth/*)
      dep=$(basename "$(dirname "$(dirname "$jar")")")
      local_jar=$BERTH_ROOT/$dep/target/$(basename "$jar")
      [ -f "$local_jar" ] && jar=$local_jar
      ;;
  esac
  classpath=$classpath:$jar
done
rm -f "$deps"

printf '%s\n' "$classpath" >"$output.tmp"
mv "$output.tmp" "$output"
log "wrote $output ($(tr ':' '\n' <"$output" | wc -l) entries)"
