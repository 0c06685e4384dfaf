package dev.shipshape.security.audit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Deprecated and removed Kubernetes API versions, read at run time from a data file in the format of Fairwinds
 * Pluto's {@code versions.yaml} ({@code deprecated-versions}: version, kind, deprecated-in, removed-in,
 * replacement-api, component). Only entries of component {@code k8s} are used: the others count in versions of
 * their own projects.
 */
public final class Deprecations {

  /** One deprecated apiVersion of a kind. */
  public static final class Entry {
    public final Optional<KubernetesVersion> deprecatedIn;
    public final Optional<KubernetesVersion> removedIn;
    public final String replacement;

    Entry(Optional<KubernetesVersion> deprecatedIn, Optional<KubernetesVersion> removedIn, String replacement) {
      this.deprecatedIn = deprecatedIn;
      this.removedIn = removedIn;
      this.replacement = replacement;
    }
  }

  private final Map<String, Entry> entries;

  private Deprecations(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /**
   * Reads the file.
   *
   * @throws UncheckedIOException when it cannot be read; IllegalArgumentException when it is not in that format
   */
  public static Deprecations read(Path file) {
    JsonNode root;
    try {
      root = Manifests.parseYamlTrees(Files.readString(file), file.toString()).stream().findFirst().orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API deprecation data " + file, e);
    }
    JsonNode list = root == null ? null : root.get("deprecated-versions");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(file + " has no 'deprecated-versions' list; expected the format of"
          + " Pluto's versions.yaml");
    }
    Map<String, Entry> entries = new HashMap<>();
    for (JsonNode e : list) {
      if (!e.path("component").asText().equals("k8s")) continue;
      entries.put(key(e.path("version").asText(), e.path("kind").asText()), new Entry(
          version(e.path("deprecated-in").asText("")), version(e.path("removed-in").asText("")),
          e.path("replacement-api").asText("")));
    }
    return new Deprecations(Map.copyOf(entries));
  }

  private static Optional<KubernetesVersion> version(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(KubernetesVersion.parse(text));
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "|" + kind;
  }

  public Optional<Entry> find(String apiVersion, String kind) {
    return Optional.ofNullable(entries.get(key(apiVersion, kind)));
  }
}
