# Sourced by ./loophole and ./mvnw: points JAVA_HOME at a JDK 25 or newer without the user exporting anything.
# Order: JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then `java` on PATH.

_loophole_java_major() { # $1 = a JDK home; prints its feature version, or nothing
  local rel="$1/release" v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$rel" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

_loophole_find_jdk() {
  local need=25 best="" best_v=0 d v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(_loophole_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$need" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$d" ] || continue
    v=$(_loophole_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$need" ] && [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(_loophole_java_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$need" ]; then echo "$d"; return 0; fi
  fi
  return 1
}

if ! LOOPHOLE_JDK=$(_loophole_find_jdk); then
  echo "loophole: needs a JDK 25 or newer; none found in JAVA_HOME, /usr/lib/jvm or on PATH. Install one (for example Temurin 25) and run this again." >&2
  exit 1
fi
export JAVA_HOME="$LOOPHOLE_JDK"
