package dev.shipshape.cli.spi;

/**
 * The {@code --field-manager} value, checked before any work starts with the API server's rule: 1 to 128
 * printable ASCII characters.
 */
public final class FieldManagerCheck {
  private static final int MAX_LENGTH = 128;

  private FieldManagerCheck() {}

  /**
   * Checks the value.
   *
   * @throws CliException with {@link ExitCode#USAGE} when the API server would reject it
   */
  public static void check(String fieldManager) {
    String problem = null;
    if (fieldManager.isEmpty()) problem = "is empty";
    else if (fieldManager.length() > MAX_LENGTH) problem = "is longer than " + MAX_LENGTH + " characters";
    else if (!fieldManager.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) problem = "has characters that are not "
        + "printable ASCII";
    if (problem != null) {
      throw new CliException(ExitCode.USAGE, "--field-manager '" + fieldManager + "' " + problem + " — name the "
          + "writer in at most 128 printable characters, such as 'shipshape' or 'ci-deploy'");
    }
  }
}
