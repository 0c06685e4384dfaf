package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Component} may know about the rest of its spec while it compiles. Namespaces are visible so that
 * a component can target "every tenant namespace"; they are the Namespaces that the spec's raw resources and its
 * other components produce.
 */
public interface CompileContext {

  /** The name of the spec being compiled. */
  String specName();

  /** The target Kubernetes version, {@code major.minor}, such as {@code 1.33}. */
  KubernetesVersion kubernetesVersion();

  /** Where the cluster runs, when the spec declares it ({@code ClusterSpec#clusterProfile()}). By default, empty. */
  default java.util.Optional<dev.shipshape.core.cluster.ClusterProfile> clusterProfile() {
    return java.util.Optional.empty();
  }

  /** Every Namespace the spec creates, in spec order. */
  List<Namespace> namespaces();

  /** The names of the Namespaces the spec creates whose labels include every entry of {@code labels}. */
  List<String> namespacesLabelled(Map<String, String> labels);

  /**
   * Whether objects of a kind ({@code Kind.group}, or {@code Kind} for the core group) are cluster-scoped: a
   * built-in kind by {@link BuiltInKinds}, a custom kind by the spec's CustomResourceDefinitions, those of its raw
   * resources and of every component. False for a kind neither built in nor defined by the spec. A component that
   * asks is compiled again, once every component's CRDs are known, when one of its answers would change. By default,
   * the built-in kinds only.
   */
  default boolean isClusterScoped(String groupKind) {
    return BuiltInKinds.isClusterScoped(groupKind);
  }
}
