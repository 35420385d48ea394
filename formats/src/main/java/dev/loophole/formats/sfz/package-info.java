/**
 * SFZ: {@link dev.loophole.formats.sfz.SfzImporter} reads a file (or text) into a {@code model.Program};
 * {@link dev.loophole.formats.sfz.SfzExporter} writes one back as readable SFZ. Problems that stop a
 * load are {@link dev.loophole.formats.sfz.SfzException}s reading {@code file:line:column: expected …};
 * everything else is a warning in {@code Program.diagnostics()}.
 *
 * <p>The path of a file through the importer: {@code Lexer} (tokens with positions) →
 * {@code Preprocessor} ({@code #define}, {@code #include}) → {@code EmbeddedSamples} ({@code <sample>}
 * data) → {@code ProgramAssembler} (header inheritance, groups) → {@code Appliers} (opcode → model
 * field, typed by {@code OpcodeTable}) → {@code RegionDraft} (records built once per region).
 *
 * <p>{@code opcodes.tsv} lists every opcode of the format with type and range. It is derived from the
 * CC0 {@code syntax.yml} of the SFZ format site by {@code formats/tools/gen_sfz_opcodes.py}; regenerate
 * it rather than editing it.
 */
package dev.loophole.formats.sfz;
