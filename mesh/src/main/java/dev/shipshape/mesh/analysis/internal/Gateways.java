package dev.shipshape.mesh.analysis.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What Istio's gateway analyzers share: a Gateway's selector and the pods it selects, in every namespace. */
final class Gateways {
  private Gateways() {}

  static Map<String, String> selector(MeshObject gateway) {
    return Json.stringMap(gateway.spec().path("selector"));
  }

  /** The pods the gateway's selector selects; Gateways are not scoped to their namespace by default. */
  static List<MeshObject> pods(MeshIndex index, MeshObject gateway) {
    return index.selected("Pod", selector(gateway));
  }

  /** The selector as Kubernetes prints one: {@code k1=v1,k2=v2}, keys sorted. */
  static String selectorString(MeshObject gateway) {
    return selector(gateway).entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }
}
