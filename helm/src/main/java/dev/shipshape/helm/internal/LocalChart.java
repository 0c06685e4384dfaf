package dev.shipshape.helm.internal;

import dev.shipshape.helm.ChartSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A private copy of a local chart, prepared so that the bundled Helm library renders its hooks. The library's
 * {@code template} returns only the release manifest, which by Helm's rules holds no hook (hooks are the objects
 * annotated {@code helm.sh/hook}); in the copy every {@code helm.sh/hook*} annotation key of the templates is
 * written under {@value #SHADOW} instead, so Helm renders hooks as plain objects, and {@link #restoreHooks} puts the
 * keys back afterwards.
 */
final class LocalChart {
  static final String SHADOW = "shipshape.dev/helm-hook";
  private static final String HOOK = "helm.sh/hook";
  private static final List<String> TEMPLATE_ENDINGS = List.of(".yaml", ".yml", ".tpl", ".json", ".txt");

  private LocalChart() {}

  /** Copies (or unpacks) the chart into {@code work} with shadowed hook keys; returns the copy's chart directory. */
  static Path prepare(ChartSource source, Path work) {
    Path target = work.resolve("chart");
    try {
      if (source.kind() == ChartSource.Kind.ARCHIVE) {
        unpack(Path.of(source.location()), target);
        try (Stream<Path> top = Files.list(target)) {
          List<Path> roots = top.filter(Files::isDirectory).collect(Collectors.toList());
          if (roots.size() != 1) throw new IllegalArgumentException("a chart archive holds one chart directory");
          target = roots.get(0);
        }
      } else {
        copy(Path.of(source.location()), target);
      }
      shadowHookKeys(target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare chart " + source, e);
    }
  }

  /** Annotation keys {@value #SHADOW}{@code *} back to {@code helm.sh/hook*}. */
  static void restoreHooks(Map<String, String> annotations) {
    if (annotations == null) return;
    for (String key : List.copyOf(annotations.keySet())) {
      if (key.startsWith(SHADOW)) annotations.put(HOOK + key.substring(SHADOW.length()), annotations.remove(key));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) Files.createDirectories(target);
        else Files.copy(source, target);
      }
    }
  }

  private static void unpack(Path archive, Path to) throws IOException {
    Files.createDirectories(to);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = to.resolve(entry.getName()).normalize();
        if (!target.startsWith(to)) throw new IOException("archive entry " + entry.getName() + " leaves the chart");
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
  }

  /** Templates of the chart and of its unpacked subcharts. */
  private static void shadowHookKeys(Path chart) throws IOException {
    try (Stream<Path> paths = Files.walk(chart)) {
      for (Path file : (Iterable<Path>) paths::iterator) {
        if (!Files.isRegularFile(file) || !isTemplate(chart.relativize(file))) continue;
        String text = Files.readString(file);
        if (text.contains(HOOK)) Files.writeString(file, text.replace(HOOK, SHADOW));
      }
    }
  }

  private static boolean isTemplate(Path relative) {
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean inTemplates = false;
    for (Path part : relative) inTemplates |= part.toString().equals("templates");
    return inTemplates && TEMPLATE_ENDINGS.stream().anyMatch(name::endsWith);
  }
}
