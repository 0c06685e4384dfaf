package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.security.rbac.analysis.AccessRequest;

/** The question of can-i and who-can, checked before any RBAC object is read. */
final class Questions {
  private Questions() {}

  /**
   * The parsed request.
   *
   * @throws CliException with {@link ExitCode#USAGE} listing every part of the question that cannot exist
   */
  static AccessRequest request(String verb, String resource, String namespace, String name) {
    try {
      return AccessRequest.parse(verb, resource, namespace, name);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage(), e);
    }
  }
}
