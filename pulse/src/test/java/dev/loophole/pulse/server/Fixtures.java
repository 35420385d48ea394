package dev.loophole.pulse.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Real files for the server tests: sine WAVs and an SFZ that maps them. */
final class Fixtures {
    private Fixtures() {
    }

    /** A mono 16-bit 48 kHz sine of {@code hz} lasting {@code seconds}, at half scale. */
    static Path sine(Path file, double hz, double seconds) throws IOException {
        int frames = (int) (48000 * seconds);
        ByteBuffer b = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) b.putShort((short) Math.round(16383 * Math.sin(2 * Math.PI * hz * i / 48000)));
        AudioFormat f = new AudioFormat(48000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), f, frames)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    /** An SFZ of {@code regions} regions over consecutive keys from 36, all playing one sine, in one group. */
    static Path sfz(Path dir, String name, int regions) throws IOException {
        Path wav = dir.resolve("a440.wav");
        if (!Files.exists(wav)) sine(wav, 440, 0.25);
        StringBuilder s = new StringBuilder("<control> label_key36=Kick label_key38=Snare\n<group> group_label=main\n");
        for (int i = 0; i < regions; i++) {
            int key = 36 + i % 64;
            s.append("<region> sample=a440.wav lokey=").append(key).append(" hikey=").append(key)
                    .append(" pitch_keycenter=69 lovel=").append(1 + i / 64 % 127).append(" hivel=").append(1 + i / 64 % 127).append('\n');
        }
        Path file = dir.resolve(name + ".sfz");
        Files.writeString(file, s);
        return file;
    }

    /** Starts a render job and waits for its end (other notifications on the way are dropped). */
    static dev.loophole.ipc.ProjectNotification.Rendered render(dev.loophole.ipc.IpcClient c, dev.loophole.ipc.ProjectRequest.Render r) {
        String job = c.call(r, dev.loophole.ipc.ProjectRequest.RenderStarted.class).jobId();
        while (true) {
            var done = c.expect(dev.loophole.ipc.ProjectNotification.Rendered.class, 120_000);
            if (done.jobId().equals(job)) return done;
        }
    }
}
