#!/usr/bin/env bash
# The peer comparison: the same generated MIDI songs through the same SoundFont (FluidR3 GM) with
# Loophole, FluidSynth and Gervill (the JDK's synthesizer), in alternating runs.
#
#   bench/compare.sh [OUTDIR]        (env: RUNS=5 SONGS="gm-band piano-dense" SF2=… PEERS="…" PER_CHANNEL=1)
#
# Per peer and song: median wall time, CPU time (user+sys) and peak RSS of RUNS runs (from
# /usr/bin/time), the 1-minute load average before each run, and time ÷ Loophole's as the ratio.
# Then the sound: per-second RMS envelopes of each render against FluidSynth's (rms_compare.py), and
# (PER_CHANNEL=1, the default) every channel of gm-band alone, Loophole against FluidSynth.
# Needs: fluidsynth (apt-get install fluidsynth fluid-soundfont-gm), python3, /usr/bin/time.
#
# Interpolation, as close as each allows:
#   loophole          --quality cubic (4-point cubic)
#   fluidsynth-4      interp 4 (4th order, cubic)          — the comparable setting
#   fluidsynth-7      interp 7 (7th order, FluidSynth's best)
#   gervill-cubic     "interpolation"="cubic"              — the comparable setting
#   gervill-sinc      "interpolation"="sinc" (Gervill's best; slow — off by default, PEERS adds it)
# Reverb and chorus are off everywhere; 48 kHz stereo 32-bit float; tails: Loophole and Gervill 3 s
# after the last event, FluidSynth until its player ends (audio seconds are reported).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/jdk.sh"
out=${1:-$(mktemp -d /tmp/loophole-compare.XXXXXX)}
mkdir -p "$out"
RUNS=${RUNS:-5}
SONGS=${SONGS:-"gm-band piano-dense"}
SF2=${SF2:-/usr/share/sounds/sf2/FluidR3_GM.sf2}
PEERS=${PEERS:-"loophole fluidsynth-4 fluidsynth-7 gervill-cubic"}
FLUID_GAIN=${FLUID_GAIN:-0.2}

for tool in fluidsynth python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare: $tool is missing (apt-get install fluidsynth fluid-soundfont-gm time python3)" >&2; exit 1; }
done
[ -f "$SF2" ] || { echo "compare: $SF2 is missing (apt-get install fluid-soundfont-gm)" >&2; exit 1; }

# Build once through the launcher, and let its render command record its AOT cache (assembled in the
# background) before anything is timed; then every Loophole run is the public command, launcher included.
"$root/loophole" --version >/dev/null
target="$root/cli/target"
loophole=("$root/loophole")

songs="$out/songs"
"$JAVA_HOME/bin/java" -cp "$target/loophole-cli.jar:$target/lib/*" dev.loophole.demo.GmSongs "$songs" >/dev/null

gv="$out/gervill"
mkdir -p "$gv/classes" "$gv/home" "$gv/prefs"
"$JAVA_HOME/bin/javac" -source 25 -target 25 -nowarn --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED \
  -d "$gv/classes" "$root/bench/peers/GervillRender.java" 2>/dev/null
gervill=("$JAVA_HOME/bin/java" --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED
  -Duser.home="$gv/home" -Djava.util.prefs.userRoot="$gv/prefs" -cp "$gv/classes" GervillRender)

for n in 4 7; do echo "interp $n" >"$out/fluid-interp$n.txt"; done
if [[ " $PEERS " == *" loophole "* ]]; then
  first=${SONGS%% *}
  "${loophole[@]}" render --midi "$songs/$first.mid" --instrument "$SF2" --out "$out/warm.wav" --float --quality cubic --tail 3 >/dev/null 2>&1
  for _ in $(seq 1 60); do [ -f "$target/aot/render.jsa" ] && break; sleep 1; done # written as the warm-up run exits
fi

command_for() { # peer song wav
  local peer=$1 mid="$songs/$2.mid" wav=$3
  case $peer in
    loophole) echo "${loophole[*]} render --midi $mid --instrument $SF2 --out $wav --float --quality cubic --tail 3" ;;
    fluidsynth-4|fluidsynth-7) echo "fluidsynth -ni -q -g $FLUID_GAIN -r 48000 -R 0 -C 0 -O float -T wav -o synth.polyphony=256 -f $out/fluid-interp${peer#fluidsynth-}.txt -F $wav $SF2 $mid" ;;
    gervill-cubic|gervill-sinc) echo "${gervill[*]} $SF2 $mid $wav ${peer#gervill-} 3" ;;
    *) echo "compare: unknown peer $peer" >&2; exit 1 ;;
  esac
}

