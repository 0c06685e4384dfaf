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
}
