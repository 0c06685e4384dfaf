package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class LocalControlPlaneTest {
  private final LocalControlPlane controlPlane = LocalControlPlane.shared();

  @Test
  void isARealApiServerOnLoopback(KubernetesClient client) {
    assertThat(LocalControlPlane.available()).isEmpty();
    assertThat(controlPlane.url()).startsWith("https://127.0.0.1:");
    assertThat(client.getKubernetesVersion().getMinor()).isNotBlank();
    assertThat(client.namespaces().withName("kube-system").get()).isNotNull();
  }

  @Test
  void enforcesRbacForOtherUsers(KubernetesClient admin) {
    TestNamespaces.create(admin, "rbac-user");
    admin.configMaps().inNamespace("rbac-user").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").endMetadata().build()).create();

    try (KubernetesClient user = controlPlane.client("dev-user", "developers")) {
      assertThatThrownBy(() -> user.configMaps().inNamespace("rbac-user").list())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("\"dev-user\" cannot list resource \"configmaps\"");

      admin.rbac().roles().inNamespace("rbac-user").resource(new RoleBuilder().withNewMetadata()
          .withName("reader").endMetadata().addNewRule().withApiGroups("").withResources("configmaps")
          .withVerbs("list").endRule().build()).create();
      admin.rbac().roleBindings().inNamespace("rbac-user").resource(new RoleBindingBuilder().withNewMetadata()
          .withName("developers-read").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
          .addNewSubject().withKind("Group").withApiGroup("rbac.authorization.k8s.io").withName("developers")
          .endSubject().build()).create();

      assertThat(user.configMaps().inNamespace("rbac-user").list().getItems())
          .extracting(configMap -> configMap.getMetadata().getName()).contains("settings");
    }
  }

  @Test
  void clientForAServiceAccountHasItsBindings(KubernetesClient admin) {
    TestNamespaces.create(admin, "rbac-sa");
    admin.rbac().roles().inNamespace("rbac-sa").resource(new RoleBuilder().withNewMetadata().withName("writer")
        .endMetadata().addNewRule().withApiGroups("").withResources("configmaps").withVerbs("create").endRule()
        .build()).create();
    admin.rbac().roleBindings().inNamespace("rbac-sa").resource(new RoleBindingBuilder().withNewMetadata()
        .withName("deployer-writes").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "writer")
        .addNewSubject().withKind("ServiceAccount").withNamespace("rbac-sa").withName("deployer").endSubject()
        .build()).create();

    try (KubernetesClient deployer = controlPlane.clientFor("rbac-sa", "deployer");
        KubernetesClient other = controlPlane.clientFor("rbac-sa", "other")) {
      deployer.configMaps().inNamespace("rbac-sa").resource(new ConfigMapBuilder().withNewMetadata()
          .withName("made-by-deployer").endMetadata().build()).create();
      assertThatThrownBy(() -> other.configMaps().inNamespace("rbac-sa").resource(new ConfigMapBuilder()
          .withNewMetadata().withName("made-by-other").endMetadata().build()).create())
          .hasMessageContaining("system:serviceaccount:rbac-sa:other");
    }
    assertThat(admin.configMaps().inNamespace("rbac-sa").withName("made-by-deployer").get()).isNotNull();
  }

  @Test
  void writesAnAdminKubeconfig() throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(controlPlane.kubeconfig()));

    assertThat(config.getMasterUrl()).startsWith(controlPlane.url());
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThat(client.rbac().clusterRoles().withName("cluster-admin").get()).isNotNull();
    }
  }
}