times="$out/times.tsv"
printf 'run\tsong\tpeer\twall_s\tcpu_s\tmaxrss_kb\tload1\taudio_s\n' >"$times"
: >"$out/commands.txt"
for run in $(seq 1 "$RUNS"); do
  for song in $SONGS; do
    order=$PEERS
    # alternate the order: odd runs forwards, even runs backwards
    [ $((run % 2)) -eq 0 ] && order=$(echo "$PEERS" | tr ' ' '\n' | tac | tr '\n' ' ')
    for peer in $order; do
      wav="$out/$song.$peer.wav"
      cmd=$(command_for "$peer" "$song" "$wav")
      [ "$run" -eq 1 ] && echo "$cmd" >>"$out/commands.txt"
      load=$(cut -d' ' -f1 /proc/loadavg)
      rm -f "$wav"
      if ! /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" bash -c "$cmd" >"$out/$peer.log" 2>&1; then
        echo "compare: $peer failed on $song (see $out/$peer.log)" >&2; cat "$out/$peer.log" >&2; exit 1
      fi
      read -r e u s m <"$out/time.txt"
      audio=$(python3 - "$wav" <<'EOF'
import struct, sys
d = open(sys.argv[1], 'rb').read()
p, rate, ch, bits, n = 12, 0, 0, 0, 0
while p + 8 <= len(d):
    cid, size = d[p:p+4], struct.unpack('<I', d[p+4:p+8])[0]
    if cid == b'fmt ': _, ch, rate = struct.unpack('<HHI', d[p+8:p+16]); bits = struct.unpack('<H', d[p+22:p+24])[0]
    if cid == b'data': n = size
    p += 8 + size + (size & 1)
print(f'{n / (ch * bits // 8) / rate:.2f}')
EOF
)
      cpu=$(python3 -c "print(f'{$u + $s:.2f}')")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$song" "$peer" "$e" "$cpu" "$m" "$load" "$audio" >>"$times"
      echo "run $run $song $peer: wall $e s, cpu $cpu s, peak RSS $((m / 1024)) MB, load $load, audio $audio s" >&2
    done
  done
done

# The table: medians per song and peer, ratios to Loophole.
python3 - "$times" "$PEERS" <<'EOF' | tee "$out/table.md"
import sys, statistics as st
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
peers = sys.argv[2].split()
songs = list(dict.fromkeys(r[1] for r in rows))
print('| song | peer | audio s | wall s (median) | CPU s (median) | peak RSS MB (median) | wall ÷ Loophole | CPU ÷ Loophole | load avg (1 min) during runs |')
print('|---|---|---:|---:|---:|---:|---:|---:|---|')
for song in songs:
    med = {}
    for p in peers:
        rs = [r for r in rows if r[1] == song and r[2] == p]
        if not rs: continue
        med[p] = (st.median(float(r[3]) for r in rs), st.median(float(r[4]) for r in rs), st.median(int(r[5]) for r in rs) / 1024,
                  [r[6] for r in rs], rs[0][7])
    base = med.get('loophole')
    for p, (w, c, m, loads, audio) in med.items():
        rw = f'{w / base[0]:.2f}' if base else '-'
        rc = f'{c / base[1]:.2f}' if base else '-'
        print(f'| {song} | {p} | {audio} | {w:.2f} | {c:.2f} | {m:.0f} | {rw} | {rc} | {" ".join(loads)} |')
EOF

echo
echo "## Sound: per-second RMS against fluidsynth-7 (offset = median level difference; flagged = beyond ±3 dB after the offset)" | tee "$out/sound.txt"
for song in $SONGS; do
  ref="$out/$song.fluidsynth-7.wav"
  [ -f "$ref" ] || ref="$out/$song.fluidsynth-4.wav"
  args=()
  for peer in $PEERS; do [ "$out/$song.$peer.wav" != "$ref" ] && args+=("$peer=$out/$song.$peer.wav"); done
  echo "### $song (reference $(basename "$ref"))" | tee -a "$out/sound.txt"
  python3 "$root/bench/peers/rms_compare.py" "$ref" "${args[@]}" | tee -a "$out/sound.txt"
done
# Per channel: each track of gm-band alone through Loophole and FluidSynth (interp 4, -g 1.0), so a
# level difference can be pinned on one channel's controls (CC7 volume, CC11 expression, pan).
if [ "${PER_CHANNEL:-1}" = 1 ] && [[ " $SONGS " == *" gm-band "* ]]; then
  pc="$out/per-channel"
  mkdir -p "$pc"
  echo | tee -a "$out/sound.txt"
  echo "## Per channel (gm-band): Loophole against FluidSynth at -g 1.0, interp 4" | tee -a "$out/sound.txt"
  python3 "$root/bench/peers/split_tracks.py" "$songs/gm-band.mid" "$pc" | while IFS=$'\t' read -r mid name; do
    "${loophole[@]}" render --midi "$mid" --instrument "$SF2" --out "$pc/$name.loophole.wav" --float --quality cubic --tail 3 >/dev/null 2>&1
    fluidsynth -ni -q -g 1.0 -r 48000 -R 0 -C 0 -O float -T wav -o synth.polyphony=256 -f "$out/fluid-interp4.txt" \
      -F "$pc/$name.fluidsynth.wav" "$SF2" "$mid" >/dev/null 2>&1
    echo "$name $(python3 "$root/bench/peers/rms_compare.py" "$pc/$name.fluidsynth.wav" "loophole=$pc/$name.loophole.wav" | grep -E '^loophole:|flagged|diff-offset')"
  done | tee -a "$out/sound.txt"
fi

echo
echo "compare: results in $out (times.tsv, table.md, sound.txt, commands.txt)" >&2
