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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The spec's RBAC read as the real API server's authorizer answers istiod's question before it serves a workload a
 * DestinationRule's Secret, or a gateway's pods a Gateway server's Secret: a SubjectAccessReview for verb list on
 * secrets in the workload's namespace, naming the ServiceAccount's user alone. Planning warns exactly when the
 * server says no.
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
    compareWithTheServer(client, "rbac", ns -> destinationRule("plain", SELECTOR,
        "{mode: MUTUAL, credentialName: client-tls}").replace("shop", ns));
  }

  /** A Gateway's kubernetes:// Secret is asked about the same way, for the ServiceAccount of the gateway's pods. */
  @Test
  void planningWarnsOnAGatewaysSecretExactlyWhenTheServerRefusesIstiod(KubernetesClient client) {
    compareWithTheServer(client, "gw", ns -> String.join("\n", "---", "apiVersion: apps/v1", "kind: Deployment",
        "metadata: {name: edge, namespace: " + ns + "}", "spec:", "  selector: {matchLabels: {gw: edge}}",
        "  template:", "    metadata: {labels: {gw: edge}}",
        "    spec: {containers: [{name: proxy, image: istio/proxyv2:1.28.0}]}", "---",
        "apiVersion: networking.istio.io/v1", "kind: Gateway", "metadata: {name: edge, namespace: " + ns + "}",
        "spec: {selector: {gw: edge}, servers: [{port: {number: 443, name: https, protocol: HTTPS}, hosts: ['*'],"
            + " tls: {mode: SIMPLE, credentialName: 'kubernetes://client-tls'}}]}", ""));
  }

  /**
   * For each RBAC case, in a namespace of its own named {@code prefix-case}: creates the RBAC on the server, plans
   * {@code reader}'s YAML of that namespace beside it, and compares planning's warning with the server's answer.
   */
  private static void compareWithTheServer(KubernetesClient client, String prefix,
      Function<String, String> reader) {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("role", LIST_SECRETS);
    cases.put("no-list", LIST_SECRETS.replace("get, list, watch", "get, watch"));
    cases.put("named", LIST_SECRETS.replace("resources: [secrets]",
        "resources: [secrets], resourceNames: [client-tls]"));
    cases.put("other-sa", LIST_SECRETS.replace("name: default, namespace", "name: web, namespace"));
    cases.put("user", CLUSTER_ROLE.replace("SUBJECT", "{kind: User, name: 'system:serviceaccount:shop:default', "
        + "apiGroup: rbac.authorization.k8s.io}"));
    cases.put("group", CLUSTER_ROLE.replace("SUBJECT", "{kind: Group, name: 'system:serviceaccounts:shop', "
        + "apiGroup: rbac.authorization.k8s.io}"));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      String ns = prefix + "-" + c.getKey();
      String rbac = c.getValue().replace("shop", ns);
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      for (HasMetadata o : Manifests.parse(rbac)) client.resource(o).create();
      boolean warned = !problems(MeshFixtures.spec(ns).yaml(reader.apply(ns) + rbac)
          .preExistingResource(ResourceRef.core("Secret", ns, "client-tls"))).isEmpty();
      boolean allowed = istiodMayServe(client, ns);
      assertThat(warned).as(ns + " (server allows: " + allowed + ")").isEqualTo(!allowed);
      for (HasMetadata o : Manifests.parse(rbac)) {
        if (o.getMetadata().getNamespace() == null) client.resource(o).delete();
      }
    }
  }
}
