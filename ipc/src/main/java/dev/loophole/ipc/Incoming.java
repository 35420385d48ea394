package dev.loophole.ipc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One text frame from a client, decoded: a single message, a batch, or something that is not JSON-RPC at all. */
public sealed interface Incoming {

    /** One message of a frame (alone or in a batch). */
    sealed interface Item {
        /** The request's id; null for a notification or when none could be read. */
        JsonNode id();
    }

    /** A well-formed request (with id) or client notification (without id), its params decoded. */
    record Call(JsonNode id, Protocol.Method method, Request params) implements Item {
        public boolean expectsResponse() {
            return id != null;
        }
    }

    /** A message that failed: answered with this error (unless it was a notification, which gets no answer). */
    record Bad(JsonNode id, RpcError error, boolean notification) implements Item {
    }

    record Single(Item item) implements Incoming {
    }

    record Batch(List<Item> items) implements Incoming {
    }

    /** The frame as a whole is wrong (not JSON, an empty batch, a batch too long): one error, id null. */
    record Invalid(RpcError error) implements Incoming {
    }
}
