package dev.loophole.formats.sf2;

/**
 * The SoundFont 2.01 generators (spec section 8.1.2/8.1.3): id, name, unit, default and the range a
 * synthesizer clamps the summed (instrument + preset) value to. {@code presetAllowed} is false for the
 * generators the spec forbids at preset level (sample addresses, fixed key/velocity, sample modes,
 * exclusive class, overriding root key): those are ignored in preset zones.
 */
enum Generator {
    START_ADDRS_OFFSET(0, "startAddrsOffset", Unit.SMPLS, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    END_ADDRS_OFFSET(1, "endAddrsOffset", Unit.SMPLS, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    STARTLOOP_ADDRS_OFFSET(2, "startloopAddrsOffset", Unit.SMPLS, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    ENDLOOP_ADDRS_OFFSET(3, "endloopAddrsOffset", Unit.SMPLS, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    START_ADDRS_COARSE_OFFSET(4, "startAddrsCoarseOffset", Unit.SMPLS_32K, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    MOD_LFO_TO_PITCH(5, "modLfoToPitch", Unit.CENTS, 0, -12000, 12000, true),
    VIB_LFO_TO_PITCH(6, "vibLfoToPitch", Unit.CENTS, 0, -12000, 12000, true),
    MOD_ENV_TO_PITCH(7, "modEnvToPitch", Unit.CENTS, 0, -12000, 12000, true),
    INITIAL_FILTER_FC(8, "initialFilterFc", Unit.ABS_CENTS, 13500, 1500, 13500, true),
    INITIAL_FILTER_Q(9, "initialFilterQ", Unit.CENTIBELS, 0, 0, 960, true),
    MOD_LFO_TO_FILTER_FC(10, "modLfoToFilterFc", Unit.CENTS, 0, -12000, 12000, true),
    MOD_ENV_TO_FILTER_FC(11, "modEnvToFilterFc", Unit.CENTS, 0, -12000, 12000, true),
    END_ADDRS_COARSE_OFFSET(12, "endAddrsCoarseOffset", Unit.SMPLS_32K, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    MOD_LFO_TO_VOLUME(13, "modLfoToVolume", Unit.CENTIBELS, 0, -960, 960, true),
    CHORUS_EFFECTS_SEND(15, "chorusEffectsSend", Unit.PERMILLE, 0, 0, 1000, true),
    REVERB_EFFECTS_SEND(16, "reverbEffectsSend", Unit.PERMILLE, 0, 0, 1000, true),
    PAN(17, "pan", Unit.PERMILLE, 0, -500, 500, true),
    DELAY_MOD_LFO(21, "delayModLFO", Unit.TIMECENTS, -12000, -12000, 5000, true),
    FREQ_MOD_LFO(22, "freqModLFO", Unit.ABS_CENTS, 0, -16000, 4500, true),
    DELAY_VIB_LFO(23, "delayVibLFO", Unit.TIMECENTS, -12000, -12000, 5000, true),
    FREQ_VIB_LFO(24, "freqVibLFO", Unit.ABS_CENTS, 0, -16000, 4500, true),
    DELAY_MOD_ENV(25, "delayModEnv", Unit.TIMECENTS, -12000, -12000, 5000, true),
    ATTACK_MOD_ENV(26, "attackModEnv", Unit.TIMECENTS, -12000, -12000, 8000, true),
    HOLD_MOD_ENV(27, "holdModEnv", Unit.TIMECENTS, -12000, -12000, 5000, true),
    DECAY_MOD_ENV(28, "decayModEnv", Unit.TIMECENTS, -12000, -12000, 8000, true),
    SUSTAIN_MOD_ENV(29, "sustainModEnv", Unit.PERMILLE, 0, 0, 1000, true),
    RELEASE_MOD_ENV(30, "releaseModEnv", Unit.TIMECENTS, -12000, -12000, 8000, true),
    KEYNUM_TO_MOD_ENV_HOLD(31, "keynumToModEnvHold", Unit.TCENTS_PER_KEY, 0, -1200, 1200, true),
    KEYNUM_TO_MOD_ENV_DECAY(32, "keynumToModEnvDecay", Unit.TCENTS_PER_KEY, 0, -1200, 1200, true),
    DELAY_VOL_ENV(33, "delayVolEnv", Unit.TIMECENTS, -12000, -12000, 5000, true),
    ATTACK_VOL_ENV(34, "attackVolEnv", Unit.TIMECENTS, -12000, -12000, 8000, true),
    HOLD_VOL_ENV(35, "holdVolEnv", Unit.TIMECENTS, -12000, -12000, 5000, true),
    DECAY_VOL_ENV(36, "decayVolEnv", Unit.TIMECENTS, -12000, -12000, 8000, true),
    SUSTAIN_VOL_ENV(37, "sustainVolEnv", Unit.CENTIBELS, 0, 0, 1440, true),
    RELEASE_VOL_ENV(38, "releaseVolEnv", Unit.TIMECENTS, -12000, -12000, 8000, true),
    KEYNUM_TO_VOL_ENV_HOLD(39, "keynumToVolEnvHold", Unit.TCENTS_PER_KEY, 0, -1200, 1200, true),
    KEYNUM_TO_VOL_ENV_DECAY(40, "keynumToVolEnvDecay", Unit.TCENTS_PER_KEY, 0, -1200, 1200, true),
    INSTRUMENT(41, "instrument", Unit.INDEX, 0, 0, 65535, true),
    KEY_RANGE(43, "keyRange", Unit.RANGE, 127 << 8, 0, 0xFFFF, true),
    VEL_RANGE(44, "velRange", Unit.RANGE, 127 << 8, 0, 0xFFFF, true),
    STARTLOOP_ADDRS_COARSE_OFFSET(45, "startloopAddrsCoarseOffset", Unit.SMPLS_32K, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    KEYNUM(46, "keynum", Unit.KEY, -1, -1, 127, false),
    VELOCITY(47, "velocity", Unit.KEY, -1, -1, 127, false),
    INITIAL_ATTENUATION(48, "initialAttenuation", Unit.CENTIBELS, 0, 0, 1440, true),
    ENDLOOP_ADDRS_COARSE_OFFSET(50, "endloopAddrsCoarseOffset", Unit.SMPLS_32K, 0, Integer.MIN_VALUE, Integer.MAX_VALUE, false),
    COARSE_TUNE(51, "coarseTune", Unit.SEMITONES, 0, -120, 120, true),
    FINE_TUNE(52, "fineTune", Unit.CENTS, 0, -99, 99, true),
    SAMPLE_ID(53, "sampleID", Unit.INDEX, 0, 0, 65535, false),
    SAMPLE_MODES(54, "sampleModes", Unit.FLAGS, 0, 0, 3, false),
    SCALE_TUNING(56, "scaleTuning", Unit.CENTS_PER_KEY, 100, 0, 1200, true),
    EXCLUSIVE_CLASS(57, "exclusiveClass", Unit.INDEX, 0, 0, 127, false),
    OVERRIDING_ROOT_KEY(58, "overridingRootKey", Unit.KEY, -1, -1, 127, false);

    /** The unit a generator's 16-bit amount is expressed in. */
    enum Unit { SMPLS, SMPLS_32K, CENTS, ABS_CENTS, CENTIBELS, PERMILLE, TIMECENTS, TCENTS_PER_KEY, CENTS_PER_KEY,
        SEMITONES, INDEX, RANGE, KEY, FLAGS }

    /** Highest generator id + 1 (endOper is 60). */
    static final int COUNT = 61;
    private static final Generator[] BY_ID = new Generator[COUNT];

    static {
        for (Generator g : values()) BY_ID[g.id] = g;
    }

    final int id;
    final String sf2Name;
    final Unit unit;
    final int defaultValue;
    final int min, max;
    final boolean presetAllowed;

    Generator(int id, String sf2Name, Unit unit, int defaultValue, int min, int max, boolean presetAllowed) {
        this.id = id;
        this.sf2Name = sf2Name;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.presetAllowed = presetAllowed;
    }

    /** The generator with this id, or null for unused/reserved/unknown ids (which the spec says to ignore). */
    static Generator byId(int id) { return id >= 0 && id < COUNT ? BY_ID[id] : null; }

    /** Amounts of these are interpreted as unsigned (indices and byte ranges), all others as signed 16-bit. */
    boolean unsigned() { return unit == Unit.INDEX || unit == Unit.RANGE; }

    int clamp(long v) { return (int) Math.max(min, Math.min(max, v)); }
}
