package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the server serves, from API discovery, one request per group-version, remembered for the run. */
final class ServedKinds {
  private final KubernetesClient client;
  private final Map<String, Optional<APIResourceList>> discovered = new ConcurrentHashMap<>();

  ServedKinds(KubernetesClient client) {
    this.client = client;
  }

  /** True when the server answers API discovery (fabric8's mock server does not). */
  boolean servesDiscovery() {
    return discover("v1").map(list -> !list.getResources().isEmpty()).orElse(false);
  }

  /** True when the server serves objects of this kind under this apiVersion. */
  boolean serves(String apiVersion, String kind) {
    return discover(apiVersion).map(list -> list.getResources().stream()
        .anyMatch(res -> kind.equals(res.getKind()) && !res.getName().contains("/"))).orElse(false);
  }

  /** The group-kinds ({@code Kind.group}) that the CustomResourceDefinitions among these objects define. */
  static Set<String> definedBy(Collection<PlannedResource> resources) {
    Set<String> defined = new LinkedHashSet<>();
    for (PlannedResource r : resources) {
      if (r.ref().groupKind().equals("CustomResourceDefinition.apiextensions.k8s.io")) {
        JsonNode spec = Manifests.toTree(r.object()).path("spec");
        defined.add(spec.path("names").path("kind").asText() + "." + spec.path("group").asText());
      }
    }
    return defined;
  }

  private Optional<APIResourceList> discover(String apiVersion) {
    return discovered.computeIfAbsent(apiVersion, v -> {
      try {
        APIResourceList list = client.getApiResources(v);
        return list == null || list.getResources() == null ? Optional.empty() : Optional.of(list);
      } catch (KubernetesClientException e) {
        return Optional.empty();
      }
    });
  }
}
