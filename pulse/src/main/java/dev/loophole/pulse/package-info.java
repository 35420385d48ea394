/**
 * Pulse: the project (the truth), the one mechanism that changes it (command → history → event →
 * save → recompile), the transport, compilation of patches and node graphs for Signal, persistence
 * (one SQLite file per project) and the IPC server.
 */
package dev.loophole.pulse;
