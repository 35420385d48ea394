package dev.loophole.formats.sf2;

import static dev.loophole.formats.sf2.Sf2TestWriter.gen;
import static dev.loophole.formats.sf2.Sf2TestWriter.range;
import static dev.loophole.formats.sf2.Sf2TestWriter.zone;

/** The crafted bank the importer and mutation tests share; every value below is asserted somewhere. */
final class TestBanks {
    private TestBanks() {}

    // Generator ids of the spec, named here so the fixture reads like the spec's tables.
    static final int START = 0, END = 1, STARTLOOP = 2, ENDLOOP = 3, START_COARSE = 4, FC = 8, Q = 9, PAN = 17,
            ATTACK_VOL = 34, RELEASE_VOL = 38, SUSTAIN_VOL = 37, DECAY_VOL = 36, KEYNUM_TO_VOL_DECAY = 40,
            INSTRUMENT = 41, KEY_RANGE = 43, VEL_RANGE = 44, ATTENUATION = 48, COARSE = 51, FINE = 52,
            SAMPLE_ID = 53, MODES = 54, SCALE = 56, EXCLUSIVE = 57, ROOT = 58, MOD_ENV_TO_PITCH = 7, FREQ_VIB = 24,
            VIB_TO_PITCH = 6;

    static short[] ramp(int n, int step) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = (short) (i * step - 1000);
        return s;
    }

    static Sf2TestWriter twoPresets() {
        Sf2TestWriter w = new Sf2TestWriter();
        int left = w.sample("PadL", ramp(100, 17), null, 22050, 60, -5, 20, 80, Sf2Sample.LEFT, 1);
        int right = w.sample("PadR", ramp(100, -13), null, 22050, 60, -5, 20, 80, Sf2Sample.RIGHT, 0);
        int snare = w.sample("Snare", ramp(50, 40), null, 44100, 38, 3, 0, 0, Sf2Sample.MONO, 0);
        int hatC = w.sample("HatC", ramp(40, 50), null, 44100, 42, 0, 0, 0, Sf2Sample.MONO, 0);
        int hatO = w.sample("HatO", ramp(40, 60), null, 44100, 46, 0, 10, 30, Sf2Sample.MONO, 0);

        int pad = w.instrument("Stereo Pad",
                zone(gen(ATTACK_VOL, -1200), gen(RELEASE_VOL, 1200), gen(ATTENUATION, 100), gen(MODES, 1)),
                zone(range(KEY_RANGE, 0, 127), gen(PAN, -500), gen(MODES, 3), gen(SAMPLE_ID, left)),
                zone(range(KEY_RANGE, 0, 127), gen(PAN, 500), gen(SAMPLE_ID, right)));
        int kit = w.instrument("Kit",
                zone(range(KEY_RANGE, 38, 38), gen(FC, 6000), gen(Q, 60), gen(SUSTAIN_VOL, 960), gen(DECAY_VOL, 0),
                        gen(KEYNUM_TO_VOL_DECAY, 100), gen(SAMPLE_ID, snare)),
                zone(range(KEY_RANGE, 42, 42), gen(EXCLUSIVE, 1), gen(SAMPLE_ID, hatC)),
                zone(range(KEY_RANGE, 46, 46), gen(EXCLUSIVE, 1), gen(MODES, 1), gen(START, 2), gen(END, -4),
                        gen(STARTLOOP, 1), gen(ENDLOOP, -2), gen(ROOT, 50), gen(SAMPLE_ID, hatO)));

        w.preset("Pad", 5, 0,
                zone(gen(ATTACK_VOL, 1200), gen(COARSE, -12)),
                zone(range(KEY_RANGE, 36, 96), range(VEL_RANGE, 10, 127), gen(ATTENUATION, 50), gen(FINE, 10),
                        gen(INSTRUMENT, pad)));
        w.preset("Drums", 0, 128,
                zone(range(KEY_RANGE, 30, 50), gen(PAN, 100), gen(START, 5), gen(INSTRUMENT, kit)));
        return w;
    }

    /**
     * A SoundFont 3 bank: sample 0 an Ogg stream of two bare pages (granules 0 and 1234) with loop 100..1100, sample 1
     * PCM after it, sample 2 forty bytes that are no Ogg stream; one preset over all three (keys 0-63, 64-100, 101-127).
     */
    static Sf2TestWriter soundFont3() {
        Sf2TestWriter w = new Sf2TestWriter();
        w.ifilMajor = 3;
        byte[] stream = Sf2TestWriter.concat(Sf2TestWriter.oggPage(0, 30), Sf2TestWriter.oggPage(1234, 17));
        int ogg = w.compressedSample("Ogg", stream, 32000, 64, 100, 1100, Sf2Sample.MONO);
        int pcm = w.sample("Pcm", ramp(10, 3), null, 44100, 60, 0, 2, 8, Sf2Sample.MONO, 0);
        int junk = w.compressedSample("Junk", new byte[40], 32000, 60, 0, 0, Sf2Sample.MONO);
        w.preset("P", 0, 0, zone(gen(INSTRUMENT, w.instrument("I",
                zone(range(KEY_RANGE, 0, 63), gen(MODES, 1), gen(SAMPLE_ID, ogg)),
                zone(range(KEY_RANGE, 64, 100), gen(SAMPLE_ID, pcm)),
                zone(range(KEY_RANGE, 101, 127), gen(SAMPLE_ID, junk))))));
        return w;
    }
}
