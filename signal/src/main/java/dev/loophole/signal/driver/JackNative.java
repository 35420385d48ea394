package dev.loophole.signal.driver;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import dev.loophole.signal.engine.EventBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackPort;

/**
 * The per-cycle half of the JACK binding, through java.lang.foreign: JNAJack opens the client,
 * registers ports, connects and reports xruns/shutdown, but its process dispatch allocates JNA
 * objects every cycle (3 Pointers, ~72 bytes) and its {@code JackMidi.eventGet} ~5 KB per event.
 * Here the process callback is an FFM upcall and the buffer/MIDI calls are downcalls, all with
 * pointers passed as 64-bit integers (the same registers on the LP64 ABIs JACK runs on) and
 * memory read and written through one segment spanning the address space, so a cycle allocates nothing.
 */
final class JackNative {
    /** Receives JACK's process callback on its real-time thread. Must not throw. */
    interface Process { int process(int nframes, long arg); }

    static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    private final MethodHandle midiCount, midiGet, portBuffer, lastFrameTime, setProcess, setXrun, onShutdown, setFreewheel;
    private final MethodHandle threadSelf, threadTryJoin, kernelTid; // libc (glibc); tryJoin and gettid null where there are none
    /**
     * JACK2 and glibc, and not turned off with -Dloophole.jack.reap=false (how the other path is tested). JACK2
     * (version "1.9.x"): a process callback answering non-zero ends its thread in JackClient::End with pthread_exit,
     * after which the thread may be reaped. JACK1 (and anything unknown) answers it with jack_client_thread_suicide and
     * later pthread_cancel+joins that thread itself in jack_client_close, so reaping it first would join a thread
     * twice: only a known JACK2 thread is reaped.
     */
    private final boolean reap;
    private final MemorySegment event = Arena.global().allocate(24, 8); // jack_midi_event_t {uint32 time; size_t size; uint8* buffer}
    private final long eventAddress = event.address();
    private final Arena arena = Arena.ofShared(); // the upcall stub lives as long as the client

    JackNative() {
        try {
            SymbolLookup jack = SymbolLookup.libraryLookup("libjack.so.0", Arena.global());
            Linker linker = Linker.nativeLinker();
            var J = ValueLayout.JAVA_LONG;
            var I = ValueLayout.JAVA_INT;
            Linker.Option critical = Linker.Option.critical(false); // short, non-blocking calls
            midiCount = linker.downcallHandle(jack.find("jack_midi_get_event_count").orElseThrow(), FunctionDescriptor.of(I, J), critical);
            midiGet = linker.downcallHandle(jack.find("jack_midi_event_get").orElseThrow(), FunctionDescriptor.of(I, J, J, I), critical);
            portBuffer = linker.downcallHandle(jack.find("jack_port_get_buffer").orElseThrow(), FunctionDescriptor.of(J, J, I), critical);
            lastFrameTime = linker.downcallHandle(jack.find("jack_last_frame_time").orElseThrow(), FunctionDescriptor.of(I, J), critical);
            setProcess = linker.downcallHandle(jack.find("jack_set_process_callback").orElseThrow(), FunctionDescriptor.of(I, J, J, J));
            setXrun = linker.downcallHandle(jack.find("jack_set_xrun_callback").orElseThrow(), FunctionDescriptor.of(I, J, J, J));
            onShutdown = linker.downcallHandle(jack.find("jack_on_shutdown").orElseThrow(), FunctionDescriptor.ofVoid(J, J, J));
            setFreewheel = linker.downcallHandle(jack.find("jack_set_freewheel_callback").orElseThrow(), FunctionDescriptor.of(I, J, J, J));
            SymbolLookup libc = linker.defaultLookup();
            threadSelf = linker.downcallHandle(libc.find("pthread_self").orElseThrow(), FunctionDescriptor.of(J), critical);
            kernelTid = libc.find("gettid").map(f -> linker.downcallHandle(f, FunctionDescriptor.of(I), critical)).orElse(null);
            threadTryJoin = libc.find("pthread_tryjoin_np").map(f -> linker.downcallHandle(f, FunctionDescriptor.of(I, J, J))).orElse(null);
            boolean jack2 = versionString(jack, linker).startsWith("1.9.");
            reap = threadTryJoin != null && jack2 && !"false".equals(System.getProperty("loophole.jack.reap"));
        } catch (RuntimeException e) {
            throw new AudioUnavailableException("JACK's library cannot be bound: " + e, e);
        }
        warmUp();
    }

