package dev.loophole.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar in seconds of audio on the terminal's standard error. Only made when a terminal is there. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final int rate;

    Progress(int rate) {
        this.rate = rate;
        this.bar = new ProgressBarBuilder().setTaskName("Rendering").setStyle(ProgressBarStyle.ASCII)
                .setUnit(" s", 1).setInitialMax(1).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    void update(long frames, long expected) {
        bar.maxHint(expected / rate);
        bar.stepTo(frames / rate);
    }

    /** Whether standard output and error go to a terminal (a pipe or a file gets no bar). */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void close() { bar.close(); }
}
