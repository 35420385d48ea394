package dev.loophole.pulse.engine;

import dev.loophole.formats.sf2.Sf2Audio;
import dev.loophole.formats.sf2.Sf2SampleRef;
import dev.loophole.formats.sf2.Sf2SampleReader;
import dev.loophole.media.AudioData;
import dev.loophole.media.OggVorbisReader;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SampleProvider;
import dev.loophole.signal.store.SampleStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the engine's samples come from: files through the {@link SampleStore} (heads + streaming),
 * and SoundFont samples ({@code sf2:} references) read whole from their bank. The bridge lives here
 * because the engine must not know the SoundFont format.
 */
public final class Samples implements SampleProvider {
    /**
     * SoundFont 3 samples: mono Ogg Vorbis streams inside the bank's smpl chunk, decoded by media's JOrbis reader
     * to the exact length the stream's last granule position states.
     */
    public static final Sf2SampleReader.Decoder VORBIS = (bank, offset, length) -> {
        AudioData a = OggVorbisReader.read(bank, offset, length);
        if (a.channels().length != 1)
            throw new IOException(bank + ": the Ogg Vorbis sample at smpl bytes " + offset + ".." + (offset + length)
                    + " has " + a.channels().length + " channels; a SoundFont sample is mono");
        return a.channels()[0];
    };

    private final SampleStore store;
    private final Map<String, SampleData> soundFont = new ConcurrentHashMap<>();

    public Samples(SampleStore store) { this.store = store; }

    @Override
    public SampleData load(SampleRef ref) throws IOException {
        return load(ref, Long.MAX_VALUE, true);
    }

    @Override
    public SampleData header(SampleRef ref) throws IOException {
        if (!Sf2SampleRef.isSf2(ref.path())) return store.header(ref);
        SampleData d = soundFont.get(ref.path());
        if (d != null) return d;
        Sf2SampleReader.Header h = Sf2SampleReader.header(ref.path());
        if (h.length() > Integer.MAX_VALUE) return load(ref); // the reader refuses it with its own message
        // An empty head: nothing streams from a bank, so this only stands for a region that will not sound.
        List<SampleMetadata.SampleLoop> loops = h.loopEnd() > h.loopStart() && h.loopStart() >= 0
                ? List.of(new SampleMetadata.SampleLoop(h.loopStart(), h.loopEnd(), 0)) : List.of();
        return new SampleData(h.name(), Sf2SampleRef.parse(ref.path()).bank(), new float[1][0], (int) h.length(), h.sampleRate(),
                new SampleMetadata(h.rootKey(), 0, loops));
    }

    @Override
    public SampleData load(SampleRef ref, long minHeadFrames, boolean ramMode) throws IOException {
        if (!Sf2SampleRef.isSf2(ref.path())) return store.load(ref, minHeadFrames, ramMode);
        SampleData d = soundFont.get(ref.path());
        if (d != null) return d;
        Sf2Audio a = Sf2SampleReader.read(ref.path(), VORBIS);
        // The bank's pitch correction is already in the region's tune: the sample itself carries none.
        List<SampleMetadata.SampleLoop> loops = a.loopEnd() > a.loopStart() && a.loopStart() >= 0
                ? List.of(new SampleMetadata.SampleLoop(a.loopStart(), a.loopEnd(), 0)) : List.of();
        AudioData audio = new AudioData(new float[][] {a.frames()}, a.sampleRate(),
                a.bitsPerSample() == 24 ? SampleFormat.PCM_24 : SampleFormat.PCM_16, new SampleMetadata(a.rootKey(), 0, loops));
        d = new SampleData(a.name(), audio);
        soundFont.put(ref.path(), d);
        return d;
    }
}
