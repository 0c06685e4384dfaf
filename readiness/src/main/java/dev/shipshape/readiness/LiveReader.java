package dev.shipshape.readiness;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads, never writes, what readiness looks at on a live cluster: one list call per kind, across namespaces, and
 * one get of kube-proxy's ConfigMap. Pods and Jobs that a controller owns are left to their controller (their
 * templates are checked there); static pods, which their Node owns, stay. Kinds of add-ons (Velero, the Prometheus
 * Operator) whose CRD is not installed count as none, with a note.
 */
final class LiveReader {
  private final List<HasMetadata> objects = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private LiveReader() {}

  /** Reads the cluster. */
  static LiveReader read(KubernetesClient client) {
    LiveReader r = new LiveReader();
    List<HasMetadata> all = r.objects;
    all.addAll(client.namespaces().list().getItems());
    client.pods().inAnyNamespace().list().getItems().stream()
        .filter(p -> ownedOnlyBy(p, "Node")).forEach(all::add);
    all.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    all.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    all.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
    client.batch().v1().jobs().inAnyNamespace().list().getItems().stream()
        .filter(j -> ownedOnlyBy(j, "")).forEach(all::add);
    all.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    all.addAll(client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems());
    all.addAll(client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems());
    all.addAll(client.persistentVolumeClaims().inAnyNamespace().list().getItems());
    all.addAll(client.serviceAccounts().inAnyNamespace().list().getItems());
    all.addAll(client.services().inAnyNamespace().list().getItems());
    all.addAll(client.discovery().v1().endpointSlices().inAnyNamespace().list().getItems());
    all.addAll(client.network().networkPolicies().inAnyNamespace().list().getItems());
    all.addAll(client.rbac().roles().inAnyNamespace().list().getItems());
    all.addAll(client.rbac().clusterRoles().list().getItems());
    all.addAll(client.rbac().roleBindings().inAnyNamespace().list().getItems());
    all.addAll(client.rbac().clusterRoleBindings().list().getItems());
    all.addAll(client.apiextensions().v1().customResourceDefinitions().list().getItems());
    var kubeProxy = client.configMaps().inNamespace("kube-system").withName("kube-proxy").get();
    if (kubeProxy != null) all.add(kubeProxy);
    r.custom(client, "velero.io", "Schedule", "schedules", "Velero");
    r.custom(client, "velero.io", "BackupStorageLocation", "backupstoragelocations", "Velero");
    r.custom(client, "monitoring.coreos.com", "PrometheusRule", "prometheusrules", "the Prometheus Operator");
    return r;
  }

  List<HasMetadata> objects() {
    return objects;
  }

  /** What could not be read, and why. */
  List<String> notes() {
    return notes;
  }

  private void custom(KubernetesClient client, String group, String kind, String plural, String addOn) {
    Consumer<GenericKubernetesResource> add = objects::add;
    String apiVersion = group + "/v1";
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1")
        .withKind(kind).withPlural(plural).withNamespaced(true).build();
    try {
      client.genericKubernetesResources(context).inAnyNamespace().list().getItems().forEach(add);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
      notes.add("no " + kind + " objects: the cluster does not serve " + apiVersion + " (" + addOn
          + " is not installed)");
    }
  }

  /** True without owners, or when every owner is of {@code kind} ({@code ""} for none). */
  private static boolean ownedOnlyBy(HasMetadata o, String kind) {
    List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
    return owners == null || owners.isEmpty() || owners.stream().allMatch(r -> kind.equals(r.getKind()));
  }
}
