#!/usr/bin/env bash
# Checks the launcher's start-up archives in a source tree (default: this one), the way a user meets them:
#   1. no archive, a first render that fails: the shared archive of render/export/inspect is still trained (in the
#      background, from ArchiveTraining), and a FLAC/SFZ render then loads its readers from it;
#   2. a first bare line that fails (`loophole --no-such-option`): the --version/--help AOT cache is trained from --help;
#   3. jars newer than the archive (as `./mvnw package` leaves them): the archive counts as missing and is trained again;
#   4. two renders at once with no archive: one training, a valid archive.
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
waitfor() { for _ in $(seq 120); do [ -f "$1" ] && [ ! -e "$1.training" ] && return 0; sleep 0.5; done; fail "no $1 after 60 s"; }
lh() { (cd "$tree" && ./loophole "$@"); }

lh --version >/dev/null   # built
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
waitfor "$aot/instruments.jsa"
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
