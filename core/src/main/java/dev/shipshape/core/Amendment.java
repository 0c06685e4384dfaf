package dev.shipshape.core;

import dev.shipshape.core.internal.plan.ScopedTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.function.Predicate;
import org.immutables.value.Value;

/**
 * Labels and annotations that a {@link Component} adds to objects other components (or raw resources) produce:
 * Pod Security labels on tenant Namespaces, backup-hook annotations on the pod templates of workloads, and the
 * like. An amendment only adds: setting a key the object already has with another value is an error, and an
 * amendment that matches no object is a warning.
 *
 * <pre>{@code
 * Amendment.builder()
 *     .description("Pod Security labels for tenant namespaces")
 *     .target(Amendment.namespacesLabelled(Map.of("tenant", "true")))
 *     .putLabels("pod-security.kubernetes.io/enforce", "restricted")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Amendment {

  /** What the amendment is for, as problems name it. */
  public abstract String description();

  /**
   * The objects it changes. The targets of this class's factories are tested only against the objects they can
   * match, found by name, namespace or label; a predicate of your own is tested against every compiled object.
   */
  @Value.Auxiliary
  public abstract Predicate<HasMetadata> target();

  /** Labels added to {@code metadata.labels}. */
  public abstract Map<String, String> labels();

  /** Annotations added to {@code metadata.annotations}. */
  public abstract Map<String, String> annotations();

  /** Annotations added to the pod template of workloads (to a Pod's own metadata), see {@link Workloads}. */
  public abstract Map<String, String> podTemplateAnnotations();

  public static Builder builder() {
    return ImmutableAmendment.builder();
  }

  /** Namespaces with one of these names. */
  public static Predicate<HasMetadata> namespacesNamed(java.util.Collection<String> names) {
    java.util.Set<String> wanted = java.util.Set.copyOf(names);
    return ScopedTarget.namespacesNamed(wanted, o -> isNamespace(o) && wanted.contains(o.getMetadata().getName()));
  }

  /** Namespaces whose labels include every entry of {@code labels}. */
  public static Predicate<HasMetadata> namespacesLabelled(Map<String, String> labels) {
    Map<String, String> wanted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    return ScopedTarget.namespacesLabelled(wanted, o -> isNamespace(o) && o.getMetadata().getLabels() != null
        && o.getMetadata().getLabels().entrySet().containsAll(wanted.entrySet()));
  }

  /**
   * Workloads (and Pods) in {@code namespace} whose pod template labels include every entry of {@code podLabels};
   * an empty map matches every workload of the namespace.
   */
  public static Predicate<HasMetadata> workloads(String namespace, Map<String, String> podLabels) {
    return ScopedTarget.inNamespace(namespace, o -> namespace.equals(o.getMetadata().getNamespace())
        && Workloads.podTemplate(o)
        .map(t -> t.getMetadata() == null || t.getMetadata().getLabels() == null ? Map.<String, String>of()
            : t.getMetadata().getLabels())
        .map(labels -> labels.entrySet().containsAll(podLabels.entrySet()))
        .orElse(false));
  }

  private static boolean isNamespace(HasMetadata o) {
    return "Namespace".equals(o.getKind()) && "v1".equals(o.getApiVersion());
  }

  @Override
  public String toString() {
    return "Amendment(" + description() + ")";
  }

  /** Builds {@link Amendment}s. */
  public interface Builder {
    /** Starts from every attribute of {@code amendment}. */
    Builder from(Amendment amendment);

    Builder description(String description);

    Builder target(Predicate<HasMetadata> target);

    Builder putLabels(String key, String value);

    Builder putAllLabels(Map<String, ? extends String> labels);

    Builder putAnnotations(String key, String value);

    Builder putAllAnnotations(Map<String, ? extends String> annotations);

    Builder putPodTemplateAnnotations(String key, String value);

    Builder putAllPodTemplateAnnotations(Map<String, ? extends String> annotations);

    Amendment build();
  }
}
