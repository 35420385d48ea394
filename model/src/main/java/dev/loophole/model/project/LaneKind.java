package dev.loophole.model.project;

/** A MIDI lane carries note clips to instruments; an audio lane carries audio clips (printed or frozen audio). */
public enum LaneKind { MIDI, AUDIO }
