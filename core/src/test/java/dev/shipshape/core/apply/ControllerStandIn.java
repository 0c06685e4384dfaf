package dev.shipshape.core.apply;

import dev.shipshape.core.plan.Gate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Does, when a gate is first waited for, what a real control plane does and the CRUD mock does not: the API server
 * gives a new Namespace phase {@code Active} at creation, the apiextensions controller marks a CRD
 * {@code Established}. It writes only when the status is still missing, so a run that finds it set sends no write.
 */
final class ControllerStandIn implements ApplyListener {
  private final KubernetesClient client;

  ControllerStandIn(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void waitStart(Gate gate) {
    switch (gate.target().kind()) {
      case "Namespace":
        var namespace = client.namespaces().withName(gate.target().name());
        if (namespace.get() != null && namespace.get().getStatus() == null) {
          patchStatus(client.genericKubernetesResources("v1", "Namespace").withName(gate.target().name()),
              Map.of("phase", "Active"));
        }
        break;
      case "CustomResourceDefinition":
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
            .withName(gate.target().name()).get();
        if (crd != null && crd.getStatus() == null) {
          patchStatus(client.genericKubernetesResources("apiextensions.k8s.io/v1", "CustomResourceDefinition")
              .withName(gate.target().name()), Map.of("conditions",
              List.of(Map.of("type", "Established", "status", "True"))));
        }
        break;
      default:
        break;
    }
  }

  private static void patchStatus(io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource,
      Map<String, Object> status) {
    GenericKubernetesResource patch = new GenericKubernetesResource();
    patch.setAdditionalProperty("status", status);
    resource.patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }
}
