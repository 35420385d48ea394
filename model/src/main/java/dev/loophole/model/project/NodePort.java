package dev.loophole.model.project;

/** One end of an audio connection: a node and one of its ports. */
public record NodePort(String nodeId, String port) {
    public NodePort {
        Ids.require(nodeId, "connection node");
        Ids.require(port, "connection port");
    }

    @Override
    public String toString() { return nodeId + "." + port; }
}
