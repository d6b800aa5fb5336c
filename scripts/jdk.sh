# Finds a JDK 21+ for the workbench. Sourced by ./workbench and .ci/run; defines:
#   find_jdk        prints the home of a JDK 21 or newer, or fails with a message
#   java_feature J  prints the feature version (21, 25, ...) of the java binary J
# Order: $JAVA_HOME if it is 21+, else the newest 21+ JDK in the system JVM directory,
# else `java` on PATH if it is 21+.

java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
  local candidate best="" best_version=0 version
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    version=$(java_feature "$JAVA_HOME/bin/java")
    if [ "${version:-0}" -ge 21 ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$(java_feature "$candidate/bin/java")
    if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"
      best_version="$version"
    fi
  done
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
    version=$(java_feature "$(command -v java)")
    if [ "${version:-0}" -ge 21 ]; then
      dirname "$(dirname "$(readlink -f "$(command -v javac)")")"
      return 0
    fi
  fi
  echo "no JDK 21 or newer found: install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME" >&2
  return 1
}

# JVM flags the servers and the generator run with: on JDK 24+, Netty turns its use of
# sun.misc.Unsafe off unless told otherwise (measured: ~7% fewer req/s), and the JDK warns
# about it and about native access (epoll) unless allowed.
netty_jvm_flags() {
  local version
  version=$(java_feature "$1")
  local flags="-Dio.netty.noUnsafe=false --enable-native-access=ALL-UNNAMED"
  if [ "${version:-0}" -ge 24 ]; then
    flags="$flags --sun-misc-unsafe-memory-access=allow"
  fi
  echo "$flags"
}

# Quiets Maven's own "sun.misc.Unsafe" warnings (from its bundled Guava) on JDK 24+.
quiet_maven_on() {
  if [ "$(java_feature "$1/bin/java")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
