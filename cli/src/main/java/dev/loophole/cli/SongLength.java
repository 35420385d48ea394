package dev.loophole.cli;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --max-length}: how long a song may be before it is refused. A damaged delta time (0x0FFFFFFF ticks is
 * 78 hours at 120 BPM) would otherwise keep a render busy for hours writing silence; the refusal names the file,
 * the first event past the limit and its time, before anything is loaded.
 */
final class SongLength {
    static final double DEFAULT_SECONDS = 3600;
    static final double MAX_SECONDS = 24 * 3600;

    /** Adds {@code --max-length} to a command's model ({@link #maxSeconds} reads it back). */
    static void addTo(SpecBuilder b) {
        b.option(SpecBuilder.converted("--max-length", double.class, new Seconds(), "TIME",
                "Refuse a song longer than this, a damaged file's likely sign: seconds, or M:SS, H:MM:SS, 90s, 30m, 2h "
                        + "(up to 24h; default: ${DEFAULT-VALUE}).").defaultValue("1:00:00"));
    }

    static double maxSeconds(CommandSpec spec) {
        return SpecBuilder.<Double>value(spec, "--max-length");
    }

    /** Refuses a song (plus a fixed tail, negative for none) past {@code maxSeconds}; returns the song's length in seconds. */
    static double check(Path file, MidiSong song, double tailSeconds, double maxSeconds) {
        double length = song.lengthSeconds();
        MidiEvent late = song.firstEventAfter(maxSeconds).orElse(null);
        if (late != null)
            throw new Errors.UserError(file + ": " + late.describe() + " (track " + late.track() + ", tick " + late.tick() + ") is at "
                    + clock(song.tempoMap().seconds(late.tick())) + ", past --max-length " + clock(maxSeconds)
                    + "; a damaged delta time? Raise --max-length to play it anyway");
        if (length + Math.max(tailSeconds, 0) > maxSeconds)
            throw new Errors.UserError("--tail " + tailSeconds + " after the song's " + clock(length) + " runs past --max-length " + clock(maxSeconds));
        return length;
    }

    /** The line said before a long job starts: "song.mid: 3:05.2 of music, 1234 events". */
    static String describe(Path file, MidiSong song) {
        return file.getFileName() + ": " + clock(song.lengthSeconds()) + " of music, " + song.events().size() + " events";
    }

    /** H:MM:SS.s, or M:SS.s under an hour. */
    static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        long h = tenths / 36_000, m = tenths / 600 % 60, s = tenths / 10 % 60, t = tenths % 10;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d.%d", h, m, s, t) : String.format(Locale.ROOT, "%d:%02d.%d", m, s, t);
    }

    /** "3600", "90s", "30m", "2h", "1:30", "1:00:00" → seconds, within (0, 24 h]. */
    static final class Seconds implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double s = parse(value.strip().toLowerCase(Locale.ROOT));
            if (!(s > 0 && s <= MAX_SECONDS))
                throw new CommandLine.TypeConversionException("'" + value + "' is outside the accepted range: more than 0, up to 24h");
            return s;
        }

        private static double parse(String v) {
            try {
                if (v.contains(":")) {
                    double total = 0;
                    String[] parts = v.split(":", -1);
                    if (parts.length > 3) throw new NumberFormatException();
                    for (String p : parts) {
                        if (p.isEmpty() || p.startsWith("-")) throw new NumberFormatException();
                        total = total * 60 + Double.parseDouble(p);
                    }
                    return total;
                }
                double unit = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
                return Double.parseDouble(v.endsWith("h") || v.endsWith("m") || v.endsWith("s") ? v.substring(0, v.length() - 1) : v) * unit;
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not a length: expected seconds, M:SS, H:MM:SS, 90s, 30m or 2h");
            }
        }
    }
}
