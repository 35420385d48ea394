package dev.loophole.signal.graph;

/** A graph description that cannot run, with what was wrong and what was expected. */
public final class GraphException extends IllegalArgumentException {
    public GraphException(String message) { super(message); }
}
