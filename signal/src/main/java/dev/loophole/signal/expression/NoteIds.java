package dev.loophole.signal.expression;

/**
 * Hands out note ids, shared by the decoders of one engine so ids never collide between MPE and
 * MIDI 2.0 notes. Ids wrap after 2^30 notes; by then the note that had an id is long gone.
 */
public final class NoteIds {
    private int next;

    public int next() {
        int id = next;
        next = (next + 1) & 0x3FFF_FFFF;
        return id;
    }
}
