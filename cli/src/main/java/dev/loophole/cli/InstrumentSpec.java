package dev.loophole.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/** {@code --instrument [CHANNEL=]FILE}: an instrument file for one MIDI channel (1–16) or, without a channel, for all. */
record InstrumentSpec(int channel, Path file) {
    static final int ALL = 0;

    /** Where {@code [CH=]FILE}'s channel ends (its '='), or -1 without one. Picocli-free: {@link RenderPrefetch} uses it. */
    static int channelEnd(String value) {
        int eq = value.indexOf('=');
        return eq > 0 && value.substring(0, eq).chars().allMatch(Character::isDigit) ? eq : -1;
    }

    static final class Converter implements CommandLine.ITypeConverter<InstrumentSpec> {
        @Override
        public InstrumentSpec convert(String value) {
            int eq = channelEnd(value);
            if (eq > 0) {
                int ch = Integer.parseInt(value.substring(0, eq));
                if (ch < 1 || ch > 16)
                    throw new CommandLine.TypeConversionException("channel " + ch + " in '" + value + "' is outside 1..16");
                return new InstrumentSpec(ch, InputFiles.path(value.substring(eq + 1)));
            }
            return new InstrumentSpec(ALL, InputFiles.path(value));
        }
    }
}
