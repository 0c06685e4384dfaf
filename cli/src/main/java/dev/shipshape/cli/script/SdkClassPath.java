package dev.shipshape.cli.script;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The class path that scripts and shell sessions compile against: this JVM's, as absolute paths. */
public final class SdkClassPath {
  private SdkClassPath() {}

  /** This JVM's class path ({@code java.class.path}), each entry made absolute. */
  public static String current() {
    return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
