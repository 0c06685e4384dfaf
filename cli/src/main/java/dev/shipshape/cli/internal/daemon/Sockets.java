package dev.shipshape.cli.internal.daemon;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** The directory of the daemons' sockets. */
final class Sockets {
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private Sockets() {}

  /** Creates the directory readable by the user only: whoever can connect to a daemon runs commands as the user. */
  static void createPrivateDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) return;
    Files.createDirectories(directory.getParent());
    try {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      // Made at the same time by another client or daemon.
    }
  }

  /** True when the directory exists, belongs to this user and nobody else may use it. */
  static boolean isPrivate(Path directory) {
    try {
      return Files.isDirectory(directory)
          && OWNER_ONLY.containsAll(Files.getPosixFilePermissions(directory))
          && Files.getOwner(directory).getName().equals(System.getProperty("user.name"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
