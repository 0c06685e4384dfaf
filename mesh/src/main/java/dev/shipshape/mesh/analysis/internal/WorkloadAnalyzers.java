package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Istio's Deployment and Pod analyzers. */
final class WorkloadAnalyzers {
  private static final long PROXY_UID = 1337;

  private WorkloadAnalyzers() {}

  /**
   * A Pod, or a Deployment's pod template, runs as UID 1337 at pod or container level ({@code IST0144}): the UID
   * is reserved for the sidecar proxy, whose traffic the mesh does not intercept. The proxy container is exempt.
   */
  static final class ApplicationUid implements Analyzer {
    @Override
    public String name() {
      return "applicationUID.Analyzer";
    }

    @Override
    public Set<String> kinds() {
      return Set.of("Pod", "Deployment");
    }

    @Override
    public void analyze(MeshIndex index, Reporter out) {
      for (MeshObject pod : index.all("Pod")) check(pod, pod.spec(), "spec", out);
      for (MeshObject d : index.all("Deployment")) {
        check(d, d.spec().path("template").path("spec"), "spec.template.spec", out);
      }
    }

    private static void check(MeshObject object, JsonNode podSpec, String prefix, Reporter out) {
      List<String> fields = new ArrayList<>();
      if (podSpec.path("securityContext").path("runAsUser").asLong(-1) == PROXY_UID) {
        fields.add(prefix + ".securityContext.runAsUser");
      }
      List<JsonNode> containers = Json.list(podSpec.path("containers"));
      for (int i = 0; i < containers.size(); i++) {
        if (Mesh.PROXY_CONTAINER.equals(Json.text(containers.get(i).path("name")))) continue;
        if (containers.get(i).path("securityContext").path("runAsUser").asLong(-1) == PROXY_UID) {
          fields.add(prefix + ".containers[" + i + "].securityContext.runAsUser");
        }
      }
      if (fields.isEmpty()) return;
      out.report(IstioMessage.INVALID_APPLICATION_UID, object, fields.get(0),
          "user ID (UID) 1337 is reserved for the sidecar proxy (" + String.join(", ", fields) + ")",
          "run the application as another UID");
    }
  }

  /**
   * Services in a Deployment's namespace that select its pods: one port number with different protocols
   * ({@code IST0116}), or one target port behind different service ports ({@code IST0137}). Deployments outside
   * the mesh and Services without selector are skipped.
   */
  static final class MultiService implements Analyzer {
    @Override
    public String name() {
      return "deployment.MultiServiceAnalyzer";
    }

    @Override
    public Set<String> kinds() {
      return Set.of("Service", "Deployment", "Namespace");
    }

    @Override
    public void analyze(MeshIndex index, Reporter out) {
      // A Service without a selector selects no pod (its endpoints are managed by hand).
      SelectorIndex services = new SelectorIndex(index.all("Service"),
          svc -> Json.stringMap(svc.spec().path("selector")), SelectorIndex.Empty.SELECTS_NONE);
      for (MeshObject d : index.all("Deployment")) {
        if (!Injection.injected(index, d.namespace(), d.spec().path("template").path("metadata"))) continue;
        Map<String, String> labels = Json.stringMap(d.spec().path("template").path("metadata").path("labels"));
        Map<Integer, Set<String>> protocolsByPort = new LinkedHashMap<>();
        Map<String, Set<Integer>> portsByTarget = new LinkedHashMap<>();
        for (MeshObject svc : services.selecting(d.namespace(), labels)) {
          for (JsonNode port : Json.list(svc.spec().path("ports"))) {
            int number = port.path("port").asInt();
            String protocol = Json.text(port.path("protocol"));
            protocolsByPort.computeIfAbsent(number, k -> new LinkedHashSet<>())
                .add(protocol.isEmpty() ? "TCP" : protocol);
            String target = port.path("targetPort").isMissingNode()
                ? String.valueOf(number) : Json.text(port.path("targetPort"));
            portsByTarget.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(number);
          }
        }
        protocolsByPort.forEach((port, protocols) -> {
          if (protocols.size() < 2) return;
          out.report(IstioMessage.DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES, d, "spec.template.metadata.labels",
              "the Services selecting this Deployment use port " + port + " with protocols " + protocols,
              "use one protocol per port number across the Services");
        });
        portsByTarget.forEach((target, ports) -> {
          if (ports.size() < 2) return;
          out.report(IstioMessage.DEPLOYMENT_CONFLICTING_PORTS, d, "spec.template.metadata.labels",
              "the Services selecting this Deployment send target port " + target + " to service ports " + ports,
              "use one service port per target port across the Services");
        });
      }
    }
  }
}
