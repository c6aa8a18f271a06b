# Shared helpers for the scripts in this directory; source it, don't run it.
# shellcheck shell=bash

# shellcheck disable=SC2034 # used by the scripts that source this file
BERTH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BERTH_TEMURIN=/usr/lib/jvm/temurin-25-jdk-amd64

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Major version of a java binary ("25"), or nothing if it won't run.
java_major() {
  "$1" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9][0-9]*\).*/\1/p'
}

# Prints a JAVA_HOME holding a JDK 25 or later: $BERTH_JAVA_HOME, else Temurin 25
# where our machines have it, else $JAVA_HOME, else the java on PATH.
berth_java_home() {
  local candidate java major
  for candidate in "${BERTH_JAVA_HOME:-}" "$BERTH_TEMURIN" "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    java=$candidate/bin/java
    if [ -z "$candidate" ] || [ ! -x "$java" ] || [ ! -x "$candidate/bin/javac" ]; then
      continue
    fi
    major=$(java_major "$java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  cat >&2 <<EOF
error: berth needs a JDK 25 or later, and none was found.
  Looked at \$BERTH_JAVA_HOME, $BERTH_TEMURIN, \$JAVA_HOME and the java on PATH.
  Temurin 25 is not in Debian's apt repositories: install a JDK 25 (e.g. Eclipse
  Temurin 25) and point BERTH_JAVA_HOME at it.
EOF
  return 1
}

# Makes build/busybox-rootfs.tar (the image the tests import and berthd's AOT training uses) unless it is
# there and newer than /bin/busybox.
ensure_busybox_rootfs() {
  if [ ! -s "$BERTH_ROOT/build/busybox-rootfs.tar" ] || [ /bin/busybox -nt "$BERTH_ROOT/build/busybox-rootfs.tar" ]; then
    log "busybox root filesystem -> build/busybox-rootfs.tar"
    bash "$BERTH_ROOT/scripts/make-busybox-rootfs.sh" "$BERTH_ROOT/build/busybox-rootfs.tar"
  fi
}

# Sets JAVA_HOME (exported) to a JDK 25 and puts it first on PATH. Maven 3.8's
# own libraries call sun.misc.Unsafe, which JDK 25 warns about on every run.
use_java25() {
  JAVA_HOME=$(berth_java_home) || exit 1
  export JAVA_HOME
  export PATH=$JAVA_HOME/bin:$PATH
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access="*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow" ;;
  esac
}
