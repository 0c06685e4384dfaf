package dev.shipshape.readiness;

import dev.shipshape.core.Component;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.cluster.ClusterProfile;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What readiness looks at: the objects (a plan's, or a live cluster's), indexed once by kind, the Kubernetes
 * version they are for, for a spec its components (which hold what compiles to no object, such as the API
 * server's encryption configuration), and where the cluster runs (the spec's declared profile, or a live cluster's
 * detected one).
 */
final class ReadinessInput {
  private final List<HasMetadata> objects;
  private final KubernetesVersion version;
  private final Optional<List<Component>> components;
  private final boolean live;
  private final Optional<ClusterProfile> profile;
  private final Map<String, List<HasMetadata>> byKind = new HashMap<>();

  private ReadinessInput(List<? extends HasMetadata> objects, KubernetesVersion version,
      Optional<List<Component>> components, boolean live, Optional<ClusterProfile> profile) {
    this.objects = List.copyOf(objects);
    this.profile = profile;
    this.version = version;
    this.components = components;
    this.live = live;
    for (HasMetadata o : this.objects) {
      ResourceRef ref = ResourceRef.of(o);
      byKind.computeIfAbsent(key(ref.group(), ref.kind()), k -> new ArrayList<>()).add(o);
    }
  }

  /** A spec's plan: its objects, its target version, the spec's components and its declared profile. */
  static ReadinessInput ofSpec(List<? extends HasMetadata> objects, KubernetesVersion version,
      List<Component> components, Optional<ClusterProfile> profile) {
    return new ReadinessInput(objects, version, Optional.of(List.copyOf(components)), false, profile);
  }

  /** A plan without its spec. */
  static ReadinessInput ofPlan(List<? extends HasMetadata> objects, KubernetesVersion version) {
    return new ReadinessInput(objects, version, Optional.empty(), false, Optional.empty());
  }

  /** A live cluster's objects, server version and detected profile. */
  static ReadinessInput ofLive(List<? extends HasMetadata> objects, KubernetesVersion version,
      Optional<ClusterProfile> profile) {
    return new ReadinessInput(objects, version, Optional.empty(), true, profile);
  }

  private static String key(String group, String kind) {
    return group + "/" + kind;
  }

  List<HasMetadata> objects() {
    return objects;
  }

  /** The objects of one kind, in input order. */
  List<HasMetadata> objects(String group, String kind) {
    return byKind.getOrDefault(key(group, kind), List.of());
  }

  KubernetesVersion version() {
    return version;
  }

  /** The spec's components; empty for a plan without its spec and for a live cluster. */
  Optional<List<Component>> components() {
    return components;
  }

  /** Where the cluster runs, when known. */
  Optional<ClusterProfile> profile() {
    return profile;
  }

  /** The profile when its provider runs the control plane, etcd and kube-proxy's configuration. */
  Optional<ClusterProfile> managedProfile() {
    return profile.filter(ClusterProfile::managed);
  }

  boolean live() {
    return live;
  }

  /** {@code the spec} or {@code the cluster}, for messages. */
  String subject() {
    return live ? "the cluster" : "the spec";
  }
}
