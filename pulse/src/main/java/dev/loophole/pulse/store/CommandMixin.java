package dev.loophole.pulse.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Commands in JSON name their record in {@code "command"} ({@code "AddNote"}, {@code "SetParameter"}…); see {@link CommandJson}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "command")
abstract class CommandMixin {}
