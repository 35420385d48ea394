package dev.loophole.signal.conformance;

import dev.loophole.model.midi.MidiEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One conformance case, read from a {@code .case} file that sits next to its {@code .sfz}.
 *
 * <pre>
 * # comment (also after any line)
 * rule    the SFZ rule in words, shown as the test's name
 * sfz     other.sfz          optional: the instrument, when it is not &lt;case name&gt;.sfz
 * skip    engine: …          optional: what the engine lacks; the case is reported as skipped
 * seed    7                  optional: the instrument's random seed (default 1)
 * tail    48000              optional: frames rendered after the last event (default 48000)
 * events                     one per line: frame kind args [chN]   (channels 1..16, default 1)
 *   0     on 60 100          note-on key velocity
 *   500   off 60             note-off key
 *   600   cc 64 127          control change
 *   700   bend -8192         pitch bend, signed (-8192..8191)
 *   800   chanaft 50         channel aftertouch
 *   800   polyaft 60 50      polyphonic aftertouch key value
 *   900   prog 5             program change (0-based, as sent on the wire)
 * expect                     every voice that must start — and no other — as label key start [stop]
 *                            (a case without an expect block checks only its levels)
 *   hit   60  0              stop omitted or *: not checked
 *   hit   60  0  548..600    stopped (freed) within the range, inclusive
 *   pad   *   0  -           key not checked; still sounding when the render ends
 *   rel   60  0  *  vel=90   optional vel=N: the velocity the voice started with
 * levels                     left-channel output at a frame: frame value [tolerance, default 0.001]
 *   10    ramp(1010)         ramp(i) is frame i of ramp.wav (see {@link ConformanceHarness})
 * </pre>
 */
record ConformanceCase(String name, String rule, String sfz, String skip, long seed, long tail,
                       List<MidiEvent> events, List<Voice> expected, List<Level> levels) {

    /** A voice the case expects. {@code key} -1 = any; {@code stopLo} -1 = unchecked; {@code stopHi} MAX = never stops. */
    record Voice(String label, int key, long start, long stopLo, long stopHi, int velocity) {
        static final long UNCHECKED = -1, SOUNDING = Long.MAX_VALUE;

        String describe() {
            String k = key < 0 ? "*" : Integer.toString(key);
            String stop = stopLo == UNCHECKED ? "" : stopLo == SOUNDING ? " -" : stopLo == stopHi ? " " + stopLo : " " + stopLo + ".." + stopHi;
            return label + " " + k + " " + start + stop + (velocity < 0 ? "" : " vel=" + velocity);
        }
    }

    record Level(long frame, double value, double tolerance) {}

    static ConformanceCase read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.case$", "");
        String rule = name, sfz = name + ".sfz", skip = null;
        long seed = 1, tail = 48_000;
        List<MidiEvent> events = new ArrayList<>();
        List<Voice> expected = null;
        List<Level> levels = new ArrayList<>();
        String block = "";
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) continue;
            String[] w = line.split("\\s+");
            String where = file.getFileName() + ":" + lineNo + ": ";
            try {
                switch (w[0]) {
                    case "rule" -> rule = line.substring(4).strip();
                    case "sfz" -> sfz = w[1];
                    case "skip" -> skip = line.substring(4).strip();
                    case "seed" -> seed = Long.parseLong(w[1]);
                    case "tail" -> tail = Long.parseLong(w[1]);
                    case "events", "levels" -> block = w[0];
                    case "expect" -> { block = w[0]; if (expected == null) expected = new ArrayList<>(); }
                    default -> {
                        switch (block) {
                            case "events" -> events.add(event(w, events.size()));
                            case "expect" -> expected.add(voice(w));
                            case "levels" -> levels.add(new Level(Long.parseLong(w[0]), value(w[1]),
                                    w.length > 2 ? Double.parseDouble(w[2]) : 0.001));
                            default -> throw new IllegalArgumentException("a line outside events/expect/levels");
                        }
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(where + e.getMessage() + " in '" + raw.strip() + "'", e);
            }
        }
        return new ConformanceCase(name, rule, sfz, skip, seed, tail, events, expected, levels);
    }

    private static MidiEvent event(String[] w, int order) {
        long frame = Long.parseLong(w[0]);
        int channel = 0;
        List<Integer> args = new ArrayList<>();
        for (int i = 2; i < w.length; i++) {
            if (w[i].startsWith("ch")) channel = Integer.parseInt(w[i].substring(2)) - 1;
            else args.add(Integer.parseInt(w[i]));
        }
        if (channel < 0 || channel > 15) throw new IllegalArgumentException("channel outside 1..16");
        int d1 = args.isEmpty() ? 0 : args.get(0), d2 = args.size() > 1 ? args.get(1) : 0;
        int status;
        switch (w[1]) {
            case "on" -> status = 0x90;
            case "off" -> { status = 0x80; if (args.size() < 2) d2 = 64; }
            case "cc" -> status = 0xB0;
            case "bend" -> { status = 0xE0; int v = d1 + 8192; d1 = v & 0x7F; d2 = v >> 7; }
            case "chanaft" -> status = 0xD0;
            case "polyaft" -> status = 0xA0;
            case "prog" -> status = 0xC0;
            default -> throw new IllegalArgumentException("unknown event kind " + w[1]);
        }
        return new MidiEvent(frame, status | channel, d1, d2, 0, order);
    }

    private static Voice voice(String[] all) {
        int velocity = -1;
        List<String> words = new ArrayList<>();
        for (String x : all) {
            if (x.startsWith("vel=")) velocity = Integer.parseInt(x.substring(4));
            else words.add(x);
        }
        String[] w = words.toArray(String[]::new);
        int key = w[1].equals("*") ? -1 : Integer.parseInt(w[1]);
        long start = Long.parseLong(w[2]);
        long lo = Voice.UNCHECKED, hi = Voice.UNCHECKED;
        if (w.length > 3 && !w[3].equals("*")) {
            if (w[3].equals("-")) { lo = Voice.SOUNDING; hi = Voice.SOUNDING; }
            else if (w[3].contains("..")) {
                String[] r = w[3].split("\\.\\.");
                lo = Long.parseLong(r[0]); hi = Long.parseLong(r[1]);
            } else { lo = Long.parseLong(w[3]); hi = lo; }
        }
        return new Voice(w[0], key, start, lo, hi, velocity);
    }

    private static double value(String s) {
        if (s.startsWith("ramp(") && s.endsWith(")"))
            return ConformanceHarness.ramp(Integer.parseInt(s.substring(5, s.length() - 1)));
        return Double.parseDouble(s);
    }
}
