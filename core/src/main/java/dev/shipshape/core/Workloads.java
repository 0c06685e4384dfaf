package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pods and the workloads that make pods: their pod templates stand for the pods they will run. Covers Pod,
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job and CronJob, typed or generic.
 */
public final class Workloads {
  /** The kinds whose objects run pods. */
  public static final Set<String> POD_KINDS = Set.of(
      "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob");

  private Workloads() {}

  /** True when the object runs pods. */
  public static boolean runsPods(HasMetadata object) {
    return POD_KINDS.contains(object.getKind()) && isWorkloadGroup(ResourceRef.groupOf(object.getApiVersion()));
  }

  private static boolean isWorkloadGroup(String group) {
    return group.isEmpty() || group.equals("apps") || group.equals("batch") || group.equals("extensions");
  }

  /**
   * The objects of the spec that run pods in {@code namespace}, in spec order. Checks of every tenant ask for their
   * own namespace's: the spec is read once per plan ({@link SpecContext#shared}), not once per question.
   */
  public static List<HasMetadata> inNamespace(SpecContext context, String namespace) {
    return context.shared(ByNamespace.class, ByNamespace::new).workloads.getOrDefault(namespace, List.of());
  }

  /** The spec's objects that run pods, by namespace. */
  private static final class ByNamespace {
    final Map<String, List<HasMetadata>> workloads = new HashMap<>();

    ByNamespace(SpecContext context) {
      for (HasMetadata o : context.resources()) {
        String namespace = o.getMetadata().getNamespace();
        if (namespace != null && runsPods(o)) workloads.computeIfAbsent(namespace, k -> new ArrayList<>()).add(o);
      }
      workloads.replaceAll((namespace, objects) -> List.copyOf(objects));
    }
  }

  /**
   * The pod template of a workload; for a Pod, its own metadata and spec. Empty for other kinds and for workloads
   * without a template.
   */
  public static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
    if (!runsPods(object)) return Optional.empty();
    HasMetadata typed = typed(object);
    PodTemplateSpec template = null;
    if (typed instanceof Pod) {
      Pod pod = (Pod) typed;
      template = new PodTemplateSpec(pod.getMetadata(), pod.getSpec());
    } else if (typed instanceof Deployment && ((Deployment) typed).getSpec() != null) {
      template = ((Deployment) typed).getSpec().getTemplate();
    } else if (typed instanceof StatefulSet && ((StatefulSet) typed).getSpec() != null) {
      template = ((StatefulSet) typed).getSpec().getTemplate();
    } else if (typed instanceof DaemonSet && ((DaemonSet) typed).getSpec() != null) {
      template = ((DaemonSet) typed).getSpec().getTemplate();
    } else if (typed instanceof ReplicaSet && ((ReplicaSet) typed).getSpec() != null) {
      template = ((ReplicaSet) typed).getSpec().getTemplate();
    } else if (typed instanceof ReplicationController && ((ReplicationController) typed).getSpec() != null) {
      template = ((ReplicationController) typed).getSpec().getTemplate();
    } else if (typed instanceof Job && ((Job) typed).getSpec() != null) {
      template = ((Job) typed).getSpec().getTemplate();
    } else if (typed instanceof CronJob && ((CronJob) typed).getSpec() != null
        && ((CronJob) typed).getSpec().getJobTemplate() != null
        && ((CronJob) typed).getSpec().getJobTemplate().getSpec() != null) {
      template = ((CronJob) typed).getSpec().getJobTemplate().getSpec().getTemplate();
    }
    return Optional.ofNullable(template).filter(t -> t.getSpec() != null);
  }

  /** Where the pod spec sits in an object of this kind, for messages: {@code spec.template.spec} and so on. */
  public static String podSpecPath(String kind) {
    switch (kind) {
      case "Pod":
        return "spec";
      case "CronJob":
        return "spec.jobTemplate.spec.template.spec";
      default:
        return "spec.template.spec";
    }
  }

  /** The typed fabric8 model of a generic object of a built-in kind (or the object itself). */
  public static HasMetadata typed(HasMetadata object) {
    if (object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
      return Manifests.fromTree(Manifests.toTree(object));
    }
    return object;
  }
}
