#!/usr/bin/env bash
# Issue 15's figures in one run: whole processes through the public commands, Loophole beside FluidSynth,
# in alternating order (odd runs forwards, even runs backwards), medians of RUNS runs.
#
#   bench/peers.sh [OUTDIR]          (env: RUNS=3 CASES="version gm flac")
#
#   version  `loophole --version` (start-up)
#   gm       gm-band.mid (dev.loophole.demo.GmSongs) through Debian's FluidR3_GM.sf2, 48 kHz float, no reverb/chorus:
#            Loophole --quality cubic and its default (sinc64), FluidSynth at its default interpolation (4th order);
#            both on two cores too (FluidSynth synth.cpu-cores=2; Loophole's default --threads, and --threads 1 beside it)
#   sweep    issue 15's pitch sweep (dev.loophole.demo.PitchSweep: 10,000 notes over keys 0–127 on one looped sample
#            rooted at key 60, ~256 at once, 30.8 s of audio) at our default quality; no peer plays SFZ here
#   flac     a synthetic 240-file stereo 24-bit FLAC piano (bench/peers/flac_library.py, made once under $LIB):
#            one note, and piano-dense.mid through the whole library (cubic)
#   steady   each engine's marginal (steady-state) cost: gm-band.mid played once and STEADY_N times back to back
#            (dev.loophole.demo.SmfRepeat; STEADY_N=4 unless set), each through Loophole (cubic, cubic --threads 1,
#            default) and FluidSynth with the gm case's flags; (T_N − T_1)/(N − 1) per run is one more song without start-up,
#            loading or first compilation (bench/peers/steady_table.py). Also compares the N-times render's first
#            song with the single render (bench/peers/wav_diff.py … FRAMES).
# sfizz is not packaged for Debian 12 (apt-cache policy sfizz: no candidate), so the SFZ work has no peer here.
# Needs: fluidsynth fluid-soundfont-gm flac python3-numpy time.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$(mktemp -d /tmp/loophole-peers.XXXXXX)}
mkdir -p "$out"
RUNS=${RUNS:-3}
STEADY_N=${STEADY_N:-4}
case "$STEADY_N" in ''|*[!0-9]*|0*|1) echo "peers.sh: STEADY_N=$STEADY_N: expected a whole number of 2 or more (the song once and that many times)" >&2; exit 2;; esac
CASES=${CASES:-"version gm flac"}
SF2=${SF2:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
LIB=${LIB:-/tmp/loophole-flac-piano}
lh="$root/loophole"

# Build, and let each command write its start-up archive once before timing.
"$lh" --version >/dev/null
. "$root/bin/jdk.sh"
"$JAVA_HOME/bin/java" -cp "$root/cli/target/loophole-cli.jar:$root/cli/target/lib/*" dev.loophole.demo.GmSongs "$out/songs" >/dev/null
"$JAVA_HOME/bin/java" -cp "$root/cli/target/loophole-cli.jar:$root/cli/target/lib/*" dev.loophole.demo.PitchSweep "$out/sweep" >/dev/null
case " $CASES " in *" steady "*) for n in 1 "$STEADY_N"; do
  "$JAVA_HOME/bin/java" -cp "$root/cli/target/loophole-cli.jar:$root/cli/target/lib/*" dev.loophole.demo.SmfRepeat \
    "$out/songs/gm-band.mid" "$n" "$out/songs/gm-band.x$n.mid"
done ;; esac
[ -f "$LIB/piano.sfz" ] || python3 "$root/bench/peers/flac_library.py" "$LIB" 240 6
"$lh" render --midi "$LIB/one-note.mid" --instrument "$LIB/piano.sfz" --out "$out/warm.wav" >/dev/null 2>&1
# (render's dynamic archive is written as that run exits; --version's AOT cache is assembled in the background)
for _ in $(seq 1 60); do [ -f "$root/cli/target/aot/render.jsa" ] && [ -f "$root/cli/target/aot/main.aot" ] && break; sleep 1; done
echo "interp 4" >"$out/fluid-interp4.txt"

# FluidSynth's line for the GM song, the same in the gm and steady cases (its default 4th-order interpolation, no effects)
fluid="fluidsynth -ni -q -g 0.2 -r 48000 -R 0 -C 0 -O float -T wav -o synth.polyphony=256 -f $out/fluid-interp4.txt"

