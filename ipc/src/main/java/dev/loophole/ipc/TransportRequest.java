package dev.loophole.ipc;

/** The transport: play, stop, move the playhead, set the tempo. Every client gets {@code transport.state}. */
public sealed interface TransportRequest extends Request {

    @Rpc(value = "transport.play", result = ProjectNotification.TransportState.class, doc = "Starts playing, from fromBeat when given.")
    record Play(@Opt @Range(min = 0, max = 1e7) Double fromBeat) implements TransportRequest {
    }

    @Rpc(value = "transport.stop", result = ProjectNotification.TransportState.class, doc = "Stops playing; held notes are released.")
    record Stop() implements TransportRequest {
    }

    @Rpc(value = "transport.locate", result = ProjectNotification.TransportState.class, doc = "Moves the playhead.")
    record Locate(@Range(min = 0, max = 1e7) double beat) implements TransportRequest {
    }

    @Rpc(value = "transport.setTempo", result = ProjectNotification.TransportState.class, doc = "Sets the tempo in beats per minute.")
    record SetTempo(@Range(min = 10, max = 999) double bpm) implements TransportRequest {
    }
}
