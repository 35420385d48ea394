package dev.loophole.formats.sf2;

import java.nio.file.Path;

/**
 * The {@code SampleRef} form of a sample inside a bank: {@code sf2:<absolute bank path>#<shdr index>},
 * e.g. {@code sf2:/usr/share/sounds/sf2/FluidR3_GM.sf2#12}. The path is kept as written (no percent-encoding)
 * so that it reads like the other sample paths of the model; the index follows the last {@code #}.
 */
public record Sf2SampleRef(Path bank, int sampleIndex) {
    public static final String SCHEME = "sf2:";

    public Sf2SampleRef {
        if (sampleIndex < 0) throw new IllegalArgumentException("sample index " + sampleIndex + " is negative");
    }

    public static String uri(Path bank, int sampleIndex) {
        return SCHEME + bank.toAbsolutePath().normalize() + "#" + sampleIndex;
    }

    public String uri() { return uri(bank, sampleIndex); }

    public static boolean isSf2(String ref) { return ref != null && ref.startsWith(SCHEME); }

    /** Parses {@code sf2:/path#index}; throws IllegalArgumentException with the reason when it is not one. */
    public static Sf2SampleRef parse(String ref) {
        if (!isSf2(ref)) throw new IllegalArgumentException("'" + ref + "' does not start with " + SCHEME);
        int hash = ref.lastIndexOf('#');
        if (hash <= SCHEME.length()) throw new IllegalArgumentException("'" + ref + "' has no #sampleIndex");
        int index;
        try {
            index = Integer.parseInt(ref.substring(hash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + ref + "' has no numeric sample index after #");
        }
        return new Sf2SampleRef(Path.of(ref.substring(SCHEME.length(), hash)), index);
    }
}
