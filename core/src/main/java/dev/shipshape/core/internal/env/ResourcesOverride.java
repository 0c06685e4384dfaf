package dev.shipshape.core.internal.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code resources} (requests and limits) of one container of one workload, replaced as a whole. */
public record ResourcesOverride(ResourceRef workload, String container, ResourceRequirements resources)
    implements EnvironmentOverride {

  public ResourcesOverride {
    Objects.requireNonNull(workload, "workload == null");
    Objects.requireNonNull(container, "container == null");
    resources = Manifests.convert(Objects.requireNonNull(resources, "resources == null"), ResourceRequirements.class);
    if (!Workloads.POD_KINDS.contains(workload.kind())) {
      throw new IllegalArgumentException(workload + " runs no pods — name a Pod, Deployment, StatefulSet, DaemonSet, "
          + "ReplicaSet, Job or CronJob");
    }
  }

  @Override
  public String description() {
    return "resources of container " + container + " of " + workload + ": " + Manifests.toTree(resources);
  }

  @Override
  public Optional<ResourceRef> onlyObject() {
    return Optional.of(workload);
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (!object.ref().equals(workload)) return false;
    String podSpecPath = Workloads.podSpecPath(workload.kind());
    JsonNode podSpec = object.tree();
    for (String part : podSpecPath.split("\\.")) podSpec = podSpec.path(part);
    List<String> names = new ArrayList<>();
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : podSpec.path(list)) {
        if (container.equals(c.path("name").asText())) {
          ((ObjectNode) c).set("resources", Manifests.toTree(resources));
          return true;
        }
        names.add(c.path("name").asText());
      }
    }
    object.report(Problem.error(workload, podSpecPath + ".containers",
        "the environment sets the resources of container '" + container + "', which " + workload + " does not have",
        "name one of its containers: " + String.join(", ", names)));
    return true;
  }
}
