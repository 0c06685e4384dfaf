package dev.shipshape.helm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.shipshape.core.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the bundled Helm itself, by rendering a one-template chart: its default API versions, the values it makes of
 * values files, and whether a version meets a chart's {@code kubeVersion} constraint (with {@code semverCompare},
 * which parses constraints with the same library and rules as Helm's own kubeVersion check).
 */
final class HelmProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private HelmProbe() {}

  /** Helm's default {@code .Capabilities.APIVersions}: what its templates see without {@code --api-versions}. */
  static List<String> defaultApiVersions() {
    return Defaults.API_VERSIONS;
  }

  /**
   * Whether {@code version} meets {@code constraint}.
   *
   * @throws RuntimeException with Helm's message when the constraint does not parse
   */
  static boolean meets(String constraint, String version, Path work) {
    return render(work, "{{ semverCompare " + Capabilities.quote(constraint) + " " + Capabilities.quote(version)
        + " | quote }}").asText().equals("true");
  }

  /**
   * The values Helm makes of {@code files} on their own, before any {@code --set}: each file read as Helm reads it
   * (YAML 1.1, so a key {@code y} is {@code "true"}; numbers are floating point) and merged in order, later files
   * winning key by key. Numbers are {@link Double}s, as Helm holds them; maps are {@link LinkedHashMap}s and lists
   * {@link ArrayList}s.
   */
  static Map<String, Object> userValues(List<Path> files, Path work) {
    // In base64, so that no text of the values is read as YAML twice.
    String json = new String(Base64.getDecoder().decode(render(work, "{{ toJson .Values | b64enc | quote }}", files)
        .asText()), StandardCharsets.UTF_8);
    JsonNode values;
    try {
      values = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Helm wrote values that are not JSON", e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = values.isObject() ? (Map<String, Object>) plain(values) : new LinkedHashMap<>();
    return map;
  }

  private static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (node.isNumber()) return node.doubleValue();
    if (node.isBoolean()) return node.booleanValue();
    return node.isNull() ? null : node.asText();
  }

  private static JsonNode render(Path work, String expression) {
    return render(work, expression, List.of());
  }

  private static JsonNode render(Path work, String expression, List<Path> valuesFiles) {
    Path chart = work.resolve("shipshape-probe");
    try {
      Files.createDirectories(chart.resolve("templates"));
      Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: shipshape-probe\nversion: 0.1.0\n");
      Files.writeString(chart.resolve("templates/probe.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
          + "  name: probe\ndata:\n  answer: " + expression + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a probe chart into " + work, e);
    }
    TemplateCommand template = new Helm(chart).template().withName("probe");
    valuesFiles.forEach(template::withValuesFile);
    String yaml = GoSignals.restoring(template::call);
    return Manifests.parseYamlTrees(yaml, "probe").get(0).path("data").path("answer");
  }

  /** Asked once, on first use: a constant of the bundled library. */
  private static final class Defaults {
    static final List<String> API_VERSIONS = ask();

    private static List<String> ask() {
      try (ValueFiles work = ValueFiles.create()) {
        JsonNode list = Manifests.parseYamlTrees(render(work.directory(),
            "{{ toJson .Capabilities.APIVersions | quote }}").asText(), "APIVersions").get(0);
        List<String> versions = new ArrayList<>();
        list.forEach(v -> versions.add(v.asText()));
        return List.copyOf(versions);
      }
    }
  }
}
