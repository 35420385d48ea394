#!/usr/bin/env bash
# Sample-store benchmarks (issue 5). Opt-in: generates a ~1.5 GB FLAC library under $LIB (default
# /tmp/loophole-lib), then measures load time and memory, real-time streaming and decode speed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lib=${LIB:-/tmp/loophole-lib}
n=${N:-1000}
command -v flac >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq flac vorbis-tools sox; }
"$root/mvnw" -q -B -pl bench -am package -DskipTests
. "$root/bin/jdk.sh"
run() { "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseParallelGC -cp "$root/bench/target/benchmarks.jar" dev.loophole.bench.StoreBench "$@"; }
if [ "$(ls "$lib"/*.flac 2>/dev/null | wc -l)" -lt "$n" ]; then
  mkdir -p "$lib"
  for start in $(seq 0 50 $((n - 1))); do
    run generate "$lib/wav" $((start + 50 > n ? n : start + 50)) 10 "$start"
    flac -s -5 --delete-input-file -f "$lib"/wav/*.wav 2>/dev/null
    mv "$lib"/wav/*.flac "$lib"/
  done
fi
du -sh "$lib"
run load "$lib"
run stream "$lib" 512
f=$(ls "$lib"/*.flac | head -1)
tmp=$(mktemp -d)
flac -s -d -f "$f" -o "$tmp/x.wav"
sox "$tmp/x.wav" "$tmp/x.aiff"
oggenc -Q -q 6 "$tmp/x.wav" -o "$tmp/x.ogg"
run decode "$tmp/x.wav" "$f" "$tmp/x.aiff" "$tmp/x.ogg"
rm -rf "$tmp"
