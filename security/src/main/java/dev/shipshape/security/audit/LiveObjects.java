package dev.shipshape.security.audit;

import dev.shipshape.core.KubernetesVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads, never writes, the objects the audit rules look at from a live cluster. */
final class LiveObjects {
  private LiveObjects() {}

  static List<HasMetadata> read(KubernetesClient client) {
    List<HasMetadata> all = new ArrayList<>();
    all.addAll(client.namespaces().list().getItems());
    client.pods().inAnyNamespace().list().getItems().stream()
        .filter(p -> p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty())
        .forEach(all::add);
    all.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    all.addAll(client.apps().statefulSets().inAnyNamespace().list().getItems());
    all.addAll(client.apps().daemonSets().inAnyNamespace().list().getItems());
    client.batch().v1().jobs().inAnyNamespace().list().getItems().stream()
        .filter(j -> j.getMetadata().getOwnerReferences() == null || j.getMetadata().getOwnerReferences().isEmpty())
        .forEach(all::add);
    all.addAll(client.batch().v1().cronjobs().inAnyNamespace().list().getItems());
    all.addAll(client.serviceAccounts().inAnyNamespace().list().getItems());
    all.addAll(client.services().inAnyNamespace().list().getItems());
    all.addAll(client.network().networkPolicies().inAnyNamespace().list().getItems());
    all.addAll(client.rbac().roles().inAnyNamespace().list().getItems());
    all.addAll(client.rbac().clusterRoles().list().getItems());
    all.addAll(client.rbac().roleBindings().inAnyNamespace().list().getItems());
    all.addAll(client.rbac().clusterRoleBindings().list().getItems());
    return all;
  }

  /** The server's version, when it tells. */
  static Optional<KubernetesVersion> serverVersion(KubernetesClient client) {
    try {
      var info = client.getKubernetesVersion();
      if (info == null || info.getMajor() == null || info.getMinor() == null) return Optional.empty();
      // Managed clusters report minors such as "33+".
      return Optional.of(KubernetesVersion.parse(info.getMajor().replaceAll("\\D", "") + "."
          + info.getMinor().replaceAll("\\D", "")));
    } catch (KubernetesClientException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
