package dev.loophole.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's model built through picocli's programmatic API, for the commands every render starts with (the root and
 * {@code render}): reading a command's annotations costs a cold JVM ≈ 50 ms on the main thread before the first note
 * (the JDK spins a proxy class per annotation type through its class-file API, and core reflection a method handle per
 * field type), the model built in code about half of that (BENCHMARKS.md, "The time before the first block"). Values
 * are read back from the parsed model ({@link #value}); picocli's help, messages and exit codes are as with annotations.
 */
final class SpecBuilder {
    private final CommandSpec spec;

    private SpecBuilder(CommandSpec spec) { this.spec = spec; }

    /** {@code userObject}'s model, not read from its annotations, with {@code -h/--help} and {@code -V/--version}. */
    static SpecBuilder of(Object userObject, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(userObject).name(name);
        spec.usageMessage().description(description);
        return onto(spec).standardHelp();
    }

    /** Adds options to a model built elsewhere (an annotated command taking a shared option group). */
    static SpecBuilder onto(CommandSpec spec) { return new SpecBuilder(spec); }

    /** What picocli's {@code mixinStandardHelpOptions} adds, without reflecting over its annotated mixin. */
    private SpecBuilder standardHelp() {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return this;
    }

    /** An option taking a value; {@code defaultValue} null for none. (One with several names: {@link #option(OptionSpec.Builder)}.) */
    SpecBuilder option(String name, Class<?> type, String paramLabel, String defaultValue, String description) {
        spec.addOption(OptionSpec.builder(name).type(type).paramLabel(paramLabel).defaultValue(defaultValue).description(description).build());
        return this;
    }

    /** An option the caller built (a converted one, a required one, one with several names). */
    SpecBuilder option(OptionSpec.Builder option) {
        spec.addOption(option.build());
        return this;
    }

    /** A flag: present or not. */
    SpecBuilder flag(String name, String description) {
        spec.addOption(OptionSpec.builder(name).type(boolean.class).description(description).build());
        return this;
    }

    CommandSpec spec() { return spec; }

    /** The parsed value of option {@code name} (its default, or null, when not given). */
    @SuppressWarnings("unchecked")
    static <T> T value(CommandSpec spec, String name) {
        return (T) option(spec, name).getValue();
    }

    static boolean flag(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(option(spec, name).getValue());
    }

    // A name read back that the model does not hold is our mistake, said as one (not a NullPointerException).
    private static OptionSpec option(CommandSpec spec, String name) {
        OptionSpec o = spec.findOption(name);
        if (o == null) throw new IllegalStateException("the " + spec.name() + " command has no option " + name);
        return o;
    }

    /** Builder of an option converted by {@code converter} (a named class: a lambda of picocli's interface is spun at run time). */
    static OptionSpec.Builder converted(String name, Class<?> type, ITypeConverter<?> converter, String paramLabel, String description) {
        return OptionSpec.builder(name).type(type).converters(converter).paramLabel(paramLabel).description(description);
    }
}
