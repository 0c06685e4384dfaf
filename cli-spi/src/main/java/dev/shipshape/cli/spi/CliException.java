package dev.shipshape.cli.spi;

import java.util.Objects;

/**
 * A failure the user can fix: its message says what is wrong and what to do, and it carries the exit code. The
 * command line prints the message on standard error, without a stack trace, and exits with the code.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode == null");
  }

  public CliException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = Objects.requireNonNull(exitCode, "exitCode == null");
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
