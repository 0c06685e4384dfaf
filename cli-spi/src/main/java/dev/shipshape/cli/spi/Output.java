package dev.shipshape.cli.spi;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Printing the renderings of reports, which end with a newline (text) or not (JSON), and the check every
 * {@code --out DIR} option makes before a command does its work.
 */
public final class Output {
  private Output() {}

  /** Prints {@code text}, then a newline unless it is empty or already ends with one. */
  public static void print(PrintWriter out, String text) {
    out.print(text);
    if (!text.isEmpty() && !text.endsWith("\n")) out.print('\n');
    out.flush();
  }

  /**
   * Fails with a usage error when {@code --out} names an existing file rather than a directory, before the command
   * plans anything; {@code otherwise} says what the command does without {@code --out}.
   *
   * @throws CliException with {@link ExitCode#USAGE}
   */
  public static void requireDirectoryOrAbsent(Path out, String otherwise) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new CliException(ExitCode.USAGE, "--out " + out + " is a file, not a directory — pass a directory (it "
          + "is created when missing), or leave out --out " + otherwise);
    }
  }
}
