package dev.shipshape.cli.internal.daemon;

/** Runs one command line in the daemon, with standard output and error already pointed at the client. */
@FunctionalInterface
public interface CommandRunner {
  /** Runs {@code args} and returns the exit code. */
  int run(String[] args, DaemonSession session);
}
