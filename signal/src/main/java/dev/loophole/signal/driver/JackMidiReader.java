package dev.loophole.signal.driver;

import com.sun.jna.Pointer;
import dev.loophole.signal.engine.EventBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jaudiolibs.jnajack.JackPort;

/**
 * Reads a JACK MIDI port's events of the current cycle without allocating. JNAJack's
 * {@code JackMidi.eventGet} reads a JNA Structure per event (measured: ~5 KB of garbage per event
 * on the audio thread), so the two libjack calls are made through java.lang.foreign instead, with
 * pointers passed as 64-bit integers (the same registers on the LP64 ABIs JACK runs on) and
 * memory read through one preallocated segment.
 */
final class JackMidiReader {
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private final MethodHandle count, get;
    private final VarHandle portBuffer; // JackPort.bufferPtr: JNAJack refreshes it before each process callback
    private final MemorySegment event = Arena.global().allocate(24, 8); // jack_midi_event_t {uint32 time; size_t size; uint8* buffer}
    private final long eventAddress = event.address();

    JackMidiReader() {
        try {
            SymbolLookup jack = SymbolLookup.libraryLookup("libjack.so.0", Arena.global());
            Linker linker = Linker.nativeLinker();
            count = linker.downcallHandle(jack.find("jack_midi_get_event_count").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), Linker.Option.critical(false));
            get = linker.downcallHandle(jack.find("jack_midi_event_get").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                    Linker.Option.critical(false));
            portBuffer = MethodHandles.privateLookupIn(JackPort.class, MethodHandles.lookup()).findVarHandle(JackPort.class, "bufferPtr", Pointer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AudioUnavailableException("JACK MIDI input is not available: " + e, e);
        }
        warmUp();
    }

    /** Audio thread: adds this cycle's channel messages of {@code port} to {@code out} at their frame offsets. */
    void read(JackPort port, int nframes, EventBuffer out) {
        Pointer p = (Pointer) portBuffer.get(port);
        if (p == null) return;
        long buffer = Pointer.nativeValue(p);
        try {
            int n = (int) count.invokeExact(buffer);
            // i == n asks for an event that is not there (libjack answers ENODATA): it keeps this call site
            // hot, so the first real events after a quiet spell do not run it interpreted (which allocates).
            for (int i = 0; i <= n; i++) {
                if ((int) get.invokeExact(eventAddress, buffer, i) == 0) parse(nframes, out);
            }
        } catch (Throwable t) {
            // A cycle without MIDI is better than an exception escaping into JACK's thread.
        }
    }

    /** The event in {@link #event} → {@code out}; sysex and one-byte realtime messages are not for instruments. */
    private void parse(int nframes, EventBuffer out) {
        long size = event.get(ValueLayout.JAVA_LONG, 8);
        if (size < 2 || size > 3) return;
        long data = event.get(ValueLayout.JAVA_LONG, 16);
        int status = ALL.get(ValueLayout.JAVA_BYTE, data) & 0xFF;
        if (status < 0x80 || status >= 0xF0) return;
        int time = Math.min(Math.max(event.get(ValueLayout.JAVA_INT, 0), 0), nframes - 1);
        out.add(time, status, ALL.get(ValueLayout.JAVA_BYTE, data + 1) & 0x7F, size == 3 ? ALL.get(ValueLayout.JAVA_BYTE, data + 2) & 0x7F : 0);
    }

    /**
     * Runs {@link #parse} on a made-up note until the JIT has compiled it: live MIDI is sparse, and
     * interpreted memory access allocates (measured: ~1.3 KB per event for the first few dozen).
     */
    private void warmUp() {
        MemorySegment note = Arena.global().allocate(3);
        note.set(ValueLayout.JAVA_BYTE, 0, (byte) 0x90);
        note.set(ValueLayout.JAVA_BYTE, 1, (byte) 60);
        note.set(ValueLayout.JAVA_BYTE, 2, (byte) 100);
        event.set(ValueLayout.JAVA_INT, 0, 7);
        event.set(ValueLayout.JAVA_LONG, 8, 3);
        event.set(ValueLayout.JAVA_LONG, 16, note.address());
        EventBuffer scratch = new EventBuffer(1);
        for (int i = 0; i < 30_000; i++) {
            scratch.clear();
            parse(256, scratch);
        }
        event.fill((byte) 0);
    }
}
