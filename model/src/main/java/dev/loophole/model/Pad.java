package dev.loophole.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One pad of a drum kit: the MIDI note that plays it and what a drum sequencer shows for it.
 *
 * <p>The pad is the editing handle; its regions (the program's one-key regions at {@code note}) are what plays.
 * {@code chokeGroup} and {@code output} are written through onto those regions ({@link DrumKits#withPad}), so the
 * engine's choke and multi-out paths carry them; the pad's envelope is its regions' amp envelope.
 *
 * @param icon         a drum family for the sequencer's icon ({@link PadKinds#ICONS}), or null
 * @param colour       {@code #rrggbb}, or null
 * @param chokeGroup   0 for none; a new hit of a pad in group n cuts every sounding hit of group n, its own included
 * @param output       the instrument output (stereo pair, 0 = main) the pad plays on; a multi-mic pad's mics keep their
 *                     distance from it (this is the lowest output of its mics)
 * @param articulations roles of the pad's regions, by name
 */
public record Pad(int note, String name, String icon, String colour, long chokeGroup, int output, List<Articulation> articulations) {
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Pad {
        if (note < 0 || note > 127) throw new IllegalArgumentException("pad note " + note + " is outside 0..127");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("pad " + note + " has no name");
        if (name.length() > 256) throw new IllegalArgumentException("pad " + note + ": name is longer than 256 characters");
        if (icon != null && !PadKinds.ICONS.contains(icon))
            throw new IllegalArgumentException("pad " + note + ": icon '" + icon + "' is not one of " + PadKinds.ICONS);
        if (colour != null && !COLOUR.matcher(colour).matches())
            throw new IllegalArgumentException("pad " + note + ": colour '" + colour + "' is not #rrggbb");
        if (colour != null) colour = colour.toLowerCase(java.util.Locale.ROOT);
        if (chokeGroup < 0) throw new IllegalArgumentException("pad " + note + ": choke group " + chokeGroup + " is negative");
        if (output < 0 || output > 63) throw new IllegalArgumentException("pad " + note + ": output " + output + " is outside 0..63");
        articulations = List.copyOf(articulations == null ? List.of() : articulations);
        if (articulations.stream().map(Articulation::name).distinct().count() != articulations.size())
            throw new IllegalArgumentException("pad " + note + " names an articulation twice");
    }

    public Pad withName(String n) { return new Pad(note, n, icon, colour, chokeGroup, output, articulations); }
    public Pad withIcon(String i) { return new Pad(note, name, i, colour, chokeGroup, output, articulations); }
    public Pad withColour(String c) { return new Pad(note, name, icon, c, chokeGroup, output, articulations); }
    public Pad withChokeGroup(long g) { return new Pad(note, name, icon, colour, g, output, articulations); }
    public Pad withOutput(int o) { return new Pad(note, name, icon, colour, chokeGroup, o, articulations); }
    public Pad withArticulations(List<Articulation> a) { return new Pad(note, name, icon, colour, chokeGroup, output, a); }
}
