/**
 * SoundFont 2 (2.01, and 2.04's 24-bit samples) and SoundFont 3 (SF3: Ogg Vorbis samples) import: {@link dev.loophole.formats.sf2.Sf2Importer#load} gives an
 * {@link dev.loophole.formats.sf2.Sf2Bank} with one {@link dev.loophole.model.Program} per preset, found by
 * {@link dev.loophole.formats.sf2.Sf2Bank#find(int, int) bank and program}; {@link dev.loophole.formats.sf2.Sf2Importer#open}
 * gives an {@link dev.loophole.formats.sf2.Sf2Catalog}, the bank's structure read and checked, whose presets are built
 * one by one when asked (a render builds the dozen a song plays, not all of them).
 *
 * <h2>Structure</h2>
 * {@code RiffReader} walks chunks with every size checked against its parent; {@code Sf2File} reads INFO, the
 * location of {@code smpl}/{@code sm24} (never their bytes) and the nine pdta tables, checking every index;
 * {@code ZoneResolver} applies the spec's zone rules (global zones, absolute instrument values, additive preset
 * offsets, intersected ranges); {@code RegionMapper} converts units; {@code Modulators} holds the ten default
 * modulators and the override rules; {@code Generator} is the generator table (id, name, unit, default, range).
 *
 * <h2>What a region holds</h2>
 * <ul>
 * <li>Sample: {@code sf2:<absolute bank path>#<shdr index>} ({@link dev.loophole.formats.sf2.Sf2SampleRef}), read by
 *     {@link dev.loophole.formats.sf2.Sf2SampleReader}. Offsets, end and loop points are relative to that sample's
 *     first frame; loop end inclusive (SF2's end-loop minus one). Stereo halves stay two mono regions panned by
 *     their zones; a valid link (both halves pointing at each other) is kept as {@code sf2_link}.
 *     SF3 samples (shdr type bit 0x10) are Ogg streams in {@code smpl}: their length comes from the stream's last
 *     granule position at load, their loop points are already relative; the reader decodes them with a
 *     {@link dev.loophole.formats.sf2.Sf2SampleReader.Decoder} the caller supplies (media's, via the cli).</li>
 * <li>Pitch: key centre = overridingRootKey, else the sample's original pitch; transpose = coarseTune;
 *     tune = fineTune + the sample's pitch correction (so a sample wrapper must report fineTune 0);
 *     keytrack = scaleTuning; bend ±200 cents (the default pitch-wheel modulator at RPN 0 = 2 semitones).</li>
 * <li>Level: volume = −initialAttenuation/10 × 0.4 dB by default ({@link dev.loophole.formats.sf2.Sf2Options}):
 *     the EMU hardware and FluidSynth scale, to which real banks were voiced; 1.0 gives the spec's letter.
 *     Velocity→attenuation (960 cB, concave) is amp_veltrack 100: the engine's (vel/127)² curve is that
 *     modulator exactly. Pan ±500 → ±100.</li>
 * <li>Envelopes: times 2^(tc/1200) s. SF2 decay/release are rates (the time for 100 dB, or full scale for the
 *     modulation envelope); the model's decay is the time to reach sustain, volume release the time from peak to
 *     −90 dB. Volume sustain exact: 10^(−cB/200). modEnv → filter and pitch envelopes with their depths.
 *     keynumTo*Env* hold/decay: stated at the zone's key (60 when it spans several), plus a note-start routing from
 *     the key number whose curve gives each key its own time ({@code KeyScaledTimes}). FluidSynth's volume decay
 *     falls 96 dB per stated time, 4 % slower than the spec's 100 dB, which is followed here.</li>
 * <li>Filter: {@code lpf_2p} at 8.176 × 2^((Fc − 2400)/1200) Hz with +2400 cents velocity tracking (the default
 *     velocity→cutoff modulator, exactly), resonance Q/10 dB.</li>
 * <li>LFOs: vibLfo in otherOpcodes as {@code pitchlfo_freq/delay/depth}; modLfo as {@code amplfo_*} (dB),
 *     {@code fillfo_*} (cents) and, for its pitch target, the model's {@code Lfo} 1 with a {@code lfo1 → pitch} routing;
 *     CC1 and channel pressure drive {@code pitchlfo_depth} (50 cents) as modulation entries.</li>
 * <li>Modulators: the defaults as typed fields or routings ({@code Modulators}; the CC91/CC93 effect sends are
 *     {@code cc91 → effect1} and {@code cc93 → effect2} routings, 20 % at full scale, which the engine's sampler
 *     feeds to a node graph's reverb and chorus); a bank's own ones as matrix routings with exact unit
 *     conversions and the source shapes as curves 101..255, numbered per preset ({@code ModulatorMapper}), or, where the matrix cannot
 *     express them, kept as {@code sf2_<generator>} in SF2 units with a warning naming the reason.</li>
 * <li>exclusiveClass → choke group and off_by, fast off. sampleModes 1 → loop_continuous, 3 → loop_sustain,
 *     0/2 → no_loop (stated explicitly so that the sample's own loop is not used).</li>
 * </ul>
 */
package dev.loophole.formats.sf2;
