package dev.shipshape.mesh;

import static dev.shipshape.mesh.TlsCredentialsTest.LIST_SECRETS;
import static dev.shipshape.mesh.TlsCredentialsTest.SELECTOR;
import static dev.shipshape.mesh.TlsCredentialsTest.destinationRule;
import static dev.shipshape.mesh.TlsCredentialsTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec's RBAC read as the real API server's authorizer answers istiod's question before it serves a workload a
 * DestinationRule's Secret: a SubjectAccessReview for verb list on secrets in the workload's namespace, naming the
 * ServiceAccount's user alone. Planning warns exactly when the server says no.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class SecretListGrantsControlPlaneTest {
  private static final String CLUSTER_ROLE = String.join("\n", "---", "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole", "metadata: {name: shop-secret-lister}",
      "rules: [{apiGroups: ['*'], resources: ['*'], verbs: [list]}]", "---",
      "apiVersion: rbac.authorization.k8s.io/v1", "kind: ClusterRoleBinding", "metadata: {name: shop-secret-lister}",
      "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: shop-secret-lister}",
      "subjects: [SUBJECT]", "");

  /** What istiod's {@code CredentialsController.Authorize} sends: the user, no groups, no name. */
  private static boolean istiodMayServe(KubernetesClient client, String namespace) {
    SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
        .withUser("system:serviceaccount:" + namespace + ":default")
        .withNewResourceAttributes().withNamespace(namespace).withVerb("list").withResource("secrets")
        .endResourceAttributes().endSpec().build();
    return client.resource(review).create().getStatus().getAllowed();
  }

  @Test
  void planningWarnsExactlyWhenTheServerRefusesIstiod(KubernetesClient client) {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("rbac-role", LIST_SECRETS);
    cases.put("rbac-no-list", LIST_SECRETS.replace("get, list, watch", "get, watch"));
    cases.put("rbac-named", LIST_SECRETS.replace("resources: [secrets]",
        "resources: [secrets], resourceNames: [client-tls]"));
    cases.put("rbac-other-sa", LIST_SECRETS.replace("name: default, namespace", "name: web, namespace"));
    cases.put("rbac-user", CLUSTER_ROLE.replace("SUBJECT", "{kind: User, name: 'system:serviceaccount:shop:default', "
        + "apiGroup: rbac.authorization.k8s.io}"));
    cases.put("rbac-group", CLUSTER_ROLE.replace("SUBJECT", "{kind: Group, name: 'system:serviceaccounts:shop', "
        + "apiGroup: rbac.authorization.k8s.io}"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String ns = c.getKey();
      String rbac = c.getValue().replace("shop", ns);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      for (HasMetadata o : Manifests.parse(rbac)) client.resource(o).create();
      String rule = destinationRule("plain", SELECTOR, "{mode: MUTUAL, credentialName: client-tls}")
          .replace("shop", ns);
      boolean warned = !problems(MeshFixtures.spec(ns).yaml(rule + rbac)
          .preExistingResource(ResourceRef.core("Secret", ns, "client-tls"))).isEmpty();
      boolean allowed = istiodMayServe(client, ns);
      assertThat(warned).as(ns + " (server allows: " + allowed + ")").isEqualTo(!allowed);
      for (HasMetadata o : Manifests.parse(rbac)) {
        if (o.getMetadata().getNamespace() == null) client.resource(o).delete();
      }
    }
  }
}
