#!/usr/bin/env bash
# Checks the launcher's start-up archives in a source tree (default: this one), the way a user meets them:
#   1. no archive, a first render that fails: the shared archive of render/export/inspect is still trained (in the
#      background, from ArchiveTraining), and a FLAC/SFZ render then loads its readers from it;
#   2. a first bare line that fails (`loophole --no-such-option`): the --version/--help AOT cache is trained from --help;
#   3. jars newer than the archive (as `./mvnw package` leaves them): the archive counts as missing and is trained again;
#   4. two renders at once with no archive: one training, a valid archive;
#   5. serve stopped by SIGTERM: a run stopped during its start keeps no archive, one stopped once serving keeps it.
#   With --rebuild first: a source touched, so the build that a render starts trains the archive before it runs.
#
#   bench/launcher_archives.sh [--rebuild] [TREE]
set -euo pipefail
rebuild=
[ "${1:-}" = --rebuild ] && { rebuild=1; shift; }
tree=$(cd "${1:-$(dirname "$0")/..}" && pwd)
aot="$tree/cli/target/aot" tmp=$(mktemp -d /tmp/launcher-archives.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
waitfor() { for _ in $(seq 620); do [ -f "$1" ] && [ ! -e "$1.training" ] && return 0; sleep 0.5; done; fail "no $1 after 310 s"; }   # a training may take 5 minutes
lh() { (cd "$tree" && ./loophole "$@"); }

LOOPHOLE_NO_AOT_TRAINING=1 lh --version >/dev/null   # built (no background recording left running into the checks below)
. "$tree/bin/jdk.sh"
"$JAVA_HOME/bin/java" -cp "$tree/cli/target/loophole-cli.jar:$tree/cli/target/lib/*" dev.loophole.demo.TrainingContent "$tmp/c" >/dev/null
render=(render --midi "$tmp/c/train.mid" --instrument "$tmp/c/train.sfz" --out "$tmp/out.wav")
from_archive() {   # the classes of a FLAC/SFZ render that came from the dynamic archive
  LOOPHOLE_JAVA_OPTS="-Xlog:class+load:file=$tmp/cl.log" lh "${render[@]}" >/dev/null 2>&1
  grep -c -E 'dev\.loophole\.(media\.Flac(Reader|FrameDecoder)|formats\.sfz\.(Lexer|SfzImporter)) source: shared objects file \(top\)' "$tmp/cl.log" || true
}

if [ -n "$rebuild" ]; then
  touch "$tree/cli/src/main/java/dev/loophole/cli/ArchiveTraining.java"
  lh "${render[@]}" >/dev/null 2>&1   # a render that starts a build trains the archive before it runs (a --version would not)
  [ -f "$aot/instruments.jsa" ] || fail "the build step trained no archive"
  [ "$(from_archive)" = 4 ] || fail "after the build, the FLAC/SFZ readers did not come from the archive"
  echo "ok: the build step trained the archive"
fi

rm -rf "$aot"
lh render --midi "$tmp/none.mid" --instrument "$tmp/c/train.sfz" --out "$tmp/x.wav" 2>/dev/null && fail "a render of a missing song succeeded"
waitfor "$aot/instruments.jsa"
[ "$(from_archive)" = 4 ] || fail "after a failed first render, the FLAC/SFZ readers did not come from the archive"
echo "ok: a failed first render, then the archive trained on the fixed workload serves a FLAC/SFZ render"

lh --no-such-option >/dev/null 2>&1 && fail "a wrong option succeeded"
waitfor "$aot/main--help.aot"
echo "ok: a failed bare line, then the AOT cache trained from --help"

touch "$tree/cli/target/loophole-cli.jar"
[ "$(from_archive)" = 0 ] || fail "an archive older than the jar was used"
for _ in $(seq 620); do [ "$aot/instruments.jsa" -nt "$tree/cli/target/loophole-cli.jar" ] && [ ! -e "$aot/instruments.jsa.training" ] && break; sleep 0.5; done
[ "$aot/instruments.jsa" -nt "$tree/cli/target/loophole-cli.jar" ] || fail "the stale archive was not trained again"
[ "$(from_archive)" = 4 ] || fail "the retrained archive does not serve the render"
echo "ok: jars newer than the archive: trained again"

rm -f "$aot/instruments.jsa"
lh "${render[@]}" >/dev/null 2>&1 & lh render --midi "$tmp/c/train.mid" --instrument "$tmp/c/train.sf2" --out "$tmp/y.wav" >/dev/null 2>&1
wait
waitfor "$aot/instruments.jsa"
[ "$(ls "$aot" | grep -c 'instruments\..*\.jsa')" = 0 ] || fail "a temporary archive was left: $(ls "$aot")"
[ "$(from_archive)" = 4 ] || fail "after two renders at once, the archive does not serve the render"
echo "ok: two renders at once without an archive: one valid archive"

# serve_stopped WHEN: starts `loophole serve` with no archive and sends the launcher SIGTERM — "early": 0.2 s after its
# JVM started; "ready": once it says it is serving.
serve_stopped() {
  rm -f "$aot"/serve.jsa*
  (cd "$tmp" && exec "$tree/loophole" serve --no-audio --library "$tmp/lib.db") >"$tmp/serve.out" 2>"$tmp/serve.err" &
  local pid=$! _
  if [ "$1" = early ]; then
    for _ in $(seq 300); do pgrep -f -- "-XX:SharedArchiveFile=$aot/serve.jsa." >/dev/null && break; sleep 0.05; done
    pgrep -f -- "-XX:SharedArchiveFile=$aot/serve.jsa." >/dev/null || fail "serve's JVM did not start with an archive to write"
    sleep 0.2
  else
    # its ready file, not the "serving" line: that line comes just before serve marks itself ready
    for _ in $(seq 600); do ls "$aot" | grep -q '^serve\.jsa\..*\.ready$' && break; sleep 0.1; done
    ls "$aot" | grep -q '^serve\.jsa\..*\.ready$' || fail "serve did not get ready: $(cat "$tmp/serve.err")"
  fi
  kill -TERM "$pid"
  local st=0; wait "$pid" || st=$?
  # 134: JDK 25.0.3's dynamic archive dump at exit can crash a JVM stopped while it still spins lambdas (SIGSEGV in
  # LambdaProxyClassDictionary::find_lambda_proxy_class): seen stopping 0.2 s in; its report goes to the archives' folder.
  case $1/$st in ready/143|early/143|early/134) ;; *) fail "serve stopped by SIGTERM ($1) exited with $st: $(cat "$tmp/serve.err")" ;; esac
  [ "$st" = 134 ] && echo "note: serve stopped 0.2 s in: the JVM crashed in its archive dump at exit (exit 134)"
  ls "$tmp" | grep -q '^hs_err' && fail "a crash report was left in the working folder: $(ls "$tmp" | grep '^hs_err')"
  return 0
}
serve_stopped early
[ ! -e "$aot/serve.jsa" ] || fail "a serve stopped during its start kept its archive ($(stat -c %s "$aot/serve.jsa") bytes)"
serve_stopped ready
[ -f "$aot/serve.jsa" ] || fail "a serve stopped once serving kept no archive"
[ "$(ls "$aot" | grep -c 'serve\.jsa\.')" = 0 ] || fail "a temporary serve archive was left: $(ls "$aot")"
echo "ok: serve stopped by SIGTERM: no archive from a stop during its start, one ($(( $(stat -c %s "$aot/serve.jsa") / 1024 )) KB) from a stop once serving"
