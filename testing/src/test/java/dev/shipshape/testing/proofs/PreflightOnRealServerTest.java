package dev.shipshape.testing.proofs;

import static dev.shipshape.testing.proofs.Preflights.rejectedBeforeAnyWrite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The checks before the first write, on a real API server: every problem reported together, nothing written. */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class PreflightOnRealServerTest {
  private static final String SCHEDULE = """
      apiVersion: velero.io/v1
      kind: Schedule
      metadata: {name: hourly, namespace: velero}
      spec: {schedule: "0 * * * *", template: {includedNamespaces: [pre-shop]}}
      """;
  private static final String CONFIG_MAP = """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: pre-shop}
      data: {mode: live}
      """;

  @Test
  void aMissingNamespaceAnUnservedKindAndAForbiddenWriteAreReportedTogetherAndNothingIsWritten(
      KubernetesClient admin) {
    TestNamespaces.create(admin, "pre-shop");
    // The user may read namespaces (so that a missing one is reported) but not write configmaps.
    admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("pre-namespace-reader")
        .endMetadata().addNewRule().withApiGroups("").withResources("namespaces").withVerbs("get").endRule().build())
        .create();
    admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata()
        .withName("pre-dev-reads-namespaces").endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "pre-namespace-reader")
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName("pre-dev").endSubject()
        .build()).create();
    ClusterSpec spec = ClusterSpec.builder().name("pre-shop").preExistingNamespace("pre-shop", "velero")
        .yaml(CONFIG_MAP + "---\n" + SCHEDULE).build();

    try (KubernetesClient dev = LocalControlPlane.shared().client("pre-dev")) {
      assertThat(rejectedBeforeAnyWrite(dev, spec))
          .hasMessageContaining("namespace 'velero' does not exist on the server")
          .hasMessageContaining("the server does not serve velero.io/v1 Schedule")
          .hasMessageContaining("install the CustomResourceDefinitions that define Schedule")
          .hasMessageContaining("you may not create, patch, list configmaps in namespace 'pre-shop'")
          .hasMessageContaining("grant the verbs [create, patch, list] on configmaps in namespace 'pre-shop'")
          .satisfies(e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(4));
    }
    assertThat(admin.configMaps().inNamespace("pre-shop").withName("settings").get()).isNull();
  }

  @Test
  void aUserWithExactlyTheNeededRightsPassesAndApplies(KubernetesClient admin) {
    TestNamespaces.create(admin, "pre-ok");
    admin.rbac().roles().inNamespace("pre-ok").resource(new RoleBuilder().withNewMetadata().withName("deployer")
        .endMetadata().addNewRule().withApiGroups("").withResources("configmaps")
        .withVerbs("list", "create", "patch").endRule()
        .addNewRule().withApiGroups("").withResources("secrets").withResourceNames("applyset-pre-ok")
        .withVerbs("get", "create", "update").endRule().build()).create();
    ClusterSpec spec = ClusterSpec.builder().name("pre-ok").preExistingNamespace("pre-ok")
        .yaml(CONFIG_MAP.replace("pre-shop", "pre-ok")).build();
    ApplyOptions pruning = ApplyOptions.builder().prune(true).build();
    admin.rbac().roleBindings().inNamespace("pre-ok").resource(new RoleBindingBuilder().withNewMetadata()
        .withName("deployer").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "deployer")
        .addNewSubject().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName("pre-deployer")
        .endSubject().build()).create();

    try (KubernetesClient client = LocalControlPlane.shared().client("pre-deployer")) {
      KubernetesExecutor deployer = KubernetesExecutor.builder(client).applySetNamespace("pre-ok").build();
      // The parent Secret is created by a POST, which carries no name: a rule limited to its name does not allow it.
      assertThatThrownBy(() -> deployer.apply(spec.plan(), pruning))
          .isInstanceOf(PreflightException.class)
          .hasMessageContaining("you may not create secrets in namespace 'pre-ok'");
      admin.rbac().roles().inNamespace("pre-ok").withName("deployer").edit(role -> new RoleBuilder(role)
          .addNewRule().withApiGroups("").withResources("secrets").withVerbs("create").endRule().build());

      ApplyReport report = deployer.apply(spec.plan(), pruning);
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
    }
    assertThat(admin.configMaps().inNamespace("pre-ok").withName("settings").get()).isNotNull();
  }

  @Test
  void aClusterAdministratorIsAskedOneAccessQuestionInsteadOfOnePerResourceAndVerb(KubernetesClient admin) {
    TestNamespaces.create(admin, "pre-admin");
    ClusterSpec spec = ClusterSpec.builder().name("pre-admin").preExistingNamespace("pre-admin")
        .yaml(CONFIG_MAP.replace("pre-shop", "pre-admin") + "---\n" + """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: runner, namespace: pre-admin}
            """).build();
    List<String> reviews = new CopyOnWriteArrayList<>();
    Interceptor recording = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        String path = request.uri().getRawPath();
        if (path.endsWith("reviews")) reviews.add(path.substring(path.lastIndexOf('/') + 1));
      }
    };

    try (KubernetesClient counting = new KubernetesClientBuilder().withConfig(admin.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("reviews", recording)).build()) {
      ApplyReport report = KubernetesExecutor.using(counting).apply(spec.plan(), ApplyOptions.defaults());
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
    }
    // The probe whether access reviews are answered, then '*' on '*': no review per resource and verb (6 here).
    assertThat(reviews).containsExactly("selfsubjectaccessreviews", "selfsubjectaccessreviews");
  }

  @Test
  void eachGroupVersionIsDiscoveredOnceForTheWholeApply(KubernetesClient admin) {
    TestNamespaces.create(admin, "pre-discovery");
    // An object that exists and changes is dry-run by the validation, which asks whether its kind is served.
    admin.configMaps().inNamespace("pre-discovery").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").endMetadata().addToData("other", "kept").build()).create();
    ClusterSpec spec = ClusterSpec.builder().name("pre-discovery").preExistingNamespace("pre-discovery")
        .yaml(CONFIG_MAP.replace("pre-shop", "pre-discovery") + "---\n" + """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: pre-discovery}
            rules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: pre-discovery}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """).build();
    List<String> discovered = new CopyOnWriteArrayList<>();
    Interceptor recording = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
        String path = request.uri().getRawPath();
        if (path.matches("/api/v1|/apis/[^/]+/[^/]+")) discovered.add(path);
      }
    };

    try (KubernetesClient counting = new KubernetesClientBuilder().withConfig(admin.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("discovery", recording)).build()) {
      ApplyReport report = KubernetesExecutor.using(counting).apply(spec.plan(), ApplyOptions.defaults());
      assertThat(report.isSuccess()).as(report.toText()).isTrue();
    }
    // The preflight, the validation and the writes share one answer per group-version.
    assertThat(discovered).containsExactlyInAnyOrder("/api/v1", "/apis/rbac.authorization.k8s.io/v1",
        "/apis/networking.k8s.io/v1");
  }
}
