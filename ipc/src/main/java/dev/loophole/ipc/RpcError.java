package dev.loophole.ipc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON-RPC error object. The standard codes, then ours in the range JSON-RPC leaves to servers
 * (-32000..-32099). The message names what was wrong; {@code data} may say where ({@code {"at": "params.x"}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RpcError(int code, @Size(max = 8192) String message, @Opt JsonNode data) {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** An id in the params names nothing that exists (program, region, track…). */
    public static final int NOT_FOUND = -32001;
    /** The connection sent more messages per second than the server takes; nothing was applied. */
    public static final int RATE_LIMITED = -32002;
    /** The message is larger than the server takes. */
    public static final int TOO_LARGE = -32003;
    /** The request is well formed but cannot be done now (nothing to undo, a file that cannot be read). */
    public static final int REJECTED = -32004;
    /** A method of the protocol this server does not serve (yet). */
    public static final int NOT_SERVED = -32005;

    public RpcError(int code, String message) {
        this(code, message, null);
    }

    /** Thrown by handlers: becomes the error response of the request, nothing having been applied. */
    public static final class Failure extends RuntimeException {
        private final transient RpcError error;

        public Failure(int code, String message) {
            super(message, null, false, false);
            this.error = new RpcError(code, message);
        }

        public RpcError error() {
            return error;
        }
    }

    public static Failure notFound(String what) {
        return new Failure(NOT_FOUND, what);
    }

    public static Failure invalid(String what) {
        return new Failure(INVALID_PARAMS, what);
    }

    public static Failure rejected(String what) {
        return new Failure(REJECTED, what);
    }
}
