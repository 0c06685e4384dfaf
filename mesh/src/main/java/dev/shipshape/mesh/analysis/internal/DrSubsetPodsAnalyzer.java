package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DestinationRule's host is a Service or ServiceEntry ({@code IST0174}), and each subset's labels select some pod
 * behind a Service host ({@code IST0173}). A pod's labels include the topology labels of its node
 * ({@code topology.kubernetes.io/*}, {@code topology.istio.io/*}, {@code kubernetes.io/hostname}) that have a value.
 */
final class DrSubsetPodsAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "destinationrule.SubsetSelectPodAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("DestinationRule", "Pod", "Service", "ServiceEntry", "Node");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    ServiceRegistry registry = new ServiceRegistry(index);
    for (MeshObject dr : index.all("DestinationRule")) {
      String host = Json.text(dr.spec().path("host"));
      Optional<ServiceRegistry.Entry> entry = registry.lookup(dr.namespace(), host);
      if (entry.isEmpty()) {
        out.report(IstioMessage.UNKNOWN_DESTINATION_RULE_HOST, dr, "spec.host",
            "DestinationRule for host " + host + " matches no Service or ServiceEntry",
            "fix the host, or create the Service or ServiceEntry it means");
        continue;
      }
      MeshObject source = entry.get().source();
      if (!source.kind().equals("Service")) continue;
      Map<String, String> selector = Json.stringMap(source.spec().path("selector"));
      if (selector.isEmpty()) continue;
      List<Map<String, String>> pods = new ArrayList<>();
      for (MeshObject pod : index.selected("Pod", source.namespace(), selector)) pods.add(withTopology(index, pod));
      List<JsonNode> subsets = Json.list(dr.spec().path("subsets"));
      for (int i = 0; i < subsets.size(); i++) {
        Map<String, String> labels = Json.stringMap(subsets.get(i).path("labels"));
        if (pods.stream().anyMatch(p -> Selectors.selects(labels, p))) continue;
        String subset = Json.text(subsets.get(i).path("name"));
        out.report(IstioMessage.DESTINATION_RULE_SUBSET_NOT_SELECT_PODS, dr, "spec.subsets[" + i + "].labels",
            "subset " + subset + " of DestinationRule " + dr.fullName() + " selects no pod of Service "
                + source.fullName() + " with labels " + labels,
            "fix the subset's labels, or deploy pods with them behind " + host);
      }
    }
  }

  private static Map<String, String> withTopology(MeshIndex index, MeshObject pod) {
    Map<String, String> labels = new HashMap<>(pod.labels());
    String node = Json.text(pod.spec().path("nodeName"));
    if (node.isEmpty()) return labels;
    index.find("Node", "", node).ifPresent(n -> n.labels().forEach((k, v) -> {
      boolean topology = k.startsWith("topology.kubernetes.io/") || k.startsWith("topology.istio.io/")
          || k.equals("kubernetes.io/hostname");
      if (topology && !v.isEmpty()) labels.putIfAbsent(k, v);
    }));
    return labels;
  }
}
