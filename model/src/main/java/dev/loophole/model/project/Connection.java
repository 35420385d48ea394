package dev.loophole.model.project;

/** An audio connection from a node's output port to a node's input port; several into one input are summed. */
public record Connection(NodePort from, NodePort to) {
    public Connection {
        if (from == null || to == null) throw new IllegalArgumentException("connection without both ends");
    }

    public static Connection of(String fromNode, String fromPort, String toNode, String toPort) {
        return new Connection(new NodePort(fromNode, fromPort), new NodePort(toNode, toPort));
    }

    public boolean touches(String nodeId) { return from.nodeId().equals(nodeId) || to.nodeId().equals(nodeId); }

    @Override
    public String toString() { return from + " → " + to; }
}
