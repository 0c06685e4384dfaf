package dev.shipshape.cli.internal.daemon;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Everything a command's run depends on besides its arguments: the JVM and its options, the class path (each
 * entry's size and modification time, so a rebuilt jar is a new identity), the working directory and the
 * environment variables. A daemon serves only runs of its own identity, so a command run through it sees what it
 * would see in a new JVM: relative paths, {@code KUBECONFIG}, {@code HOME} and every other variable. The native
 * client ({@code src/main/c}) computes the same text and socket name, so that both clients reach one daemon.
 */
public final class DaemonIdentity {
  /** The launcher's system property naming the java executable for a new daemon. */
  public static final String JAVA_PROPERTY = "shipshape.daemon.java";
  /** The launcher's system property holding the new daemon's JVM options, separated by spaces. */
  public static final String OPTIONS_PROPERTY = "shipshape.daemon.options";
  /** The launcher's system property holding the daemon's class path: the command line's jar and the user's. */
  public static final String CLASS_PATH_PROPERTY = "shipshape.daemon.classpath";
  /** The launcher's system property holding the shell's umask, which the files a command writes get. */
  public static final String UMASK_PROPERTY = "shipshape.daemon.umask";

  /** Variables a shell changes between commands of one session; they do not change what a command does. */
  private static final Set<String> SHELL_BOOKKEEPING = Set.of("_", "OLDPWD", "SHLVL");
  /** Prefixes of variables the macOS java launcher sets for each JVM, named after its process id. */
  private static final List<String> PER_PROCESS = List.of("JAVA_MAIN_CLASS_", "JAVA_STARTED_ON_FIRST_THREAD_",
      "APP_NAME_", "APP_ICON_");
  /** Unix domain socket paths are limited to 108 bytes on Linux and 104 on macOS. */
  private static final int MAX_SOCKET_PATH = 100;

  private final String java;
  private final List<String> options;
  private final String classPath;
  private final Path workingDirectory;
  private final String text;
  private final boolean readable;
  private final Path directory;

  private DaemonIdentity(String java, List<String> options, String classPath, Path workingDirectory,
      String text, boolean readable, Path directory) {
    this.java = java;
    this.options = options;
    this.classPath = classPath;
    this.workingDirectory = workingDirectory;
    this.text = text;
    this.readable = readable;
    this.directory = directory;
  }

  /**
   * The identity of this JVM's run, or empty when the launcher did not say how to start a daemon (the system
   * properties {@value #JAVA_PROPERTY}, {@value #OPTIONS_PROPERTY}, {@value #CLASS_PATH_PROPERTY} and
   * {@value #UMASK_PROPERTY}) or a class path entry cannot be read.
   */
  public static Optional<DaemonIdentity> current() {
    String java = System.getProperty(JAVA_PROPERTY);
    String options = System.getProperty(OPTIONS_PROPERTY);
    String classPath = System.getProperty(CLASS_PATH_PROPERTY);
    String umask = System.getProperty(UMASK_PROPERTY);
    if (java == null || options == null || classPath == null || umask == null) return Optional.empty();
    DaemonIdentity identity = of(java, words(options), classPath, Path.of("").toAbsolutePath(), umask,
        System.getenv());
    // A class path entry that cannot be read would make every run an identity of its own, each with a daemon.
    return identity.readable ? Optional.of(identity) : Optional.empty();
  }

