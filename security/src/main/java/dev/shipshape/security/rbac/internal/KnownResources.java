package dev.shipshape.security.rbac.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API group of the built-in resources, for requests that name a resource without its group (as
 * {@code kubectl auth can-i} resolves them through discovery). Resources not listed here must be written
 * {@code resource.group}.
 */
public final class KnownResources {
  private static final Map<String, String> GROUPS = groups();
  /** The built-in resources that are not namespaced (as {@code kubectl api-resources --namespaced=false} lists). */
  private static final Set<String> CLUSTER_SCOPED = Set.of("namespaces", "nodes", "persistentvolumes",
      "componentstatuses", "users", "groups", "clusterroles", "clusterrolebindings", "ingressclasses",
      "certificatesigningrequests", "mutatingwebhookconfigurations", "validatingwebhookconfigurations",
      "validatingadmissionpolicies", "validatingadmissionpolicybindings", "storageclasses", "volumeattachments",
      "csidrivers", "csinodes", "customresourcedefinitions", "priorityclasses", "runtimeclasses", "apiservices",
      "tokenreviews", "subjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews", "uids",
      "userextras");

  private static Map<String, String> groups() {
    Map<String, String> groups = new HashMap<>();
    put(groups, "", "pods", "services", "endpoints", "configmaps", "secrets", "serviceaccounts", "namespaces",
        "nodes", "persistentvolumes", "persistentvolumeclaims", "events", "replicationcontrollers", "resourcequotas",
        "limitranges", "podtemplates", "bindings", "componentstatuses", "users", "groups");
    put(groups, "apps", "deployments", "statefulsets", "daemonsets", "replicasets", "controllerrevisions");
    put(groups, "batch", "jobs", "cronjobs");
    put(groups, "rbac.authorization.k8s.io", "roles", "rolebindings", "clusterroles", "clusterrolebindings");
    put(groups, "networking.k8s.io", "ingresses", "ingressclasses", "networkpolicies");
    put(groups, "policy", "poddisruptionbudgets");
    put(groups, "autoscaling", "horizontalpodautoscalers");
    put(groups, "certificates.k8s.io", "certificatesigningrequests");
    put(groups, "admissionregistration.k8s.io", "mutatingwebhookconfigurations", "validatingwebhookconfigurations",
        "validatingadmissionpolicies", "validatingadmissionpolicybindings");
    put(groups, "storage.k8s.io", "storageclasses", "volumeattachments", "csidrivers", "csinodes");
    put(groups, "apiextensions.k8s.io", "customresourcedefinitions");
    put(groups, "coordination.k8s.io", "leases");
    put(groups, "discovery.k8s.io", "endpointslices");
    put(groups, "scheduling.k8s.io", "priorityclasses");
    put(groups, "authentication.k8s.io", "tokenreviews", "uids", "userextras");
    put(groups, "authorization.k8s.io", "subjectaccessreviews", "selfsubjectaccessreviews");
    return Map.copyOf(groups);
  }

  private KnownResources() {}

  private static void put(Map<String, String> groups, String group, String... resources) {
    for (String r : List.of(resources)) groups.put(r, group);
  }

  /** True for a built-in resource that is not namespaced, or a subresource of one (such as {@code nodes/proxy}). */
  public static boolean isClusterScoped(String resource) {
    int slash = resource.indexOf('/');
    return CLUSTER_SCOPED.contains(slash < 0 ? resource : resource.substring(0, slash));
  }

  /** The group of a built-in resource. */
  public static Optional<String> groupOf(String resource) {
    return Optional.ofNullable(GROUPS.get(resource));
  }
}
