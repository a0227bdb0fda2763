/**
 * The implementation of the public API's declarations: {@code AgentImpl}, {@code TopicImpl}, {@code TableImpl}
 * (over a {@code TableBackend} the worker provides), the {@code Sender} records go through, the worker's
 * {@code Clock}, the event bound to an agent's thread ({@code CurrentEvent}), and {@code AppAccess}, the bridge
 * through which the runtime and {@code faust.spi} reach what {@code App} keeps out of its public API.
 * Depends only on the public API; the runtime packages depend on it. Not for application code.
 */
package faust.internal;
