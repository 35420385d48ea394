package dev.loophole.ipc;

/** What Pulse tells clients without being asked: the params of a JSON-RPC notification. */
public sealed interface Notification permits InstrumentNotification, SamplerNotification, ProjectNotification,
        SignalNotification {
}
