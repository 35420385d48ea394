package dev.loophole.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/** {@code --instrument [CHANNEL=]FILE}: an instrument file for one MIDI channel (1–16) or, without a channel, for all. */
record InstrumentSpec(int channel, Path file) {
    static final int ALL = 0;

    static final class Converter implements CommandLine.ITypeConverter<InstrumentSpec> {
        @Override
        public InstrumentSpec convert(String value) {
            int eq = value.indexOf('=');
            if (eq > 0 && value.substring(0, eq).chars().allMatch(Character::isDigit)) {
                int ch = Integer.parseInt(value.substring(0, eq));
                if (ch < 1 || ch > 16)
                    throw new CommandLine.TypeConversionException("channel " + ch + " in '" + value + "' is outside 1..16");
                return new InstrumentSpec(ch, InputFiles.path(value.substring(eq + 1)));
            }
            return new InstrumentSpec(ALL, InputFiles.path(value));
        }
    }
}
