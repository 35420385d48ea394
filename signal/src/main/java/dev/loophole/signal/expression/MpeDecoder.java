package dev.loophole.signal.expression;

import dev.loophole.signal.engine.Instrument;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * MIDI 1.0 channel messages → per-note events, by MPE (RP-053 and MPE 1.1). Sits in front of the
 * instruments: messages on channels no zone uses are left to the ordinary path ({@link #accept}
 * returns false), so a plain MIDI stream plays exactly as before.
 *
 * <p>Zones: the lower zone is managed on channel 1 (index 0) with members 2.. up, the upper on
 * 16 (index 15) with members 15.. down. An MPE Configuration Message (RPN 6 on a manager channel,
 * data entry = member count, 0 = off) sets a zone; it releases the zone's notes, resets the
 * zone's expression and bend ranges (members ±48, manager ±2), and shrinks the other zone if they
 * would overlap. RPN 0 sets the members' range when sent on any member, the manager's on the
 * manager; ranges are clamped to 0..96.
 *
 * <p>A member-channel note plays on the zone's manager channel of the instrument routed there
 * (so pedals, volume and program from the manager apply to it) with an id of its own. Its pitch
 * is member bend × member range + manager bend × manager range; its pressure the member's channel
 * pressure plus the manager's; its timbre the member's CC 74 offset by the manager's distance
 * from 64. Values a member channel holds when the note starts are the note's first values
 * (expression sent before note-on applies); after note-off the note no longer follows its channel.
 *
 * <p>Audio thread: preallocated state, no allocation.
 */
public final class MpeDecoder {
    public static final int LOWER = 0, UPPER = 1;
    public static final int MEMBER_RANGE = 48, MANAGER_RANGE = 2, MAX_RANGE = 96;

    private final IntFunction<Instrument> route;
    private final int[] members = new int[2];
    private final int[] memberRange = {MEMBER_RANGE, MEMBER_RANGE}, managerRange = {MANAGER_RANGE, MANAGER_RANGE};
    private final int[] rpnMsb = new int[16], rpnLsb = new int[16];
    private final float[] bend = new float[16], pressure = new float[16], timbre = new float[16];
    private final int[][] noteId = new int[16][128];   // the sounding note's id, -1 when none
    private final int[] sounding = new int[16];         // notes sounding per member channel
    private final NoteIds ids;

    /** {@code route}: the instrument on a channel (null when none). */
    public MpeDecoder(IntFunction<Instrument> route, NoteIds ids) {
        this.route = route;
        this.ids = ids;
        Arrays.fill(rpnMsb, 127);
        Arrays.fill(rpnLsb, 127);
        for (int[] n : noteId) Arrays.fill(n, -1);
        Arrays.fill(timbre, NoteExpression.TIMBRE_CENTRE);
    }

    public int members(int zone) { return members[zone]; }

    public int memberRange(int zone) { return memberRange[zone]; }

    public int managerRange(int zone) { return managerRange[zone]; }

    /**
     * Control side, before audio runs: a zone the instrument declares, set without touching any
     * instrument (no notes can be sounding yet). Overlap is resolved as an MCM resolves it.
     */
    public void preset(int zone, int memberCount) {
        int n = Math.clamp(memberCount, 0, 15), other = 1 - zone;
        if (n > 0 && n + members[other] >= 15) members[other] = Math.max(0, 14 - n);
        members[zone] = n;
        resetZone(zone);
    }

    /** Sets a zone as an MCM would (0 members turns it off); audio thread. */
    public void configure(int zone, int memberCount) {
        int n = Math.clamp(memberCount, 0, 15);
        releaseZone(zone);
        int other = 1 - zone;
        if (n > 0 && members[other] > 0 && n + members[other] >= 15) {
            releaseZone(other);
            members[other] = Math.max(0, 14 - n);
            resetZone(other);
        }
        members[zone] = n;
        resetZone(zone);
        // Channels that became members may hold ordinary notes from before: end them, nothing sticks.
        for (int c = 0; c < 16; c++) {
            if (memberZone(c) != zone) continue;
            Instrument inst = route.apply(c);
            if (inst != null) inst.controlChange(c, 123, 0);
        }
    }

    /**
     * Takes one channel message; false when it is not MPE's (no zone uses the channel, or a manager
     * message that also acts on the channel as usual): the caller then dispatches it as ordinary MIDI.
     */
    public boolean accept(int status, int d1, int d2) {
        int ch = status & 0x0F, cmd = status & 0xF0;
        if (cmd == 0xB0 && rpn(ch, d1, d2)) return true;
        int z = memberZone(ch);
        if (z >= 0) { member(z, ch, cmd, d1, d2); return true; }
        z = managerZone(ch);
        return z >= 0 && manager(z, ch, cmd, d1, d2);
    }

    /** Zone whose member {@code ch} is, or -1. */
    public int memberZone(int ch) {
        if (members[LOWER] > 0 && ch >= 1 && ch <= members[LOWER]) return LOWER;
        if (members[UPPER] > 0 && ch <= 14 && ch >= 15 - members[UPPER]) return UPPER;
        return -1;
    }

    private int managerZone(int ch) {
        if (ch == 0 && members[LOWER] > 0) return LOWER;
        if (ch == 15 && members[UPPER] > 0) return UPPER;
        return -1;
    }

    private static int manager(int zone) { return zone == LOWER ? 0 : 15; }

    /** RPN selection and data entry; true when the message was an MCM or an MPE bend range and is used up. */
    private boolean rpn(int ch, int cc, int value) {
        switch (cc) {
            case 101 -> rpnMsb[ch] = value;
            case 100 -> rpnLsb[ch] = value;
            case 6 -> {
                if (rpnMsb[ch] != 0) return false;
                if (rpnLsb[ch] == 6 && (ch == 0 || ch == 15)) {
                    configure(ch == 0 ? LOWER : UPPER, value);
                    return true;
                }
                if (rpnLsb[ch] == 0) {
                    int z = memberZone(ch);
                    if (z >= 0) memberRange[z] = Math.clamp(value, 0, MAX_RANGE);
                    else if ((z = managerZone(ch)) >= 0) managerRange[z] = Math.clamp(value, 0, MAX_RANGE);
                    else return false;
                    refreshZone(z, NoteExpression.PITCH);
                    return true;
                }
                return false;
            }
            default -> { return false; }
        }
        return memberZone(ch) >= 0; // selections on members are MPE's; elsewhere they also pass on
    }

    private void member(int z, int ch, int cmd, int d1, int d2) {
        switch (cmd) {
            case 0x90 -> { if (d2 == 0) noteOff(z, ch, d1, 64); else noteOn(z, ch, d1, d2); }
            case 0x80 -> noteOff(z, ch, d1, d2);
            case 0xE0 -> { bend[ch] = MidiScale.bipolar14((d2 << 7) | d1); refreshChannel(z, ch, NoteExpression.PITCH); }
            case 0xD0 -> { pressure[ch] = MidiScale.unipolar7(d1); refreshChannel(z, ch, NoteExpression.PRESSURE); }
            case 0xB0 -> {
                switch (d1) {
                    case 74 -> { timbre[ch] = MidiScale.unipolar7(d2); refreshChannel(z, ch, NoteExpression.TIMBRE); }
                    case 120, 123 -> releaseChannel(z, ch);
                    case 121 -> {
                        bend[ch] = 0; pressure[ch] = 0; timbre[ch] = NoteExpression.TIMBRE_CENTRE;
                        refreshChannel(z, ch, NoteExpression.PITCH);
                        refreshChannel(z, ch, NoteExpression.PRESSURE);
                        refreshChannel(z, ch, NoteExpression.TIMBRE);
                    }
                    case 38 -> { } // data entry LSB: MPE ranges are whole semitones
                    default -> perNoteCc(z, ch, d1, MidiScale.unipolar7(d2));
                }
            }
            default -> { } // poly pressure and program change on members mean nothing in MPE
        }
    }

    /** Manager messages: bend and pressure act on every note of the zone; CC 74 and resets also pass on. */
    private boolean manager(int z, int ch, int cmd, int d1, int d2) {
        switch (cmd) {
            case 0xE0 -> { bend[ch] = MidiScale.bipolar14((d2 << 7) | d1); refreshZone(z, NoteExpression.PITCH); return true; }
            case 0xD0 -> { pressure[ch] = MidiScale.unipolar7(d1); refreshZone(z, NoteExpression.PRESSURE); return true; }
            case 0xB0 -> {
                if (d1 == 74) { timbre[ch] = MidiScale.unipolar7(d2); refreshZone(z, NoteExpression.TIMBRE); }
                else if (d1 == 120 || d1 == 123) releaseZone(z);
                else if (d1 == 121) {
                    bend[ch] = 0; pressure[ch] = 0; timbre[ch] = NoteExpression.TIMBRE_CENTRE;
                    refreshZone(z, NoteExpression.PITCH);
                    refreshZone(z, NoteExpression.PRESSURE);
                    refreshZone(z, NoteExpression.TIMBRE);
                }
                return false;
            }
            default -> { return false; }
        }
    }

    private void noteOn(int z, int ch, int key, int velocity) {
        if (noteId[ch][key] >= 0) noteOff(z, ch, key, 64); // a repeated note-on ends the first
        int mgr = manager(z);
        Instrument inst = route.apply(mgr);
        if (inst == null) return;
        int id = ids.next();
        noteId[ch][key] = id;
        sounding[ch]++;
        inst.perNoteOn(mgr, id, key, MidiScale.velocity16(velocity));
        for (int d = NoteExpression.PITCH; d <= NoteExpression.TIMBRE; d++) emit(inst, z, ch, id, d);
    }

    private void noteOff(int z, int ch, int key, int velocity) {
        int id = noteId[ch][key];
        if (id < 0) return; // never started: nothing to end
        noteId[ch][key] = -1;
        sounding[ch]--;
        int mgr = manager(z);
        Instrument inst = route.apply(mgr);
        if (inst != null) inst.perNoteOff(mgr, id, key, MidiScale.velocity16(velocity));
    }

    private void emit(Instrument inst, int z, int ch, int id, int dimension) {
        int mgr = manager(z);
        float v = switch (dimension) {
            case NoteExpression.PITCH -> bend[ch] * memberRange[z] + bend[mgr] * managerRange[z];
            case NoteExpression.PRESSURE -> Math.min(1f, pressure[ch] + pressure[mgr]);
            default -> Math.clamp(timbre[ch] + timbre[mgr] - NoteExpression.TIMBRE_CENTRE, 0f, 1f);
        };
        inst.noteExpression(mgr, id, dimension, v);
    }

    private void refreshChannel(int z, int ch, int dimension) {
        if (sounding[ch] == 0) return;
        Instrument inst = route.apply(manager(z));
        if (inst == null) return;
        int[] ids = noteId[ch];
        for (int k = 0; k < 128; k++) if (ids[k] >= 0) emit(inst, z, ch, ids[k], dimension);
    }

    private void refreshZone(int z, int dimension) {
        for (int c = 1; c < 15; c++) if (memberZone(c) == z) refreshChannel(z, c, dimension);
    }

    private void perNoteCc(int z, int ch, int cc, float value) {
        if (sounding[ch] == 0) return;
        int mgr = manager(z);
        Instrument inst = route.apply(mgr);
        if (inst == null) return;
        int[] ids = noteId[ch];
        for (int k = 0; k < 128; k++) if (ids[k] >= 0) inst.noteExpression(mgr, ids[k], NoteExpression.perNoteCc(cc), value);
    }

    private void releaseChannel(int z, int ch) {
        if (sounding[ch] == 0) return;
        for (int k = 0; k < 128; k++) if (noteId[ch][k] >= 0) noteOff(z, ch, k, 64);
    }

    private void releaseZone(int z) {
        for (int c = 1; c < 15; c++) if (memberZone(c) == z) releaseChannel(z, c);
    }

    /** Back to rest: the zone's ranges, and the expression of its manager and members. */
    private void resetZone(int z) {
        memberRange[z] = MEMBER_RANGE;
        managerRange[z] = MANAGER_RANGE;
        int mgr = manager(z);
        bend[mgr] = 0; pressure[mgr] = 0; timbre[mgr] = NoteExpression.TIMBRE_CENTRE;
        for (int c = 1; c < 15; c++) {
            if (memberZone(c) != z) continue;
            bend[c] = 0; pressure[c] = 0; timbre[c] = NoteExpression.TIMBRE_CENTRE;
        }
    }

    /** Forgets every note without sending anything: the instruments were silenced already (panic). */
    public void clearNotes() {
        for (int[] n : noteId) Arrays.fill(n, -1);
        Arrays.fill(sounding, 0);
    }
}
