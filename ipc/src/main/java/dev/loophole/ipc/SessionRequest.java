package dev.loophole.ipc;

import java.util.List;

/** The handshake, as LSP's {@code initialize}: the client says who it is, the server what it speaks. */
public sealed interface SessionRequest extends Request {

    @Rpc(value = "initialize", result = ServerInfo.class,
            doc = "Starts a session: the client names itself, the server answers with its methods, notifications and limits.")
    record Initialize(@Opt @Size(max = 256) String clientName,
                      @Opt @Range(min = 1, max = 1000) Integer protocolVersion) implements SessionRequest {
    }

    @Rpc(value = "signal.subscribe",
            doc = "Asks for throttled voice and level summaries (signal.voices, signal.levels) at most every intervalMs; 0 stops them.")
    record Subscribe(boolean voices, boolean levels,
                     @Range(min = 0, max = 60000) int intervalMs) implements SessionRequest {
    }

    /** The answer to {@code initialize}. */
    record ServerInfo(@Size(max = 256) String serverName,
                      @Size(max = 256) String version,
                      @Range(min = 1, max = 1000) int protocolVersion,
                      @Size(max = 1000) List<String> methods,
                      @Size(max = 1000) List<String> notifications,
                      Limits limits,
                      ProjectInfo project) {
    }
}
