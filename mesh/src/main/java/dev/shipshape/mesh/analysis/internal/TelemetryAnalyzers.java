package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Istio's three Telemetry analyzers. */
final class TelemetryAnalyzers {
  private TelemetryAnalyzers() {}

  /**
   * An access-logging entry names a provider, or the mesh has a default one; Istio's default mesh config has none,
   * so an entry without providers that is not {@code disabled} is ignored ({@code IST0157}).
   */
  static final class Provider implements Analyzer {
    @Override
    public String name() {
      return "telemetry.ProviderAnalyzer";
    }

    @Override
    public Set<String> kinds() {
      return Set.of("Telemetry");
    }

    @Override
    public void analyze(MeshIndex index, Reporter out) {
      for (MeshObject telemetry : index.all("Telemetry")) {
        List<JsonNode> logging = Json.list(telemetry.spec().path("accessLogging"));
        for (int i = 0; i < logging.size(); i++) {
          JsonNode entry = logging.get(i);
          if (!Json.list(entry.path("providers")).isEmpty() || entry.path("disabled").asBoolean(false)) continue;
          out.report(IstioMessage.INVALID_TELEMETRY_PROVIDER, telemetry, "spec.accessLogging[" + i + "].providers",
              "access logging entry " + i + " names no provider and the mesh has no default access log provider,"
                  + " so it is ignored",
              "name a provider, such as envoy, or set defaultProviders.accessLogging in the mesh config");
        }
      }
    }
  }

  /** At most one Telemetry per namespace without a selector ({@code IST0160}). */
  static final class DefaultSelector implements Analyzer {
    @Override
    public String name() {
      return "telemetry.DefaultSelectorAnalyzer";
    }

    @Override
    public Set<String> kinds() {
      return Set.of("Telemetry");
    }

    @Override
    public void analyze(MeshIndex index, Reporter out) {
      Map<String, List<MeshObject>> byNamespace = new LinkedHashMap<>();
      for (MeshObject t : index.all("Telemetry")) {
        if (!hasSelector(t)) byNamespace.computeIfAbsent(t.namespace(), k -> new ArrayList<>()).add(t);
      }
      byNamespace.forEach((ns, list) -> {
        if (list.size() < 2) return;
        for (MeshObject t : list) {
          out.report(IstioMessage.MULTIPLE_TELEMETRIES_WITHOUT_WORKLOAD_SELECTORS, t, "spec.selector",
              "the Telemetries " + MeshObject.fullNames(list) + " in namespace " + ns + " have no selector",
              "keep one namespace-wide Telemetry and give the others a selector");
        }
      });
    }
  }

  /**
   * A Telemetry selector selects some pod of its namespace ({@code IST0101}), and no pod is selected by two
   * Telemetries ({@code IST0159}).
   */
  static final class Selector implements Analyzer {
    @Override
    public String name() {
      return "telemetry.SelectorAnalyzer";
    }

    @Override
    public Set<String> kinds() {
      return Set.of("Telemetry", "Pod");
    }

    @Override
    public void analyze(MeshIndex index, Reporter out) {
      Map<String, List<MeshObject>> byPod = new LinkedHashMap<>();
      for (MeshObject t : index.all("Telemetry")) {
        if (!hasSelector(t)) continue;
        Map<String, String> selector = Json.stringMap(t.spec().path("selector").path("matchLabels"));
        boolean any = false;
        for (MeshObject pod : index.selected("Pod", t.namespace(), selector)) {
          any = true;
          byPod.computeIfAbsent(pod.fullName(), k -> new ArrayList<>()).add(t);
        }
        if (!any) {
          out.report(IstioMessage.REFERENCED_RESOURCE_NOT_FOUND, t, "spec.selector",
              "referenced selector not found: \"" + selector + "\"", "fix the selector, or deploy the workload");
        }
      }
      byPod.forEach((pod, list) -> {
        if (list.size() < 2) return;
        for (MeshObject t : list) {
          out.report(IstioMessage.CONFLICTING_TELEMETRY_WORKLOAD_SELECTORS, t, "spec.selector",
              "the Telemetries " + MeshObject.fullNames(list) + " select the same workload pod " + pod,
              "make the selectors select disjoint pods");
        }
      });
    }
  }

  private static boolean hasSelector(MeshObject telemetry) {
    return telemetry.spec().path("selector").isObject();
  }

}