    /** jack_get_version_string(), or "" where libjack has none (then the JACK is treated as unknown). */
    private static String versionString(SymbolLookup jack, Linker linker) {
        try {
            var f = jack.find("jack_get_version_string");
            if (f.isEmpty()) return "";
            long s = (long) linker.downcallHandle(f.get(), FunctionDescriptor.of(ValueLayout.JAVA_LONG)).invokeExact();
            return s == 0 ? "" : ALL.getString(s);
        } catch (Throwable t) {
            return "";
        }
    }

    /** The native jack_client_t* behind a JNAJack client. */
    static long address(JackClient c) { return handle(c, JackClient.class, "clientPtr"); }

    /** The native jack_port_t* behind a JNAJack port. */
    static long address(JackPort p) { return handle(p, JackPort.class, "portPtr"); }

    private static long handle(Object owner, Class<?> type, String field) {
        try {
            var f = type.getDeclaredField(field);
            f.setAccessible(true);
            return Pointer.nativeValue(((PointerType) f.get(owner)).getPointer());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AudioUnavailableException("this JNAJack version hides " + type.getSimpleName() + "." + field + ": " + e, e);
        }
    }

    /** Installs {@code p} as the client's process callback (before activation); replaces JNAJack's. */
    void setProcessCallback(long client, Process p) {
        try {
            MethodHandle target = MethodHandles.lookup().findVirtual(Process.class, "process", MethodType.methodType(int.class, int.class, long.class)).bindTo(p);
            MemorySegment stub = Linker.nativeLinker().upcallStub(target,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), arena);
            int rc = (int) setProcess.invokeExact(client, stub.address(), 0L);
            if (rc != 0) throw new IllegalStateException("jack_set_process_callback returned " + rc);
        } catch (Throwable e) {
            throw new AudioUnavailableException("JACK refused the process callback: " + e, e);
        }
    }

    /**
     * JACK's notification callbacks (xrun, shutdown, freewheel) as FFM upcalls too. Through JNA each one
     * attached and detached libjack's notification thread per call, and a detach racing a server shutdown
     * crashed the JVM once in our tests; the JDK's upcall stubs keep a foreign thread attached for its life.
     * The handlers must not throw: an exception escaping an upcall ends the JVM.
     */
    void setNotifications(long client, Runnable xrun, Runnable shutdown, java.util.function.IntConsumer freewheel) {
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandles.Lookup l = MethodHandles.lookup();
            MethodHandle x = l.findStatic(JackNative.class, "xrun", MethodType.methodType(int.class, Runnable.class, long.class)).bindTo(xrun);
            MethodHandle d = l.findStatic(JackNative.class, "shutdown", MethodType.methodType(void.class, Runnable.class, long.class)).bindTo(shutdown);
            MethodHandle f = l.findStatic(JackNative.class, "freewheel", MethodType.methodType(void.class, java.util.function.IntConsumer.class, int.class, long.class)).bindTo(freewheel);
            MemorySegment xs = linker.upcallStub(x, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), arena);
            MemorySegment ds = linker.upcallStub(d, FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), arena);
            MemorySegment fs = linker.upcallStub(f, FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), arena);
            int rc = (int) setXrun.invokeExact(client, xs.address(), 0L);
            if (rc != 0) throw new IllegalStateException("jack_set_xrun_callback returned " + rc);
            onShutdown.invokeExact(client, ds.address(), 0L);
            rc = (int) setFreewheel.invokeExact(client, fs.address(), 0L);
            if (rc != 0) throw new IllegalStateException("jack_set_freewheel_callback returned " + rc);
        } catch (Throwable e) {
            throw new AudioUnavailableException("JACK refused a notification callback: " + e, e);
        }
    }

    private static int xrun(Runnable r, long arg) {
        try { r.run(); } catch (Throwable t) { /* counted or not, the stream goes on */ }
        return 0;
    }

    private static void shutdown(Runnable r, long arg) {
        try { r.run(); } catch (Throwable t) { /* the driver notices the dead client on close */ }
    }

    private static void freewheel(java.util.function.IntConsumer c, int starting, long arg) {
        try { c.accept(starting); } catch (Throwable t) { /* uncounted */ }
    }

    private static volatile java.util.function.Consumer<String> errors;
    private static boolean messagesSet;

    /**
     * libjack's error and info message functions (process-wide) as FFM upcalls: errors to {@code onError}, info
     * dropped. Through JNA these were callbacks that libjack calls from its own threads — among them the one that
     * notices a server going away — and JNA's attach/detach of those threads is what wedged a test JVM when a
     * server died under a client. Set once per process; a later call only changes where errors go.
     */
    static synchronized void setMessageHandlers(java.util.function.Consumer<String> onError) {
        errors = onError;
        if (messagesSet) return;
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup jack = SymbolLookup.libraryLookup("libjack.so.0", Arena.global());
            MethodHandle setError = linker.downcallHandle(jack.find("jack_set_error_function").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
            MethodHandle setInfo = linker.downcallHandle(jack.find("jack_set_info_function").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG));
            MethodHandles.Lookup l = MethodHandles.lookup();
            FunctionDescriptor message = FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG);
            MemorySegment e = linker.upcallStub(l.findStatic(JackNative.class, "error", MethodType.methodType(void.class, long.class)), message, Arena.global());
            MemorySegment i = linker.upcallStub(l.findStatic(JackNative.class, "info", MethodType.methodType(void.class, long.class)), message, Arena.global());
            setError.invokeExact(e.address());
            setInfo.invokeExact(i.address());
            messagesSet = true;
        } catch (Throwable t) {
            // libjack keeps printing to stderr; harmless.
        }
    }

    private static void error(long msg) {
        try {
            var to = errors;
            if (to != null) to.accept(msg == 0 ? null : ALL.getString(msg));
        } catch (Throwable t) { /* an exception escaping an upcall would end the JVM */ }
    }

    private static void info(long msg) { }

    /** The calling thread's pthread_t (JACK's process thread, asked from its callback), or 0. */
    long currentThread() {
        try {
            return (long) threadSelf.invokeExact();
        } catch (Throwable t) {
            return 0;
        }
    }

    /** The calling thread's kernel id (gettid), or 0 where libc has none. */
    long kernelThreadId() {
        if (kernelTid == null) return 0;
        try {
            return (int) kernelTid.invokeExact();
        } catch (Throwable t) {
            return 0;
        }
    }

    /** Result of {@link #tryJoin}. */
    enum Join { ENDED, RUNNING, UNKNOWN }

    /** Whether {@link #tryJoin} can see JACK's process thread end: glibc's pthread_tryjoin_np, on JACK2 ({@link #reap}). */
    boolean canReap() { return reap; }

    /** Reaps {@code thread} if it has ended (pthread_tryjoin_np); never blocks. UNKNOWN without glibc or off JACK2. */
    Join tryJoin(long thread) {
        if (!reap || thread == 0) return Join.UNKNOWN;
        try {
            int rc = (int) threadTryJoin.invokeExact(thread, 0L);
            return rc == 0 ? Join.ENDED : rc == EBUSY ? Join.RUNNING : Join.UNKNOWN;
        } catch (Throwable t) {
            return Join.UNKNOWN;
        }
    }

    private static final int EBUSY = 16; // Linux

    /** Audio thread: the port's buffer for this cycle. */
    long buffer(long port, int nframes) {
        try {
            return (long) portBuffer.invokeExact(port, nframes);
        } catch (Throwable t) {
            return 0;
        }
    }

    /** Audio thread: jack_last_frame_time, unsigned. */
    long lastFrameTime(long client) {
        try {
            return (int) lastFrameTime.invokeExact(client) & 0xFFFF_FFFFL;
        } catch (Throwable t) {
            return 0;
        }
    }

    /** Audio thread: copies {@code n} samples into a port buffer at frame {@code at}. */
    static void write(float[] from, long buffer, int at, int n) {
        // A plain loop: MemorySegment.copy from an array wraps it in a segment that C2 elides, but a
        // deoptimisation (a branch first taken, e.g. a late event after an xrun) would materialise it.
        long p = buffer + 4L * at;
        for (int i = 0; i < n; i++) ALL.set(ValueLayout.JAVA_FLOAT_UNALIGNED, p + 4L * i, from[i]);
    }

    /** Audio thread: adds this cycle's channel messages of a MIDI port buffer to {@code out} at their frame offsets. */
    void readMidi(long buffer, int nframes, EventBuffer out) {
        if (buffer == 0) return;
        try {
            int n = (int) midiCount.invokeExact(buffer);
            // i == n asks for an event that is not there (libjack answers ENODATA): it keeps this call site
            // hot, so the first real events after a quiet spell do not run it interpreted (which allocates).
            for (int i = 0; i <= n; i++) {
                if ((int) midiGet.invokeExact(eventAddress, buffer, i) == 0) parse(nframes, out);
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

    /** Frees the upcall stub; only after the client is closed (JACK no longer calls it). */
    void close() { arena.close(); }
}
