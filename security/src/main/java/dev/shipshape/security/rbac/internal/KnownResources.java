package dev.shipshape.security.rbac.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in resources: the API group of each, for requests that name a resource without its group (as
 * {@code kubectl auth can-i} resolves them through discovery), and which of them are requested without a
 * namespace, so that a RoleBinding cannot grant them (the cluster-scoped kinds of Kubernetes 1.34 and the targets
 * of impersonation). Resources not listed here must be written {@code resource.group}.
 */
public final class KnownResources {
  private static final Table TABLE = table();

  private KnownResources() {}

  private static Table table() {
    Table t = new Table();
    // A request on namespace X carries namespace X, so a RoleBinding in X grants it on X itself: not cluster-scoped.
    t.namespaced("", "pods", "services", "endpoints", "configmaps", "secrets", "serviceaccounts", "namespaces",
        "persistentvolumeclaims", "events", "replicationcontrollers", "resourcequotas", "limitranges", "podtemplates",
        "bindings");
    t.clusterScoped("", "nodes", "persistentvolumes", "componentstatuses", "users", "groups");
    t.namespaced("apps", "deployments", "statefulsets", "daemonsets", "replicasets", "controllerrevisions");
    t.namespaced("batch", "jobs", "cronjobs");
    t.namespaced("rbac.authorization.k8s.io", "roles", "rolebindings");
    t.clusterScoped("rbac.authorization.k8s.io", "clusterroles", "clusterrolebindings");
    t.namespaced("networking.k8s.io", "ingresses", "networkpolicies");
    t.clusterScoped("networking.k8s.io", "ingressclasses", "ipaddresses", "servicecidrs");
    t.namespaced("policy", "poddisruptionbudgets");
    t.namespaced("autoscaling", "horizontalpodautoscalers");
    t.clusterScoped("certificates.k8s.io", "certificatesigningrequests", "signers", "clustertrustbundles");
    t.clusterScoped("admissionregistration.k8s.io", "mutatingwebhookconfigurations",
        "validatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
        "mutatingadmissionpolicies", "mutatingadmissionpolicybindings");
    t.clusterScoped("storage.k8s.io", "storageclasses", "volumeattachments", "csidrivers", "csinodes",
        "volumeattributesclasses");
    t.clusterScoped("apiextensions.k8s.io", "customresourcedefinitions");
    t.clusterScoped("apiregistration.k8s.io", "apiservices");
    t.namespaced("coordination.k8s.io", "leases");
    t.namespaced("discovery.k8s.io", "endpointslices");
    t.clusterScoped("scheduling.k8s.io", "priorityclasses");
    t.clusterScoped("node.k8s.io", "runtimeclasses");
    t.clusterScoped("flowcontrol.apiserver.k8s.io", "flowschemas", "prioritylevelconfigurations");
    t.clusterScoped("internal.apiserver.k8s.io", "storageversions");
    t.clusterScoped("storagemigration.k8s.io", "storageversionmigrations");
    t.clusterScoped("resource.k8s.io", "deviceclasses", "resourceslices");
    t.clusterScoped("authentication.k8s.io", "tokenreviews", "selfsubjectreviews", "uids", "userextras");
    t.clusterScoped("authorization.k8s.io", "subjectaccessreviews", "selfsubjectaccessreviews",
        "selfsubjectrulesreviews");
    return t;
  }

  /**
   * True when a resource of this API group (or a subresource of it, such as {@code nodes/proxy}) is one of the
   * built-in ones whose requests carry no namespace; {@code *} as the group stands for every group.
   */
  public static boolean isClusterScoped(String apiGroup, String resource) {
    int slash = resource.indexOf('/');
    String base = slash < 0 ? resource : resource.substring(0, slash);
    String group = apiGroup.equals("*") ? TABLE.groups.get(base) : apiGroup;
    return group != null && TABLE.clusterScoped.contains(group + "/" + base);
  }

  /** The group of a built-in resource. */
  public static Optional<String> groupOf(String resource) {
    return Optional.ofNullable(TABLE.groups.get(resource));
  }

  /** Each resource's group, and the {@code group/resource} keys of the cluster-scoped ones. */
  private static final class Table {
    private final Map<String, String> groups = new HashMap<>();
    private final Set<String> clusterScoped = new HashSet<>();

    void namespaced(String group, String... resources) {
      for (String resource : resources) groups.put(resource, group);
    }

    void clusterScoped(String group, String... resources) {
      namespaced(group, resources);
      for (String resource : resources) clusterScoped.add(group + "/" + resource);
    }
  }
}
