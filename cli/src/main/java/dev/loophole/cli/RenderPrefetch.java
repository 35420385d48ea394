package dev.loophole.cli;

import dev.loophole.formats.FilePrefetch;
import dev.loophole.formats.InstrumentFiles;
import dev.loophole.formats.InstrumentPrefetch;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.sf2.Sf2Catalog;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.media.TakeOnce;
import dev.loophole.model.midi.MidiSong;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;

/**
 * Starts reading a {@code render}'s files on the second core before picocli builds the command (≈ 0.1 s of class
 * loading on the main thread): its {@code --midi} song ({@link #song}), each one-program instrument
 * ({@link InstrumentPrefetch}) and each SoundFont with the presets the song reaches ({@link #bank}). The render takes
 * each once, only while its files are unchanged ({@link FilePrefetch}); a failure is thrown where reading the file
 * there would have thrown it. Only reads the raw arguments; a command line picocli later refuses has started daemon
 * threads and nothing else. Names no picocli type (see {@link FastPath}).
 */
final class RenderPrefetch {
    /** A SoundFont opened ahead, with the presets {@code song} reaches built on it (or what building them threw). */
    record Bank(Sf2Catalog catalog, MidiSong song, FutureTask<SongPresets.Reached> reached) {}

    private static final TakeOnce<FilePrefetch<MidiSong>> SONGS = new TakeOnce<>();
    private static final TakeOnce<FilePrefetch<Bank>> BANKS = new TakeOnce<>();

    private RenderPrefetch() {}

    static void start(String[] args) {
        try {
            startReading(args);
        } catch (RuntimeException e) {
            // Reading ahead never fails a command line (`--instrument /` has no file name): the render says what is wrong.
        }
    }

    private static void startReading(String[] args) {
        if (args.length < 2 || !args[0].equals("render")) return;
        Path midi = null;
        List<Path> instruments = new ArrayList<>();
        boolean strict = false; // a strict render opens every sample in full: it would never take a header read ahead
        for (int i = 1; i < args.length; i++) {
            strict |= args[i].startsWith("--strict");
            String instrument = value(args, i, "--instrument"), song = value(args, i, "--midi");
            if (instrument == null && song == null) continue;
            if (!args[i].contains("=")) i++;
            try {
                if (song != null) midi = Path.of(song);
                else instruments.add(Path.of(instrument.substring(InstrumentSpec.channelEnd(instrument) + 1))); // [CH=]FILE
            } catch (InvalidPathException e) {
                // picocli says so when it converts the option
            }
        }
        FilePrefetch<MidiSong> song = null;
        if (midi != null) {
            Path m = midi;
            song = FilePrefetch.start("loophole-prefetch-song", List.of(m), () -> SmfReader.read(m), null);
            if (song != null) SONGS.replace(m, song); // this command line's song: one left by an earlier line is stale
        }
        java.util.Set<Path> banks = new java.util.HashSet<>();
        for (Path file : instruments) {
            if (!InstrumentFiles.isSoundFont(file)) InstrumentPrefetch.start(file, !strict);
            else if (song != null && banks.add(TakeOnce.key(file))) startBank(file, song); // each bank once, on this line's song
        }
    }

    /** {@code name}'s value when {@code args[i]} is {@code name VALUE} or {@code name=VALUE}, else null. */
    private static String value(String[] args, int i, String name) {
        return args[i].startsWith(name + "=") ? args[i].substring(name.length() + 1)
                : args[i].equals(name) && i + 1 < args.length ? args[i + 1] : null;
    }

    private static void startBank(Path file, FilePrefetch<MidiSong> song) {
        FilePrefetch<Bank> bank = FilePrefetch.start("loophole-prefetch-bank", List.of(file), () -> {
            Sf2Catalog catalog = Sf2Importer.open(file);
            MidiSong s;
            try {
                s = song.await();
            } catch (IOException | RuntimeException e) {
                return new Bank(catalog, null, null); // the render stops at the song
            }
            // SongPresets' rule, as the render applies it (OfflineInstruments.bank); a failure is kept for that point
            FutureTask<SongPresets.Reached> reached = new FutureTask<>(() -> SongPresets.reach(catalog, s));
            reached.run();
            return new Bank(catalog, s, reached);
        }, null);
        if (bank != null) BANKS.replace(file, bank);
    }

    /** The song read ahead from {@code midi} (else read now), taken once; a failure as {@link SmfReader#read} throws it. */
    static MidiSong song(Path midi) throws IOException {
        FilePrefetch<MidiSong> ahead = SONGS.take(midi);
        MidiSong song = ahead == null ? null : ahead.take();
        return song != null ? song : SmfReader.read(midi);
    }

    /**
     * The SoundFont opened ahead for {@code file}, when its presets were chosen for this very {@code song} (the one
     * {@link #song} gave), taken once; null otherwise (the caller opens it: a catalog whose presets were built for
     * another song has their warnings already). A failure to open it is thrown as {@link Sf2Importer#open} throws it.
     */
    static Bank bank(Path file, MidiSong song) throws IOException {
        FilePrefetch<Bank> ahead = BANKS.take(file);
        Bank bank = ahead == null ? null : ahead.take();
        return bank != null && bank.song() == song ? bank : null;
    }

    /** Whether a song or bank read ahead for {@code file} is waiting to be taken (tests). */
    static boolean waiting(Path file) { return SONGS.waiting(file) || BANKS.waiting(file); }
}
