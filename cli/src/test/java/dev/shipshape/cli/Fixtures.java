package dev.shipshape.cli;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The test resources of the checking commands, under {@code dev/shipshape/cli/}. */
final class Fixtures {
  private Fixtures() {}

  /** The path of a resource of this package, such as {@code reach/shop}. */
  static String path(String name) {
    URL url = Fixtures.class.getResource(name);
    if (url == null) throw new IllegalArgumentException("no test resource " + name);
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(url + " is not a file", e);
    }
  }
}
