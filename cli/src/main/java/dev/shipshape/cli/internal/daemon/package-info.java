/**
 * The optional daemon of the command line ({@code SHIPSHAPE_DAEMON=1}): a JVM kept running between commands, so
 * that a command runs on code the JIT has already compiled instead of in a new JVM. Not API.
 */
package dev.shipshape.cli.internal.daemon;
