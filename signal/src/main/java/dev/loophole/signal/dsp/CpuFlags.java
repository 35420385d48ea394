package dev.loophole.signal.dsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The x86 instruction-set extensions the CPU reports (Linux's {@code /proc/cpuinfo}, the first {@code flags} line), for a
 * kernel whose Vector API operations C2 compiles to instructions only with an extension the JVM offers no public way to
 * ask about — without it the operation runs a Java fallback that boxes every vector (allocation on an audio thread).
 */
public final class CpuFlags {
    private CpuFlags() {}

    /** Whether the JVM runs on x86 (the flags below mean something there only). */
    public static final boolean X86 = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64", "x86", "i386" -> true;
        default -> false;
    };

    /** Whether this x86 CPU reports {@code flag}; false where /proc/cpuinfo cannot be read (another OS): the caller takes its safe path. */
    public static boolean x86Has(String flag) {
        try (BufferedReader in = Files.newBufferedReader(Path.of("/proc/cpuinfo"), StandardCharsets.ISO_8859_1)) { // any byte decodes (a model name need not be ASCII)
            return has(in, flag);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the first {@code flags : …} line of a cpuinfo text lists {@code flag} as a whole word. */
    static boolean has(Reader cpuinfo, String flag) throws IOException {
        BufferedReader in = cpuinfo instanceof BufferedReader b ? b : new BufferedReader(cpuinfo);
        for (String line; (line = in.readLine()) != null; ) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).strip().equals("flags")) continue;
            for (int i = line.indexOf(flag, colon + 1); i >= 0; i = line.indexOf(flag, i + 1)) {
                int end = i + flag.length();
                if (Character.isWhitespace(line.charAt(i - 1)) && (end == line.length() || Character.isWhitespace(line.charAt(end)))) return true;
            }
            return false;
        }
        return false;
    }
}
