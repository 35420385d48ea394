package dev.loophole.signal.engine;

/**
 * An instrument that records its block (events and the segments between them) and renders it at the block's end,
 * in independent parts, each into scratch of its own; {@link #endBlock} then mixes the parts into the block's
 * outputs in a fixed order. Who renders a part never changes what it writes, so an {@link Engine} with
 * {@link Engine#workers workers} may hand the parts of all its renderers to several threads (an offline render)
 * and get the same bits as one thread. A {@link ProgramBank} (one part per program) and a {@link RecordedInstrument}
 * (one part: the instrument it wraps) are such instruments.
 */
public interface DeferredRender extends Instrument {
    /** Parts a block renders in, fixed for the instrument's life. */
    int parts();

    /**
     * Render thread, after the block's last render and before {@link #endBlock}: whether this block has parts to
     * render. True hands them over: the caller renders every part {@code 0..parts()-1} once ({@link #renderPart}),
     * then calls {@link #endBlock}, which only mixes. Unless taken, {@link #endBlock} renders them itself.
     */
    boolean takeParts();

    /** Part {@code i} of the block taken: any thread; parts of one instrument share nothing they write. */
    void renderPart(int i);

    /**
     * Render thread, after {@link #endBlock}: the voices sounding right after this block's render segment that ended on
     * frame {@code frame} (the block's offset), before any event on that frame — what a block ending there would count.
     */
    int voicesAfter(int frame);
}
