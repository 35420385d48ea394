/**
 * Audio file decoding and WAV writing for the sampler.
 *
 * <ul>
 *   <li>{@link dev.loophole.media.AudioFiles} — the entry point: {@code read} a whole file, {@code probe} its
 *       format/length/metadata, {@code open} an {@link dev.loophole.media.AudioReader} for incremental,
 *       positional decoding (a disk streamer's head-then-continue pattern), {@code readFrames} for one-off
 *       spans. The type comes from the magic bytes: RIFF/RF64 (WAV), FORM (AIFF), fLaC (FLAC), OggS (Vorbis).</li>
 *   <li>{@link dev.loophole.media.WavReader}, {@link dev.loophole.media.AiffReader},
 *       {@link dev.loophole.media.FlacReader}, {@link dev.loophole.media.OggVorbisReader} — the
 *       per-format readers, usable directly.</li>
 *   <li>{@link dev.loophole.media.WavWriter} — writes PCM 8/16/24/32 or float 32/64, one-shot or streamed,
 *       with a {@code smpl} chunk for root key, fine tune and loops; RF64 beyond 4 GiB.</li>
 * </ul>
 *
 * <p>Samples are floats at full scale ±1.0; an n-bit integer v is v / 2^(n-1), so integer formats round-trip
 * exactly. Every failure a user can meet (missing file, directory, truncated or lying header, unsupported
 * codec, corrupt compressed data) is one {@link dev.loophole.media.MediaException} naming the file and what
 * was expected; repairable problems are listed in {@link dev.loophole.media.AudioFileInfo#warnings()}.
 * Nothing is ever sized from a header alone.
 */
package dev.loophole.media;
