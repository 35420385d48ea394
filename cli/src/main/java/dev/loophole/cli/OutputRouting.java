package dev.loophole.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --outputs} and {@code --route} of {@code loophole play}: the named stereo outputs in bus
 * order (the first is the main one) and which output each MIDI channel renders to.
 */
record OutputRouting(List<String> outputs, int[] bus) {
    static final String MAIN = "out";

    /** Channel (0-based) → bus index. */
    int busOf(int channel) { return bus[channel]; }

    static OutputRouting parse(List<String> outputs, List<String> routes) {
        List<String> names = new ArrayList<>();
        if (outputs != null) {
            for (String o : outputs) {
                String n = o.strip();
                if (!n.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}"))
                    throw new Errors.BadOption("--outputs: '" + o + "' is not a port name (1-32 letters, digits, '_' or '-')");
                if (names.contains(n)) throw new Errors.BadOption("--outputs: '" + n + "' is given twice");
                names.add(n);
            }
        } else {
            names.add(MAIN);
        }
        int[] bus = new int[16];
        Arrays.fill(bus, 0);
        for (String r : routes == null ? List.<String>of() : routes) {
            int eq = r.indexOf('=');
            String ch = eq < 0 ? "" : r.substring(0, eq).strip(), out = eq < 0 ? "" : r.substring(eq + 1).strip();
            int channel;
            try {
                channel = Integer.parseInt(ch);
            } catch (NumberFormatException e) {
                channel = -1;
            }
            if (channel < 1 || channel > 16 || out.isEmpty())
                throw new Errors.BadOption("--route " + r + ": expected CHANNEL=OUTPUT with CHANNEL 1-16, e.g. --route 10=drums");
            int b = names.indexOf(out);
            if (b < 0) {
                if (outputs != null) throw new Errors.BadOption("--route " + r + ": no output '" + out + "' in --outputs " + String.join(",", names));
                if (!out.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}")) throw new Errors.BadOption("--route " + r + ": '" + out + "' is not a port name");
                names.add(out);
                b = names.size() - 1;
            }
            bus[channel - 1] = b;
        }
        if (names.size() > 16) throw new Errors.BadOption("at most 16 outputs, not " + names.size());
        return new OutputRouting(List.copyOf(names), bus);
    }
}
