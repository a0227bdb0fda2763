/**
 * Implementation of the {@code faust} command line: the picocli commands, the app loader (in-memory
 * compilation of {@code proj.java}), logging set-up, signal handling and the dev-broker auto-start.
 * Not an API.
 */
package faust.cli.internal;
