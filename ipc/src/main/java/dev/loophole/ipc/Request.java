package dev.loophole.ipc;

/**
 * What a client asks of Pulse: the params of a JSON-RPC request, one record per method, grouped
 * by area. Each record carries its method name and result type in {@link Rpc}.
 */
public sealed interface Request permits SessionRequest, ProjectRequest, InstrumentRequest, SamplerRequest,
        EditRequest, TransportRequest, HistoryRequest, AuditionRequest, MediaRequest {
}
