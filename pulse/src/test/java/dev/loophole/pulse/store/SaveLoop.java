package dev.loophole.pulse.store;

import dev.loophole.model.project.Project;
import java.nio.file.Path;

/**
 * The child process of {@link KillDuringSaveTest}: saves two projects in turn into one file, forever,
 * announcing each save on stdout, until it is killed.
 */
public final class SaveLoop {
    private SaveLoop() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Project a = ProjectJson.read(Path.of(args[1]));
        Project b = ProjectJson.read(Path.of(args[2]));
        // Warm up on a scratch file first, so the kills land in saves running at full speed.
        ProjectStore scratch = new ProjectStore(Path.of(args[3]));
        for (int i = 0; i < 6; i++) scratch.write(i % 2 == 0 ? a : b);
        ProjectStore store = new ProjectStore(file);
        store.read();
        System.out.println("ready");
        System.out.flush();
        for (long n = 0; ; n++) {
            store.write(n % 2 == 0 ? b : a);
            System.out.println("saved " + n);
            System.out.flush();
        }
    }
}
