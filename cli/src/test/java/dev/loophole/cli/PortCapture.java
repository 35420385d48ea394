package dev.loophole.cli;

import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.JackDriver;
import dev.loophole.signal.driver.StoppableProcess;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;

/** A second JACK client that records what other clients' output ports carry, from the moment it is connected. */
final class PortCapture implements AutoCloseable {
    private final JackClient client;
    private final JackPort[] in;
    private final float[][] recorded;
    private volatile int frames;
    private volatile boolean stopped;
    private final StoppableProcess process; // its thread ends itself before the client closes (see StoppableProcess)

    private PortCapture(JackClient client, int ports, int maxFrames) throws JackException {
        this.client = client;
        in = new JackPort[ports];
        recorded = new float[ports][maxFrames];
        for (int i = 0; i < ports; i++) in[i] = client.registerPort("in" + i, JackPortType.AUDIO, JackPortFlags.JackPortIsInput);
        process = new StoppableProcess((c, n) -> {
            int at = frames, take = stopped ? 0 : Math.min(n, recorded[0].length - at);
            for (int p = 0; p < in.length && take > 0; p++) in[p].getFloatBuffer().get(recorded[p], at, take);
            frames = at + Math.max(take, 0);
            return true;
        });
        client.setProcessCallback(process);
        client.activate();
    }

    /** Opens a capture client on the server {@code serverName} with {@code ports} inputs of up to {@code maxFrames} each. */
    static PortCapture open(String serverName, int ports, int maxFrames) throws Exception {
        // libjack takes the server from the environment; a driver opened on that server sets it (see JackDriver).
        JackDriver.open(AudioConfig.defaults("capture-probe").withJackServer(serverName).withMidiInputs(null).withConnectOutputs(false)).close();
        JackClient c = Jack.getInstance().openClient("capture", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
        return new PortCapture(c, ports, maxFrames);
    }

    /** Connects the output port {@code source} to input {@code index} as soon as it is registered (within 10 s). */
    void connectWhenThere(String source, int index) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                Jack.getInstance().connect(client, source, in[index].getName());
                return;
            } catch (JackException e) {
                if (System.nanoTime() > deadline) throw new AssertionError("port " + source + " did not appear", e);
                Thread.sleep(5);
            }
        }
    }

    /** Stops recording and returns what each input received. */
    float[][] stop() {
        stopped = true;
        float[][] out = new float[in.length][];
        for (int p = 0; p < in.length; p++) out[p] = Arrays.copyOf(recorded[p], frames);
        return out;
    }

    @Override
    public void close() throws InterruptedException { process.close(client); }
}
