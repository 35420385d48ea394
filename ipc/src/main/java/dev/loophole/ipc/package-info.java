/**
 * What editors (Aura, or any program) and Pulse say to each other: JSON-RPC 2.0 requests, responses
 * and notifications as sealed records, with the Jackson codec and the JSON Schemas generated from them.
 * The method names are the specification's (§10). Imports only {@code model}.
 */
package dev.loophole.ipc;
