package dev.loophole.model.project;

/** What the engine last reported about a node's voices; runtime information, never saved. */
public record VoiceStateSummary(int active, int peak, int limit) {}
