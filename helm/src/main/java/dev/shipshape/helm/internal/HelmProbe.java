package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.shipshape.core.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the bundled Helm itself, by rendering a one-template chart: its default API versions, and whether a
 * version meets a chart's {@code kubeVersion} constraint (with {@code semverCompare}, which parses constraints with
 * the same library and rules as Helm's own kubeVersion check).
 */
final class HelmProbe {
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

  private static JsonNode render(Path work, String expression) {
    Path chart = work.resolve("shipshape-probe");
    try {
      Files.createDirectories(chart.resolve("templates"));
      Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: shipshape-probe\nversion: 0.1.0\n");
      Files.writeString(chart.resolve("templates/probe.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
          + "  name: probe\ndata:\n  answer: " + expression + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a probe chart into " + work, e);
    }
    String yaml = GoSignals.restoring(() -> new Helm(chart).template().withName("probe").call());
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
