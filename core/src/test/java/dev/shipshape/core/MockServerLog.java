package dev.shipshape.core;

import java.util.logging.Level;
import java.util.logging.Logger;

/** fabric8's mock server logs every request at INFO; a run of the tests would print thousands of lines. */
public final class MockServerLog {
  /** Held so that the level set below stays in force (JUL keeps loggers weakly). */
  private static final Logger LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private MockServerLog() {}

  /** Lets only the mock server's warnings through. */
  public static void quiet() {
    LOG.setLevel(Level.WARNING);
  }
}
