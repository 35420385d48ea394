package dev.loophole.signal.store;

/** The spec's sample status (sampler.sampleStatus): whether a sample's media can be played. */
public enum SampleStatus { UNKNOWN, ONLINE, OFFLINE, MISSING }
