#!/usr/bin/env bash
# Paired A/B of one engine's marginal cost per song: the song once and N times back to back (dev.loophole.demo.SmfRepeat),
# each rendered by both trees' ./loophole in the order A×1 B×1 A×N B×N per pair; CPU = user + sys (/usr/bin/time), and
# (T_N − T_1)/(N − 1) per tree and pair — the `steady` case of bench/peers.sh, A beside B. Prints whether the N-times
# renders of A and B are byte-identical.
#
#   bench/paired-steady.sh [-n PAIRS] [-N TIMES] TREE_A TREE_B SONG.mid INSTRUMENT -- RENDER_ARGS...
#   e.g. bench/paired-steady.sh -n 5 /tmp/A . /tmp/peers-s10/songs/gm-band.mid /usr/share/sounds/sf2/FluidR3_GM.sf2 -- --float --dry --tail 3 --quality cubic
set -euo pipefail
pairs=5 times=4
while getopts "n:N:" o; do case $o in n) pairs=$OPTARG ;; N) times=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[ "$pairs" -ge 1 ] && [ "$times" -ge 2 ] || { echo "$0: -n must be at least 1 and -N at least 2" >&2; exit 2; }
[ $# -ge 5 ] && [ "$5" = -- ] || { echo "usage: $0 [-n PAIRS] [-N TIMES] TREE_A TREE_B SONG.mid INSTRUMENT -- RENDER_ARGS..." >&2; exit 2; }
trees=("$(cd "$1" && pwd)" "$(cd "$2" && pwd)") song=$3 inst=$4; shift 5
tmp=$(mktemp -d /tmp/paired-steady.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
. "$(cd "$(dirname "$0")/.." && pwd)/bin/jdk.sh"
java=$JAVA_HOME/bin/java
# Both trees built (and their launcher archives trained) before anything is timed: SmfRepeat runs from A's jar.
for t in "${trees[@]}"; do (cd "$t" && ./loophole --version >/dev/null); done
for n in 1 "$times"; do
  "$java" -cp "${trees[0]}/cli/target/loophole-cli.jar:${trees[0]}/cli/target/lib/*" dev.loophole.demo.SmfRepeat "$song" "$n" "$tmp/song.x$n.mid"
done
# One unmeasured render per tree first: where the render archive is missing the launcher trains it in the background
# after that render; nothing is timed until it is there.
for k in 0 1; do
  (cd "${trees[k]}" && ./loophole render --midi "$tmp/song.x1.mid" --instrument "$inst" --out "$tmp/warm.wav" "$@" >/dev/null 2>&1) || true
  a="${trees[k]}/cli/target/aot/instruments.jsa"
  for _ in $(seq 600); do [ -f "$a" ] && [ ! -e "$a.training" ] && break; sleep 0.5; done
  [ -f "$a" ] || echo "note: ${trees[k]} has no render archive after 300 s; timing without it" >&2
done
declare -a perA perB
for p in $(seq 1 "$pairs"); do
  declare -A cpu
  for n in 1 "$times"; do
    for k in 0 1; do
      label=$([ $k = 0 ] && echo A || echo B)
      (cd "${trees[k]}" && /usr/bin/time -o "$tmp/time" -f '%e %U %S %M' ./loophole render --midi "$tmp/song.x$n.mid" \
        --instrument "$inst" --out "$tmp/$label.x$n.wav" "$@" >/dev/null 2>&1) || { echo "$label ×$n: exit $? — run stopped" >&2; exit 1; }
      read -r _ u s _ < <(tail -n 1 "$tmp/time")
      cpu[$label$n]=$(echo "$u + $s" | bc)
    done
  done
  same=$(cmp -s "$tmp/A.x$times.wav" "$tmp/B.x$times.wav" && echo same || echo DIFFERENT)
  printf 'pair %d (load %s)\tA ×1 %s ×%d %s: %.3f s/song\tB ×1 %s ×%d %s: %.3f s/song\t%s\n' "$p" "$(cut -d' ' -f1 /proc/loadavg)" \
    "${cpu[A1]}" "$times" "${cpu[A$times]}" "$(echo "(${cpu[A$times]} - ${cpu[A1]}) / ($times - 1)" | bc -l)" \
    "${cpu[B1]}" "$times" "${cpu[B$times]}" "$(echo "(${cpu[B$times]} - ${cpu[B1]}) / ($times - 1)" | bc -l)" "$same"
  perA+=("$(echo "(${cpu[A$times]} - ${cpu[A1]}) / ($times - 1)" | bc -l)")
  perB+=("$(echo "(${cpu[B$times]} - ${cpu[B1]}) / ($times - 1)" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
printf 'median CPU per song: A %s s, B %s s\n' "$(median "${perA[@]}")" "$(median "${perB[@]}")"
