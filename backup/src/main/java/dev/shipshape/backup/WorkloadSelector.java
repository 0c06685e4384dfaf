package dev.shipshape.backup;

import dev.shipshape.core.Amendment;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * The workloads of a spec in one namespace whose pod template labels include every entry of {@link #podLabels}
 * (Kubernetes {@code matchLabels} semantics); no labels select every workload of the namespace. Workloads are the
 * kinds with a pod template: Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs, …
 *
 * <pre>{@code
 * WorkloadSelector.of("t1", Map.of("app", "db"));
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class WorkloadSelector {

  public abstract String namespace();

  /** The pod labels a workload's pod template must carry. By default, none: every workload of the namespace. */
  public abstract Map<String, String> podLabels();

  public static Builder builder() {
    return ImmutableWorkloadSelector.builder();
  }

  /** The workloads of {@code namespace} whose pods carry every label of {@code podLabels}. */
  public static WorkloadSelector of(String namespace, Map<String, String> podLabels) {
    return builder().namespace(namespace).putAllPodLabels(podLabels).build();
  }

  /** Whether {@code object} is a workload this selector takes. */
  public Predicate<HasMetadata> predicate() {
    return Amendment.workloads(namespace(), podLabels());
  }

  @Override
  public String toString() {
    return "workloads in " + namespace() + (podLabels().isEmpty() ? "" : " with pod labels " + podLabels());
  }

  @Value.Check
  protected void check() {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ns = ResourceRef.core("Namespace", null, namespace());
    Names.checkDns1123Label(namespace()).forEach(p -> problems.add(Problem.error(ns, "metadata.name",
        "namespace '" + namespace() + "' " + p, "use a DNS-1123 label such as 't1'")));
    podLabels().forEach((key, value) -> {
      Names.checkLabelKey(key).forEach(p -> problems.add(Problem.error(ns, "podLabels",
          "pod label '" + key + "': " + p, "use a label key such as 'app' or 'example.com/app'")));
      Names.checkLabelValue(value).forEach(p -> problems.add(Problem.error(ns, "podLabels." + key,
          "pod label '" + key + "': " + p, "use a label value such as 'db'")));
    });
    if (!problems.isEmpty()) throw new SpecValidationException("WorkloadSelector " + namespace(), problems);
  }

  /** Builds {@link WorkloadSelector}s. */
  public interface Builder {
    /** Starts from every attribute of {@code selector}. */
    Builder from(WorkloadSelector selector);

    Builder namespace(String namespace);

    Builder putPodLabels(String key, String value);

    Builder putAllPodLabels(Map<String, ? extends String> labels);

    /** Replaces the pod labels. */
    Builder podLabels(Map<String, ? extends String> labels);

    WorkloadSelector build();
  }
}
