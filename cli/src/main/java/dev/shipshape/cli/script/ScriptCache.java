package dev.shipshape.cli.script;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compiled spec scripts on disk, so that an unchanged script is not compiled again. An entry is keyed by the
 * script's text, the imports scripts get, the SDK's version, the Java version and the class path the script
 * compiles against (each entry's path, size and modification time); it holds the script's class files. The
 * import statements of a class path (which {@code shipshape shell} needs before its prompt) are kept beside them,
 * keyed the same way. Entries
 * are written to a temporary directory and moved into place, so concurrent commands never read half an entry; an
 * entry that cannot be read or written is treated as absent (the script is compiled again). Entries unused for
 * {@link CacheExpiry#UNUSED_FOR} are removed when a new one is written.
 *
 * <p>By default, the cache is {@code $XDG_CACHE_HOME/shipshape/scripts}, else {@code ~/.cache/shipshape/scripts}.
 */
final class ScriptCache {
  /** Changes when the way scripts are turned into classes changes, so that old entries are not used. */
  private static final String FORMAT = "2";
  /** The suffix of a file of import statements, beside the entries of compiled scripts. */
  private static final String IMPORTS = ".imports";

  private final Path directory;

  ScriptCache(Path directory) {
    this.directory = directory;
  }

  /** The default directory for an environment: {@code XDG_CACHE_HOME}, else {@code HOME/.cache}. */
  static Optional<Path> defaultDirectory(Map<String, String> environment) {
    Optional<Path> base = Optional.ofNullable(environment.get("XDG_CACHE_HOME")).filter(v -> !v.isBlank())
        .map(Path::of).filter(Path::isAbsolute);
    if (base.isEmpty()) {
      base = Optional.ofNullable(environment.get("HOME")).filter(v -> !v.isBlank())
          .or(() -> Optional.ofNullable(System.getProperty("user.home")))
          .map(home -> Path.of(home, ".cache"));
    }
    return base.map(b -> b.resolve("shipshape").resolve("scripts"));
  }

  /** The key of a script compiled against {@code classPath} with these imports. */
  static String key(String script, String importsKey, String classPath) {
    MessageDigest digest = CacheKey.newDigest();
    update(digest, FORMAT);
    update(digest, System.getProperty("java.vm.version", ""));
    update(digest, Optional.ofNullable(ScriptCache.class.getPackage().getImplementationVersion()).orElse("dev"));
    update(digest, importsKey);
    for (String entry : classPath.split(File.pathSeparator)) {
      update(digest, entry);
      try {
        BasicFileAttributes attributes = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
        update(digest, attributes.size() + ":" + attributes.lastModifiedTime().toMillis());
      } catch (IOException | RuntimeException e) {
        update(digest, "absent");
      }
    }
    update(digest, script);
    return CacheKey.of(digest);
  }

  /** The class files of an entry; empty when there is none (or it cannot be read). */
  Optional<Map<String, byte[]>> read(String key) {
    Path entry = directory.resolve(key);
    if (!Files.isDirectory(entry)) return Optional.empty();
    Map<String, byte[]> classes = new HashMap<>();
    try (Stream<Path> files = Files.list(entry)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class")) classes.put(name.substring(0, name.length() - 6), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!classes.containsKey(ScriptProgram.BINARY_NAME)) return Optional.empty();
    CacheExpiry.markUsed(entry);
    return Optional.of(classes);
  }

  /** The import statements stored under {@code key}; empty when there are none (or they cannot be read). */
  Optional<List<String>> readImports(String key) {
    try {
      Path file = directory.resolve(key + IMPORTS);
      List<String> imports = Files.readAllLines(file, StandardCharsets.UTF_8);
      CacheExpiry.markUsed(file);
      return Optional.of(imports);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stores import statements under {@code key}; a cache that cannot be written is left as it is. */
  void writeImports(String key, List<String> imports) {
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, ".partial-", IMPORTS);
      Files.write(temporary, imports, StandardCharsets.UTF_8);
      Files.move(temporary, directory.resolve(key + IMPORTS), StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
    } catch (IOException | UnsupportedOperationException e) {
      // Not writable: the imports are computed again next time.
    } finally {
      if (temporary != null) delete(temporary);
    }
  }

  /** Stores an entry; a cache that cannot be written is left as it is. */
  void write(String key, Map<String, byte[]> classes) {
    Path entry = directory.resolve(key);
    if (Files.isDirectory(entry)) return;
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempDirectory(directory, ".partial-");
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        Files.write(temporary.resolve(c.getKey() + ".class"), c.getValue());
      }
      Files.writeString(temporary.resolve("FORMAT"), FORMAT, StandardCharsets.UTF_8);
      Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
      CacheExpiry.removeUnused(directory, Instant.now());
    } catch (IOException | UnsupportedOperationException e) {
      // Another command stored the same entry first, or the cache is not writable: compile again next time.
    } finally {
      if (temporary != null) delete(temporary);
    }
  }

  private static void delete(Path temporary) {
    try {
      CacheExpiry.deleteTree(temporary);
    } catch (IOException e) {
      // A leftover temporary file or directory is harmless: entries never start with '.partial-' (and expire).
    }
  }

  private static void update(MessageDigest digest, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }
}
