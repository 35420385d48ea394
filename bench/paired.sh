#!/usr/bin/env bash
# Paired whole-process runs of one `loophole` command line in two source trees (each a checkout with its own
# ./loophole, built by its first run), alternating A B A B …; wall, CPU (user + sys) and peak RSS per run, their
# medians, and whether each output file is byte-identical to A's first. The figures of BENCHMARKS.md's paired rows.
#
#   bench/paired.sh [-n PAIRS] [-q IDLE%] TREE_A TREE_B OUT.wav -- ARGS...
#
# ARGS is the loophole command line; an argument equal to OUT.wav is replaced by a file of each tree's own. With -q, a pair
# starts only when the machine was at least IDLE% idle over the second before it (other users of a shared machine
# make wall times noise; this waits for quiet moments, up to 400 tries).
set -euo pipefail
pairs=5 idle=0
while getopts "n:q:" o; do case $o in n) pairs=$OPTARG ;; q) idle=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
[ $# -ge 4 ] && [ "$4" = -- ] || { echo "usage: $0 [-n PAIRS] [-q IDLE%] TREE_A TREE_B OUT.wav -- ARGS..." >&2; exit 2; }
trees=("$1" "$2") out=$3; shift 4
tmp=$(mktemp -d /tmp/paired.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

idle_pct() {
  read -r _ u n s i w x y z _ </proc/stat; local t1=$((u + n + s + i + w + x + y + z)) i1=$((i + w))
  sleep 1
  read -r _ u n s i w x y z _ </proc/stat; echo $((100 * (i + w - i1) / (u + n + s + i + w + x + y + z - t1)))
}

done_=0 tries=0
while [ $done_ -lt "$pairs" ] && [ $tries -lt 400 ]; do
  tries=$((tries + 1))
  [ "$idle" -gt 0 ] && [ "$(idle_pct)" -lt "$idle" ] && continue
  for k in 0 1; do
    label=$([ $k = 0 ] && echo A || echo B)
    args=(); for a in "$@"; do [ "$a" = "$out" ] && args+=("$tmp/$label.wav") || args+=("$a"); done
    load=$(cut -d' ' -f1 /proc/loadavg)
    (cd "${trees[k]}" && /usr/bin/time -o "$tmp/time" -f '%e %U %S %M' ./loophole "${args[@]}" >/dev/null 2>&1) || echo "$label: exit $?" >&2
    read -r e u s m < <(tail -n 1 "$tmp/time") # (time writes "Command exited with non-zero status N" first)
    [ -f "$tmp/first.wav" ] || cp "$tmp/A.wav" "$tmp/first.wav" 2>/dev/null || true
    same=$(cmp -s "$tmp/first.wav" "$tmp/$label.wav" && echo same || echo DIFFERENT)
    printf '%s\t%s\t%.2f\t%s\t%s\t%s\n' "$label" "$e" "$(echo "$u + $s" | bc)" "$((m / 1024))" "$load" "$same" | tee -a "$tmp/runs"
  done
  done_=$((done_ + 1))
done
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
for label in A B; do
  printf '%s median: wall %s s, CPU %s s, peak %s MB (%d runs)\n' "$label" \
    "$(awk -v l=$label '$1 == l {print $2}' "$tmp/runs" | median)" "$(awk -v l=$label '$1 == l {print $3}' "$tmp/runs" | median)" \
    "$(awk -v l=$label '$1 == l {print $4}' "$tmp/runs" | median)" "$(grep -c "^$label" "$tmp/runs")"
done
