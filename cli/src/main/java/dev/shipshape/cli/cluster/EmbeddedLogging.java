package dev.shipshape.cli.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * The embedded API server logs every request through java.util.logging at INFO; the command line and the shell
 * report what matters themselves, so this keeps only warnings. It configures the whole JVM: call it from a main
 * method or a shell session, not from a library.
 */
public final class EmbeddedLogging {
  private EmbeddedLogging() {}

  /** Reads {@code embedded-logging.properties} into the JVM's {@link LogManager}. */
  public static void quiet() {
    try (InputStream config = EmbeddedLogging.class.getResourceAsStream("embedded-logging.properties")) {
      if (config != null) LogManager.getLogManager().readConfiguration(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the logging configuration", e);
    }
  }
}