# case name | command (one line, run by bash -c)
cmds=()
for c in $CASES; do
  case $c in
    version) cmds+=("version|loophole|$lh --version") ;;
    gm)
      cmds+=("gm-band|loophole-cubic|$lh render --midi $out/songs/gm-band.mid --instrument $SF2 --out $out/gm.cubic.wav --float --quality cubic --dry --tail 3")
      cmds+=("gm-band|loophole-default|$lh render --midi $out/songs/gm-band.mid --instrument $SF2 --out $out/gm.default.wav --float --dry --tail 3")
      cmds+=("gm-band|fluidsynth|$fluid -F $out/gm.fluid.wav $SF2 $out/songs/gm-band.mid")
      # both sides on two cores: our programs on two threads (render's default there), FluidSynth's own parallel render
      cmds+=("gm-band|fluidsynth-2cores|$fluid -o synth.cpu-cores=2 -F $out/gm.fluid2.wav $SF2 $out/songs/gm-band.mid")
      cmds+=("gm-band|loophole-cubic-1thread|$lh render --midi $out/songs/gm-band.mid --instrument $SF2 --out $out/gm.cubic1.wav --float --quality cubic --dry --tail 3 --threads 1") ;;
    sweep) cmds+=("pitch-sweep|loophole-default|$lh render --midi $out/sweep/sweep.mid --instrument $out/sweep/sweep.sfz --out $out/sweep.wav --float") ;;
    flac)
      cmds+=("flac-one-note|loophole|$lh render --midi $LIB/one-note.mid --instrument $LIB/piano.sfz --out $out/one.wav")
      cmds+=("flac-piano-dense|loophole-cubic|$lh render --midi $out/songs/piano-dense.mid --instrument $LIB/piano.sfz --out $out/pd.wav --quality cubic") ;;
    steady)
      # the engines interleaved within a run; the whole order is reversed on even runs, as for every case
      for n in 1 "$STEADY_N"; do
        cmds+=("gm-band-x$n|loophole-cubic|$lh render --midi $out/songs/gm-band.x$n.mid --instrument $SF2 --out $out/steady.cubic.x$n.wav --float --quality cubic --dry --tail 3")
        cmds+=("gm-band-x$n|fluidsynth|$fluid -F $out/steady.fluid.x$n.wav $SF2 $out/songs/gm-band.x$n.mid")
        cmds+=("gm-band-x$n|loophole-default|$lh render --midi $out/songs/gm-band.x$n.mid --instrument $SF2 --out $out/steady.default.x$n.wav --float --dry --tail 3")
        # FluidSynth renders on one thread: Loophole on one too, beside its default two
        cmds+=("gm-band-x$n|loophole-cubic-1thread|$lh render --midi $out/songs/gm-band.x$n.mid --instrument $SF2 --out $out/steady.cubic1.x$n.wav --float --quality cubic --dry --tail 3 --threads 1")
      done ;;
    *) echo "peers: unknown case $c" >&2; exit 2 ;;
  esac
done

times="$out/times.tsv"
printf 'run\tcase\tpeer\twall_s\tcpu_s\tmaxrss_kb\tload1\n' >"$times"
for run in $(seq 1 "$RUNS"); do
  order=("${cmds[@]}")
  if [ $((run % 2)) -eq 0 ]; then order=(); for ((i = ${#cmds[@]} - 1; i >= 0; i--)); do order+=("${cmds[i]}"); done; fi
  for entry in "${order[@]}"; do
    IFS='|' read -r name peer cmd <<<"$entry"
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" bash -c "$cmd" >"$out/last.log" 2>&1 \
      || { echo "peers: $name/$peer failed (see $out/last.log)" >&2; cat "$out/last.log" >&2; exit 1; }
    read -r e u s m <"$out/time.txt"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$peer" "$e" "$(python3 -c "print(round($u + $s, 3))")" "$m" "$load" >>"$times"
    echo "run $run $name $peer: wall $e s, cpu $(python3 -c "print(round($u + $s, 2))") s, peak $((m / 1024)) MB, load $load" >&2
  done
done

python3 - "$times" <<'EOF' | tee "$out/table.md"
import sys, statistics as st
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
print('| case | peer | wall s (median) | CPU s (median) | peak RSS MB (median) | runs | load (1 min) |')
print('|---|---|---:|---:|---:|---:|---|')
for key in dict.fromkeys((r[1], r[2]) for r in rows):
    rs = [r for r in rows if (r[1], r[2]) == key]
    print(f'| {key[0]} | {key[1]} | {st.median(float(r[3]) for r in rs):.2f} | {st.median(float(r[4]) for r in rs):.2f} '
          f'| {st.median(int(r[5]) for r in rs) / 1024:.0f} | {len(rs)} | {" ".join(r[6] for r in rs)} |')
EOF

case " $CASES " in *" steady "*)
  echo
  python3 "$root/bench/peers/steady_table.py" "$times" "$STEADY_N" "$out" | tee "$out/steady.md"
  frames=$(python3 "$root/bench/peers/steady_table.py" --frames "$STEADY_N" "$out")
  for p in cubic cubic1 default fluid; do
    echo "first song ($frames frames), $p, x$STEADY_N against x1: $(python3 "$root/bench/peers/wav_diff.py" "$out/steady.$p.x1.wav" "$out/steady.$p.x$STEADY_N.wav" "$frames")"
  done | tee -a "$out/steady.md" ;;
esac