  /** The options separated by white space, as {@code trim().split("\\s+")} separates them (none when blank). */
  static List<String> words(String options) {
    if (options.isBlank()) return List.of();
    String trimmed = options.trim();
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= trimmed.length(); i++) {
      boolean separator = i == trimmed.length() || " \t\n\u000B\f\r".indexOf(trimmed.charAt(i)) >= 0;
      if (!separator) continue;
      if (i > start) words.add(trimmed.substring(start, i));
      start = i + 1;
    }
    return List.copyOf(words);
  }

  static DaemonIdentity of(String java, List<String> options, String classPath, Path workingDirectory, String umask,
      Map<String, String> environment) {
    StringBuilder text = new StringBuilder();
    text.append("java ").append(java).append('\n');
    for (String option : options) text.append("option ").append(option).append('\n');
    boolean readable = true;
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      String stamp;
      try {
        stamp = stamp(entry);
      } catch (IOException | UncheckedIOException e) {
        stamp = "unreadable";
        readable = false;
      }
      text.append("class path ").append(entry).append(' ').append(stamp).append('\n');
    }
    text.append("directory ").append(workingDirectory).append('\n');
    text.append("umask ").append(umask).append('\n');
    for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
      String name = variable.getKey();
      if (SHELL_BOOKKEEPING.contains(name) || isPerProcess(name)) continue;
      text.append("variable ").append(name).append('=').append(variable.getValue()).append('\0');
    }
    return new DaemonIdentity(java, options, classPath, workingDirectory, text.toString(), readable,
        directoryFor(environment));
  }

  private static boolean isPerProcess(String name) {
    for (String prefix : PER_PROCESS) {
      if (name.startsWith(prefix)) return true;
    }
    return false;
  }

  /** The identity as text: the daemon compares a client's with its own. */
  public String text() {
    return text;
  }

  /** The daemon's socket. */
  public Path socket() {
    return directory.resolve(name() + ".sock");
  }

  /** False when the socket's path is too long for a Unix domain socket. */
  boolean socketFits() {
    return socket().toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH;
  }

  /**
   * A 64-bit hash of the text names the socket. Two identities may share a name (rarely): the daemon then finds that
   * a client's text is not its own and the command runs without it. Not SHA-256: its provider set-up would double
   * the client's start-up.
   */
  private String name() {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return hex(text.hashCode()) + hex((int) crc.getValue());
  }

  /** Eight hexadecimal digits. */
  private static String hex(int value) {
    String digits = Integer.toHexString(value);
    return "00000000".substring(digits.length()) + digits;
  }

  /** The directory of the sockets: private to the user. */
  Path directory() {
    return directory;
  }

  String java() {
    return java;
  }

  List<String> options() {
    return options;
  }

  String classPath() {
    return classPath;
  }

  Path workingDirectory() {
    return workingDirectory;
  }

  /**
   * {@code $XDG_RUNTIME_DIR/shipshape}, which the system makes private to the user and empties at logout, else
   * {@code shipshape/daemon} in the cache directory.
   */
  private static Path directoryFor(Map<String, String> environment) {
    String runtime = environment.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isBlank()) return Path.of(runtime, "shipshape");
    String cache = environment.get("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache)
        : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    return base.resolve("shipshape").resolve("daemon");
  }

  /**
   * A file's size and modification time; a directory's newest file and file count; for {@code DIR/*} (every jar of
   * the directory, as the java launcher reads it) the same of each jar.
   *
   * @throws IOException when it cannot be read (a directory the user may not open, a file deleted while a build
   *     writes the directory)
   */
  private static String stamp(String entry) throws IOException {
    if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
      Path directory = Path.of(entry.substring(0, entry.length() - 1) + ".").normalize();
      if (!Files.isDirectory(directory)) return "absent";
      List<Path> jars = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
        for (Path file : files) {
          if (file.toString().toLowerCase(Locale.ROOT).endsWith(".jar")) jars.add(file);
        }
      }
      Collections.sort(jars);
      StringBuilder stamps = new StringBuilder();
      for (Path jar : jars) stamps.append(jar.getFileName()).append(' ').append(stamp(jar.toString())).append("; ");
      return stamps.toString();
    }
    Path path = Path.of(entry);
    if (!Files.exists(path)) return "absent";
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isDirectory()) return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
    long[] newestAndCount = new long[2];
    Files.walkFileTree(path, new SimpleFileVisitor<Path>() {
      @Override
      public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes seen) {
        count(seen);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes seen) {
        count(seen);
        return FileVisitResult.CONTINUE;
      }

      private void count(BasicFileAttributes seen) {
        newestAndCount[0] = Math.max(newestAndCount[0], seen.lastModifiedTime().toMillis());
        newestAndCount[1]++;
      }
    });
    return newestAndCount[1] + " files, newest @" + newestAndCount[0];
  }
}
