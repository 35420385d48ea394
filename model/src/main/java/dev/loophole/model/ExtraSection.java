package dev.loophole.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A section of an instrument file that the model has no typed fields for yet (for SFZ an
 * {@code <effect>} or {@code <midi>} section, or {@code <control>} opcodes the engine does not play),
 * kept verbatim in file order so that an export writes it back instead of losing it.
 *
 * @param header  the section's header name without brackets, e.g. {@code effect}
 * @param opcodes name → value as written
 * @param origin  where the section starts
 */
public record ExtraSection(String header, Map<String, String> opcodes, SourceLocation origin) {
    public ExtraSection {
        if (header == null || header.isBlank()) throw new IllegalArgumentException("section header is empty");
        opcodes = Collections.unmodifiableMap(new LinkedHashMap<>(opcodes));
    }
}
