package dev.loophole.signal.expression;

import dev.loophole.signal.engine.Instrument;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * MIDI 2.0 channel voice messages (Universal MIDI Packet, message type 4, two 32-bit words) →
 * the same per-note events as {@link MpeDecoder}. Groups are not told apart (one engine is one
 * group). Per note number of each channel it keeps per-note pitch bend (range: the Per-Note Pitch
 * Bend Sensitivity registered controller, bank 0 index 7, default ±48), Pitch 7.25 (registered
 * per-note controller 3), poly pressure as the note's pressure, registered per-note controller 74
 * as its timbre, other registered per-note controllers n as per-note CC n and assignable ones as
 * 256 + n. Channel bend (range RPN 0/0, default ±2), channel pressure and CC 74 combine with every
 * note of the channel, as an MPE manager's do, so a performance renders the same either way.
 *
 * <p>Values sent for a note number before its note-on apply to it. Note-off and Per-Note
 * Management "detach" let the sounding note go (later values are for the next note); "reset"
 * puts the note number's values back to rest. Audio thread: no allocation.
 */
public final class UmpDecoder {
    public static final int PER_NOTE_RANGE = 48, CHANNEL_RANGE = 2;

    private final IntFunction<Instrument> route;
    private final NoteIds ids;
    private final float[][] noteBend = new float[16][128], notePitch = new float[16][128];
    private final float[][] notePressure = new float[16][128], noteTimbre = new float[16][128];
    private final int[][] noteId = new int[16][128];     // the attached sounding note, -1 when none
    private final float[] chanBend = new float[16], chanPressure = new float[16], chanTimbre = new float[16];
    private final int[] chanRange = new int[16], perNoteRange = new int[16];

    public UmpDecoder(IntFunction<Instrument> route, NoteIds ids) {
        this.route = route;
        this.ids = ids;
        for (int[] n : noteId) Arrays.fill(n, -1);
        for (int c = 0; c < 16; c++) resetChannel(c);
    }

    private void resetChannel(int c) {
        chanBend[c] = 0; chanPressure[c] = 0; chanTimbre[c] = NoteExpression.TIMBRE_CENTRE;
        chanRange[c] = CHANNEL_RANGE; perNoteRange[c] = PER_NOTE_RANGE;
        for (int n = 0; n < 128; n++) resetNote(c, n);
    }

    private void resetNote(int c, int n) {
        noteBend[c][n] = 0; notePitch[c][n] = 0; notePressure[c][n] = 0; noteTimbre[c][n] = NoteExpression.TIMBRE_CENTRE;
    }

    /** One UMP of message type 4 ({@code word0}, {@code word1}); other types are ignored. */
    public void accept(int word0, int word1) {
        if (word0 >>> 28 != 4) return;
        int status = (word0 >>> 20) & 0xF, ch = (word0 >>> 16) & 0xF, b3 = (word0 >>> 8) & 0x7F, b4 = word0 & 0xFF;
        Instrument inst = route.apply(ch);
        if (inst == null) return;
        switch (status) {
            case 0x9 -> noteOn(inst, ch, b3, word1 >>> 16);
            case 0x8 -> noteOff(inst, ch, b3, word1 >>> 16);
            case 0x6 -> { noteBend[ch][b3] = MidiScale.bipolar32(word1); emit(inst, ch, b3, NoteExpression.PITCH); }
            case 0xA -> { notePressure[ch][b3] = MidiScale.unipolar32(word1); emit(inst, ch, b3, NoteExpression.PRESSURE); }
            case 0x0 -> registeredPerNote(inst, ch, b3, b4, word1);
            case 0x1 -> { if (noteId[ch][b3] >= 0) inst.noteExpression(ch, noteId[ch][b3], NoteExpression.perNoteCc(NoteExpression.ASSIGNABLE_BASE + b4), MidiScale.unipolar32(word1)); }
            case 0xF -> management(inst, ch, b3, b4);
            case 0xE -> { chanBend[ch] = MidiScale.bipolar32(word1); emitChannel(inst, ch, NoteExpression.PITCH); }
            case 0xD -> { chanPressure[ch] = MidiScale.unipolar32(word1); emitChannel(inst, ch, NoteExpression.PRESSURE); }
            case 0xB -> controlChange(inst, ch, b3, word1);
            case 0x2 -> registered(inst, ch, b3, b4 & 0x7F, word1);
            case 0xC -> inst.programChange(ch, (word1 >>> 24) & 0x7F);
            default -> { } // NRPNs, relative controllers: nothing of ours answers them yet
        }
    }

