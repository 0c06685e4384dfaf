package dev.shipshape.core.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Deprecated and removed Kubernetes API versions, in the format of Fairwinds Pluto's {@code versions.yaml}
 * ({@code deprecated-versions}: version, kind, deprecated-in, removed-in, replacement-api, component). Only entries
 * of component {@code k8s} are used: the others count in versions of their own projects. {@link #bundled()} is the
 * SDK's own data, from the Kubernetes "Deprecated API Migration Guide"; {@link #read(Path)} reads a newer file.
 */
public final class ApiDeprecations {
  private static final String BUNDLED = "api-deprecations.yaml";

  private final Map<String, ApiDeprecation> entries;

  private ApiDeprecations(Map<String, ApiDeprecation> entries) {
    this.entries = entries;
  }

  /** The data bundled with the SDK. */
  public static ApiDeprecations bundled() {
    return Bundled.DATA;
  }

  /**
   * Reads a file.
   *
   * @throws UncheckedIOException when it cannot be read; IllegalArgumentException when it is not in that format
   */
  public static ApiDeprecations read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API deprecation data " + file, e);
    }
  }

  /**
   * Parses a text in that format; {@code source} names it in errors.
   *
   * @throws IllegalArgumentException when it is not in that format
   */
  public static ApiDeprecations parse(String text, String source) {
    JsonNode root = Manifests.parseYamlTrees(text, source).stream().findFirst().orElse(null);
    JsonNode list = root == null ? null : root.get("deprecated-versions");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException(source + " has no 'deprecated-versions' list; expected the format of"
          + " Pluto's versions.yaml");
    }
    Map<String, ApiDeprecation> entries = new HashMap<>();
    for (JsonNode e : list) {
      if (!e.path("component").asText().equals("k8s")) continue;
      String apiVersion = e.path("version").asText();
      String kind = e.path("kind").asText();
      String replacement = e.path("replacement-api").asText("");
      entries.put(key(apiVersion, kind), new ApiDeprecation(apiVersion, kind,
          version(e.path("deprecated-in").asText("")), version(e.path("removed-in").asText("")),
          replacement.isEmpty() ? Optional.empty() : Optional.of(replacement)));
    }
    return new ApiDeprecations(Map.copyOf(entries));
  }

  private static Optional<KubernetesVersion> version(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(KubernetesVersion.parse(text));
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + "|" + kind;
  }

  /** The entry of an apiVersion and kind, when it is deprecated or removed in some version. */
  public Optional<ApiDeprecation> find(String apiVersion, String kind) {
    return Optional.ofNullable(entries.get(key(apiVersion, kind)));
  }

  /** Every entry, sorted by apiVersion then kind. */
  public List<ApiDeprecation> all() {
    return entries.values().stream().sorted(Comparator.comparing(ApiDeprecation::apiVersion)
        .thenComparing(ApiDeprecation::kind)).collect(Collectors.toUnmodifiableList());
  }

  /** Loaded once, on first use. */
  private static final class Bundled {
    static final ApiDeprecations DATA = load();

    private static ApiDeprecations load() {
      try (InputStream in = ApiDeprecations.class.getResourceAsStream(BUNDLED)) {
        if (in == null) throw new IllegalStateException("the SDK's " + BUNDLED + " is missing from its jar");
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the SDK's " + BUNDLED, e);
      }
    }
  }
}
