package dev.loophole.model.project;

/** What makes an instrument node's sound (§2): a hosted plugin, the Sampler, or a built-in instrument. */
public enum InstrumentKind { PLUGIN, SAMPLER, INTERNAL_INSTRUMENT }
