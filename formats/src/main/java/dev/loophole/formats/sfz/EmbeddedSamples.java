package dev.loophole.formats.sfz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import dev.loophole.model.SourceLocation;

/**
 * Sample files embedded in SFZ text by {@code <sample> name=… data=…$}.
 *
 * <p>The format's encoding shifts every byte by 42 and escapes the few results that would upset a
 * text reader ({@code = NUL TAB LF CR $}) as {@code =} followed by the byte shifted by 64 instead;
 * {@code $} ends the data and line breaks inside it are ignored. Some tools write base64 instead:
 * when the documented decoding does not give an audio file but base64 does, base64 is used.
 *
 * <p>The engine opens samples by path, so decoded data is written once to a content-addressed
 * cache folder and regions refer to that file; the exporter recognises the folder and embeds the
 * file again.
 */
final class EmbeddedSamples {
    private static final byte[] FORBIDDEN = {0x3D, 0x00, 0x09, 0x0A, 0x0D, 0x24};

    private EmbeddedSamples() {}

    /**
     * Finds every {@code <sample>} section in the token stream, decodes its data and writes it to the
     * cache. Returns the sample name as written → file. Done before regions are built, since a
     * region may name a sample whose section comes later in the file.
     */
    static Map<String, Path> extract(List<Token> tokens, Diagnostics diagnostics) {
        Map<String, Path> files = new HashMap<>();
        Section section = null;
        String name = null;
        Token.SampleData data = null;
        SourceLocation openedAt = null;
        for (Token t : tokens) {
            if (t instanceof Token.Header h) {
                if (section == Section.SAMPLE) store(name, data, openedAt, files, diagnostics);
                section = h.section();
                name = null;
                data = null;
                openedAt = h.at();
            } else if (section == Section.SAMPLE && t instanceof Token.Opcode o && o.name().equals("name")) {
                name = o.value();
            } else if (t instanceof Token.SampleData d) {
                data = d;
            }
        }
        if (section == Section.SAMPLE) store(name, data, openedAt, files, diagnostics);
        return files;
    }

    private static void store(String name, Token.SampleData data, SourceLocation at, Map<String, Path> files, Diagnostics d) {
        if (name == null || name.isBlank() || data == null) {
            d.warn(at, "<sample> needs both name= and data=; ignored");
            return;
        }
        byte[] bytes = decodeAny(data.bytes());
        if (!isAudio(bytes)) d.warn(data.at(), "embedded sample " + name + " does not look like an audio file (no RIFF/FORM/fLaC/OggS header)");
        try {
            files.put(name, materialize(name, bytes));
        } catch (IOException | RuntimeException e) {
            d.warn(data.at(), "embedded sample " + name + " could not be written to " + cacheRoot() + ": " + e.getMessage());
        }
    }

    /** Decodes data as written between {@code data=} and the {@code $} end marker. */
    static byte[] decode(byte[] encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length);
        for (int i = 0; i < encoded.length; i++) {
            int b = encoded[i] & 0xFF;
            if (b == 0x24) break;
            if (b == 0x0D || b == 0x0A) continue;
            if (b == 0x3D) {
                if (++i >= encoded.length) break;
                out.write(((encoded[i] & 0xFF) + 0xC0) & 0xFF);
            } else {
                out.write((b + 0xD6) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    /** Encodes {@code data}, including the {@code $} end marker. */
    static byte[] encode(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 32 + 1);
        for (byte raw : data) {
            int shifted = ((raw & 0xFF) + 0x2A) & 0xFF;
            if (isForbidden(shifted)) {
                out.write(0x3D);
                out.write(((raw & 0xFF) + 0x40) & 0xFF);
            } else {
                out.write(shifted);
            }
        }
        out.write(0x24);
        return out.toByteArray();
    }

    private static boolean isForbidden(int b) {
        for (byte f : FORBIDDEN) if (f == b) return true;
        return false;
    }

    /** The documented decoding, or base64 when only that yields a known audio file. */
    static byte[] decodeAny(byte[] encoded) {
        byte[] decoded = decode(encoded);
        if (isAudio(decoded)) return decoded;
        try {
            String text = new String(encoded, StandardCharsets.ISO_8859_1).replace("$", "").replaceAll("\\s+", "");
            byte[] b64 = Base64.getDecoder().decode(text);
            if (isAudio(b64)) return b64;
        } catch (IllegalArgumentException notBase64) {
            // Not base64 either; the documented decoding stands and the caller reports it.
        }
        return decoded;
    }

    /** RIFF/RF64 (WAV), FORM (AIFF), fLaC, OggS. */
    static boolean isAudio(byte[] d) {
        if (d.length < 4) return false;
        String magic = new String(d, 0, 4, StandardCharsets.ISO_8859_1);
        return magic.equals("RIFF") || magic.equals("RF64") || magic.equals("FORM") || magic.equals("fLaC") || magic.equals("OggS");
    }

    /** Folder the decoded files live in; one sub-folder per content hash. */
    static Path cacheRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "loophole-sfz-embedded");
    }

    /** Whether {@code path} is a decoded embedded sample, so an exporter should embed it again. */
    static boolean isCached(Path path) {
        return path.toAbsolutePath().normalize().startsWith(cacheRoot().toAbsolutePath().normalize());
    }

    /** Writes {@code data} under the cache as {@code name} (its last path component), unless already there. */
    static Path materialize(String name, byte[] data) throws IOException {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String fileName = base.replaceAll("[\\x00-\\x1f:*?\"<>|]", "_");
        if (fileName.isBlank() || fileName.equals(".") || fileName.equals("..")) fileName = "embedded.wav";
        Path dir = cacheRoot().resolve(hash(data));
        Path file = dir.resolve(fileName);
        if (Files.isRegularFile(file) && Files.size(file) == data.length) return file;
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "part", ".tmp");
        Files.write(tmp, data);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