    private void noteOn(Instrument inst, int ch, int key, int velocity16) {
        if (noteId[ch][key] >= 0) noteOff(inst, ch, key, 0x8000);
        int id = ids.next();
        noteId[ch][key] = id;
        // MIDI 2.0 allows velocity 0 on a note-on; it is still a note, played as softly as we can.
        inst.perNoteOn(ch, id, key, Math.max(1, velocity16));
        for (int d = NoteExpression.PITCH; d <= NoteExpression.TIMBRE; d++) emit(inst, ch, key, d);
    }

    private void noteOff(Instrument inst, int ch, int key, int velocity16) {
        int id = noteId[ch][key];
        if (id < 0) return;
        noteId[ch][key] = -1;
        inst.perNoteOff(ch, id, key, velocity16);
    }

    private void registeredPerNote(Instrument inst, int ch, int key, int index, int data) {
        switch (index) {
            case 3 -> { // Pitch 7.25: the note's absolute pitch, semitones in the top 7 bits
                notePitch[ch][key] = (float) ((data & 0xFFFF_FFFFL) / 33554432.0 - key);
                emit(inst, ch, key, NoteExpression.PITCH);
            }
            case 74 -> { noteTimbre[ch][key] = MidiScale.unipolar32(data); emit(inst, ch, key, NoteExpression.TIMBRE); }
            default -> { if (noteId[ch][key] >= 0) inst.noteExpression(ch, noteId[ch][key], NoteExpression.perNoteCc(index), MidiScale.unipolar32(data)); }
        }
    }

    private void management(Instrument inst, int ch, int key, int flags) {
        if ((flags & 0x02) != 0) noteId[ch][key] = -1; // detach: the sounding note keeps what it has
        if ((flags & 0x01) != 0) {
            resetNote(ch, key);
            for (int d = NoteExpression.PITCH; d <= NoteExpression.TIMBRE; d++) emit(inst, ch, key, d);
        }
    }

    private void controlChange(Instrument inst, int ch, int index, int data) {
        int v7 = data >>> 25;
        if (index == 74) { chanTimbre[ch] = MidiScale.unipolar32(data); emitChannel(inst, ch, NoteExpression.TIMBRE); }
        if (index == 120 || index == 123) for (int k = 0; k < 128; k++) noteOff(inst, ch, k, 0x8000);
        if (index == 121) {
            chanBend[ch] = 0; chanPressure[ch] = 0; chanTimbre[ch] = NoteExpression.TIMBRE_CENTRE;
            for (int d = NoteExpression.PITCH; d <= NoteExpression.TIMBRE; d++) emitChannel(inst, ch, d);
        }
        inst.controlChange(ch, index, v7);
    }

    private void registered(Instrument inst, int ch, int bank, int index, int data) {
        if (bank != 0) return;
        int semis = Math.clamp(data >>> 25, 0, MpeDecoder.MAX_RANGE);
        if (index == 0) chanRange[ch] = semis;
        else if (index == 7) perNoteRange[ch] = semis;
        else return;
        emitChannel(inst, ch, NoteExpression.PITCH);
    }

    private void emit(Instrument inst, int ch, int key, int dimension) {
        int id = noteId[ch][key];
        if (id < 0) return; // kept for the next note of this number
        float v = switch (dimension) {
            case NoteExpression.PITCH -> noteBend[ch][key] * perNoteRange[ch] + chanBend[ch] * chanRange[ch] + notePitch[ch][key];
            case NoteExpression.PRESSURE -> Math.min(1f, notePressure[ch][key] + chanPressure[ch]);
            default -> Math.clamp(noteTimbre[ch][key] + chanTimbre[ch] - NoteExpression.TIMBRE_CENTRE, 0f, 1f);
        };
        inst.noteExpression(ch, id, dimension, v);
    }

    private void emitChannel(Instrument inst, int ch, int dimension) {
        for (int k = 0; k < 128; k++) if (noteId[ch][k] >= 0) emit(inst, ch, k, dimension);
    }

    /** Forgets every note without sending anything (after a panic). */
    public void clearNotes() {
        for (int[] n : noteId) Arrays.fill(n, -1);
    }

    // --- encoders, for tests and for sources that build UMP (a clip, a translator) ---

    public static int word0(int status, int channel, int b3, int b4) {
        return (4 << 28) | ((status & 0xF) << 20) | ((channel & 0xF) << 16) | ((b3 & 0xFF) << 8) | (b4 & 0xFF);
    }
}
