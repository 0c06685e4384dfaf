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
  /**
   * The built-in resources, by API group, whose requests carry no namespace, so that a RoleBinding cannot grant
   * them: the cluster-scoped kinds of Kubernetes 1.34, and the targets of impersonation (users, groups, uids,
   * userextras). {@code namespaces} is not among them: a request on namespace X carries namespace X, so a
   * RoleBinding in X grants it on X itself.
   */
  private static final Map<String, Set<String>> CLUSTER_SCOPED = Map.ofEntries(
      Map.entry("", Set.of("nodes", "persistentvolumes", "componentstatuses", "users", "groups")),
      Map.entry("rbac.authorization.k8s.io", Set.of("clusterroles", "clusterrolebindings")),
      Map.entry("networking.k8s.io", Set.of("ingressclasses", "ipaddresses", "servicecidrs")),
      Map.entry("certificates.k8s.io", Set.of("certificatesigningrequests", "signers", "clustertrustbundles")),
      Map.entry("admissionregistration.k8s.io", Set.of("mutatingwebhookconfigurations",
          "validatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
          "mutatingadmissionpolicies", "mutatingadmissionpolicybindings")),
      Map.entry("storage.k8s.io", Set.of("storageclasses", "volumeattachments", "csidrivers", "csinodes",
          "volumeattributesclasses")),
      Map.entry("apiextensions.k8s.io", Set.of("customresourcedefinitions")),
      Map.entry("apiregistration.k8s.io", Set.of("apiservices")),
      Map.entry("scheduling.k8s.io", Set.of("priorityclasses")),
      Map.entry("node.k8s.io", Set.of("runtimeclasses")),
      Map.entry("flowcontrol.apiserver.k8s.io", Set.of("flowschemas", "prioritylevelconfigurations")),
      Map.entry("internal.apiserver.k8s.io", Set.of("storageversions")),
      Map.entry("storagemigration.k8s.io", Set.of("storageversionmigrations")),
      Map.entry("resource.k8s.io", Set.of("deviceclasses", "resourceslices")),
      Map.entry("authentication.k8s.io", Set.of("tokenreviews", "selfsubjectreviews", "uids", "userextras")),
      Map.entry("authorization.k8s.io", Set.of("subjectaccessreviews", "selfsubjectaccessreviews",
          "selfsubjectrulesreviews")));

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

  /**
   * True when a resource of this API group (or a subresource of it, such as {@code nodes/proxy}) is one of the
   * built-in ones whose requests carry no namespace; {@code *} as the group stands for every group.
   */
  public static boolean isClusterScoped(String apiGroup, String resource) {
    int slash = resource.indexOf('/');
    String base = slash < 0 ? resource : resource.substring(0, slash);
    if (apiGroup.equals("*")) return CLUSTER_SCOPED.values().stream().anyMatch(names -> names.contains(base));
    return CLUSTER_SCOPED.getOrDefault(apiGroup, Set.of()).contains(base);
  }

  /** The group of a built-in resource. */
  public static Optional<String> groupOf(String resource) {
    return Optional.ofNullable(GROUPS.get(resource));
  }
}
