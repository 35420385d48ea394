package dev.loophole.formats;

import dev.loophole.formats.decent.DecentSamplerImporter;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.formats.xml.XmlInstruments;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The instrument files that load as one Program, by file type: one table for every caller (the command
 * line, the IPC server, projects). SoundFonts hold many presets and are opened as banks instead.
 */
public final class InstrumentFiles {
    private InstrumentFiles() {}

    /** Opens one kind of instrument file. */
    @FunctionalInterface
    public interface Opener { Program open(Path file) throws IOException; }

    private record Kind(String suffix, Opener opener) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(".sfz", SfzImporter::load),
            new Kind(".xml", XmlInstruments::load), // Hydrogen and DrumGizmo drumkit.xml, told apart by their root element
            new Kind(".dspreset", DecentSamplerImporter::load));

    /** The opener for {@code file}'s type, or empty when it is not a one-program kind. */
    public static Optional<Opener> opener(Path file) {
        String name = name(file);
        return KINDS.stream().filter(k -> name.endsWith(k.suffix())).map(Kind::opener).findFirst();
    }

    public static boolean isSoundFont(Path file) {
        String n = name(file);
        return n.endsWith(".sf2") || n.endsWith(".sf3");
    }

    /** The file name in lower case; "" for a path that has none (a root such as {@code /}: no kind at all). */
    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }

    /** The one-program kinds, for messages: ".sfz, .xml, .dspreset". */
    public static String kinds() { return String.join(", ", KINDS.stream().map(Kind::suffix).toList()); }
}
