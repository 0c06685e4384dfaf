package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.applyset.ApplySet;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.diff.ResourceDiff;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.ClusterSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Kubernetes executor end to end against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorCrudTest extends MockServerExecutorTest {
  private static final String APPLYSET_ID = ApplySet.forSpec("shop", "shop").id();

  private KubernetesExecutor.Builder executor(ApplyStrategy strategy) {
    return executor.toBuilder()
        .strategy(strategy)
        .timeout(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20))
            .build());
  }

  private ApplyOptions.Builder options() {
    return ApplyOptions.builder().listener(new ControllerStandIn(client));
  }

  private ApplyReport apply(Plan plan, ApplyStrategy strategy) {
    return executor(strategy).build().apply(plan, options().build());
  }

  private GenericKubernetesResource live(Plan plan, ResourceRef ref) {
    PlannedResource planned = plan.find(ref).orElseThrow();
    var operation = client.genericKubernetesResources(planned.apiVersion(), ref.kind());
    return (ref.namespace().isPresent() ? operation.inNamespace(ref.namespace().get()) : operation)
        .withName(ref.name()).get();
  }

  private static List<ResourceRef> refs(List<ResourceResult> results) {
    return results.stream().map(ResourceResult::ref).collect(Collectors.toList());
  }

  @Test
  void createsEveryObjectWithThePartOfLabelAndRecordsTheApplySetParent() {
    Plan plan = ShopSpec.full().plan();

    ApplyReport report = executor(ApplyStrategy.AUTO).build().apply(plan, options().prune(true).build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(report.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.CREATED);
    assertThat(refs(report.results())).containsExactlyElementsOf(
        plan.resources().stream().map(PlannedResource::ref).collect(Collectors.toList()));
    for (PlannedResource r : plan.resources()) {
      assertThat(live(plan, r.ref()).getMetadata().getLabels())
          .as(r.ref().toString())
          .containsEntry(ApplySet.PART_OF_LABEL, APPLYSET_ID);
    }
    Secret parent = client.secrets().inNamespace("shop").withName("applyset-shop").get();
    assertThat(parent.getMetadata().getLabels()).containsEntry(ApplySet.ID_LABEL, APPLYSET_ID);
    assertThat(parent.getMetadata().getAnnotations())
        .containsEntry(ApplySet.TOOLING_ANNOTATION, "shipshape/v1")
        .containsEntry(ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION,
            "ConfigMap,CustomResourceDefinition.apiextensions.k8s.io,Deployment.apps,Namespace,"
                + "Role.rbac.authorization.k8s.io,RoleBinding.rbac.authorization.k8s.io,Secret,Service,"
                + "ServiceAccount,Widget.example.com")
        .containsEntry(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION, "");
  }

  @Test
  void secretStringDataIsStoredAsData() {
    Plan plan = ShopSpec.full().plan();

    apply(plan, ApplyStrategy.AUTO).throwIfFailed();

    Secret secret = client.secrets().inNamespace("shop").withName("web-token").get();
    assertThat(secret.getData()).containsEntry("token",
        java.util.Base64.getEncoder().encodeToString(ShopSpec.TOKEN.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void reapplyingAnUnchangedPlanSendsNoWrite() throws InterruptedException {
    Plan plan = ShopSpec.full().plan();
    apply(plan, ApplyStrategy.AUTO).throwIfFailed();
    Requests.drain(server);

    // Without the controller stand-in (the Namespaces are Active since the first apply), whose reads would mix in.
    ApplyReport again = executor(ApplyStrategy.AUTO).build().apply(plan);

    assertThat(again.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.UNCHANGED);
    assertThat(again.results()).extracting(ResourceResult::attempts).containsOnly(0);
    assertThat(again.changeCount()).isZero();
    List<RecordedRequest> requests = Requests.drain(server);
    assertThat(requests).isNotEmpty();
    assertThat(Requests.lines(Requests.writes(requests))).isEmpty();
  }

  @Test
  void aChangedFieldIsUpdatedAndListed() throws InterruptedException {
    apply(ShopSpec.full().plan(), ApplyStrategy.AUTO).throwIfFailed();
    Requests.drain(server);
    Plan changed = ShopSpec.full().configMap("staging").plan();

    ApplyReport report = apply(changed, ApplyStrategy.AUTO);

    ResourceRef configMap = ResourceRef.core("ConfigMap", "shop", "web-config");
    assertThat(report.withOutcome(Outcome.UPDATED)).extracting(ResourceResult::ref).containsExactly(configMap);
    assertThat(report.withOutcome(Outcome.UPDATED).get(0).changes()).containsExactly(
        FieldChange.of("data.mode", FieldChange.Kind.CHANGED, java.util.Optional.of("production"),
            java.util.Optional.of("staging")));
    assertThat(report.withOutcome(Outcome.UNCHANGED)).hasSize(changed.resources().size() - 1);
    assertThat(report.toText()).contains("updated ConfigMap shop/web-config", "~ data.mode: production -> staging");
    assertThat(client.configMaps().inNamespace("shop").withName("web-config").get().getData())
        .containsEntry("mode", "staging");
    List<RecordedRequest> writes = Requests.writes(Requests.drain(server));
    assertThat(writes).allSatisfy(w -> assertThat(w.getPath()).startsWith("/api/v1/namespaces/shop/configmaps/web-config"));
  }

  @Test
  void diffReportsCreateUpdateAndUnchangedWithFieldPaths() {
    Plan plan = ShopSpec.full().plan();
    DiffReport before = executor.diff(plan);
    assertThat(before.resources()).extracting(ResourceDiff::action).containsOnly(ResourceDiff.Action.CREATE);
    assertThat(before.resources()).hasSize(plan.resources().size());

    apply(plan, ApplyStrategy.AUTO).throwIfFailed();
    assertThat(executor.diff(plan).hasChanges()).isFalse();

    Plan changed = ShopSpec.full().deployment("nginx:1.28").secret("an0ther-t0ken").plan();
    DiffReport diff = executor.diff(changed);

    Map<ResourceRef, ResourceDiff> byRef = diff.resources().stream()
        .collect(Collectors.toMap(ResourceDiff::ref, d -> d));
    ResourceDiff deployment = byRef.get(ResourceRef.namespaced("apps", "Deployment", "shop", "web"));
    assertThat(deployment.action()).isEqualTo(ResourceDiff.Action.UPDATE);
    assertThat(deployment.changes()).containsExactly(FieldChange.of("spec.template.spec.containers[0].image",
        FieldChange.Kind.CHANGED, java.util.Optional.of("nginx:1.27"), java.util.Optional.of("nginx:1.28")));
    ResourceDiff secret = byRef.get(ResourceRef.core("Secret", "shop", "web-token"));
    assertThat(secret.action()).isEqualTo(ResourceDiff.Action.UPDATE);
    assertThat(secret.changes()).extracting(FieldChange::path).containsExactly("data.token");
    assertThat(secret.changes()).allSatisfy(c -> {
      assertThat(c.before()).contains(FieldChange.HIDDEN);
      assertThat(c.after()).contains(FieldChange.HIDDEN);
    });
    assertThat(diff.changed()).hasSize(2);
    assertThat(diff.toText()).contains("2 to update", (changed.resources().size() - 2) + " unchanged",
        "spec.template.spec.containers[0].image: nginx:1.27 -> nginx:1.28", "data.token");
    assertThat(diff.toText() + diff.toJson()).doesNotContain(ShopSpec.TOKEN, "an0ther-t0ken",
        base64(ShopSpec.TOKEN), base64("an0ther-t0ken"));

    ApplyReport report = apply(changed, ApplyStrategy.AUTO);
    assertThat(report.toText() + report.toJson()).doesNotContain(ShopSpec.TOKEN, "an0ther-t0ken",
        base64(ShopSpec.TOKEN), base64("an0ther-t0ken"));
  }

  private static String base64(String value) {
    return java.util.Base64.getEncoder().encodeToString(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void pruneDeletesMembersThatLeftThePlanAndNothingElse() throws InterruptedException {
    executor(ApplyStrategy.AUTO).build().apply(ShopSpec.full().plan(), options().prune(true).build())
        .throwIfFailed();
    client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("not-ours").withNamespace("shop").endMetadata().addToData("k", "v").build()).create();
    client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("other-set").withNamespace("shop").addToLabels(ApplySet.PART_OF_LABEL,
            ApplySet.forSpec("other", "kube-system").id()).endMetadata().build()).create();
    Plan smaller = ShopSpec.full().without("service", "configmap", "rolebinding", "role").plan();
    Requests.drain(server);

    ApplyReport report = executor(ApplyStrategy.AUTO).build().apply(smaller, options().prune(true).build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(report.withOutcome(Outcome.PRUNED)).extracting(ResourceResult::ref).containsExactlyInAnyOrder(
        ResourceRef.core("Service", "shop", "web"),
        ResourceRef.core("ConfigMap", "shop", "web-config"),
        ResourceRef.namespaced("rbac.authorization.k8s.io", "RoleBinding", "shop", "web"),
        ResourceRef.namespaced("rbac.authorization.k8s.io", "Role", "shop", "web"));
    assertThat(client.services().inNamespace("shop").withName("web").get()).isNull();
    assertThat(client.configMaps().inNamespace("shop").withName("web-config").get()).isNull();
    assertThat(client.rbac().roles().inNamespace("shop").withName("web").get()).isNull();
    assertThat(client.configMaps().inNamespace("shop").withName("not-ours").get()).isNotNull();
    assertThat(client.configMaps().inNamespace("shop").withName("other-set").get()).isNotNull();
    assertThat(client.apps().deployments().inNamespace("shop").withName("web").get()).isNotNull();
    List<String> deletes = Requests.lines(Requests.drain(server)).stream().filter(l -> l.startsWith("DELETE"))
        .collect(Collectors.toList());
    // Reverse install order: the Service, then the binding before the Role it binds, config last.
    assertThat(deletes).containsExactly(
        "DELETE /api/v1/namespaces/shop/services/web",
        "DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/shop/rolebindings/web",
        "DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/shop/roles/web",
        "DELETE /api/v1/namespaces/shop/configmaps/web-config");
    Secret parent = client.secrets().inNamespace("shop").withName("applyset-shop").get();
    assertThat(ApplySet.split(parent.getMetadata().getAnnotations().get(ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION)))
        .doesNotContain("Service", "ConfigMap", "Role.rbac.authorization.k8s.io")
        .contains("Deployment.apps", "Secret");
  }

  @Test
  void pruneFindsKindsThatLeftThePlanAndDeletesCustomResourcesBeforeTheirDefinition() throws InterruptedException {
    executor(ApplyStrategy.AUTO).build().apply(ShopSpec.full().plan(), options().prune(true).build())
        .throwIfFailed();
    Requests.drain(server);

    ApplyReport report = executor(ApplyStrategy.AUTO).build().apply(
        ShopSpec.full().without("widget", "crd").plan(), options().prune(true).build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    assertThat(report.withOutcome(Outcome.PRUNED)).extracting(ResourceResult::ref).containsExactly(
        ResourceRef.namespaced("example.com", "Widget", "shop", "blue"),
        ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition", "widgets.example.com"));
    assertThat(Requests.lines(Requests.drain(server)).stream().filter(l -> l.startsWith("DELETE")))
        .containsExactly("DELETE /apis/example.com/v1/namespaces/shop/widgets/blue",
            "DELETE /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
  }

  @Test
  void withoutPruneNothingIsDeleted() throws InterruptedException {
    apply(ShopSpec.full().plan(), ApplyStrategy.AUTO).throwIfFailed();
    Requests.drain(server);

    ApplyReport report = apply(ShopSpec.full().without("service").plan(), ApplyStrategy.AUTO);

    assertThat(report.withOutcome(Outcome.PRUNED)).isEmpty();
    assertThat(client.services().inNamespace("shop").withName("web").get()).isNotNull();
    assertThat(Requests.writes(Requests.drain(server))).isEmpty();
  }

  @Test
  void clientSideStrategyCreatesAndMergePatchesWithoutApplyRequests() throws InterruptedException {
    Plan plan = ShopSpec.full().plan();

    ApplyReport created = apply(plan, ApplyStrategy.CLIENT_SIDE);
    apply(ShopSpec.full().configMap("staging").plan(), ApplyStrategy.CLIENT_SIDE).throwIfFailed();

    assertThat(created.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.CREATED);
    assertThat(created.results()).extracting(ResourceResult::attempts).containsOnly(1);
    List<RecordedRequest> writes = Requests.writes(Requests.drain(server));
    assertThat(writes).noneSatisfy(w -> assertThat(w.getHeader("Content-Type")).contains("apply-patch"));
    assertThat(writes).filteredOn(w -> w.getPath().startsWith("/api/v1/namespaces/shop/configmaps/web-config"))
        .singleElement().satisfies(w -> {
          assertThat(w.getMethod()).isEqualTo("PATCH");
          assertThat(w.getHeader("Content-Type")).startsWith("application/merge-patch+json");
        });
    assertThat(client.configMaps().inNamespace("shop").withName("web-config").get().getData())
        .containsEntry("mode", "staging");
  }

  @Test
  void autoStrategyProbesServerSideApplyOnceThenWritesClientSide() throws InterruptedException {
    Plan plan = ShopSpec.full().plan();

    ApplyReport report = executor(ApplyStrategy.AUTO).concurrency(1).build().apply(plan, options().build());

    assertThat(report.isSuccess()).as(report.toText()).isTrue();
    List<RecordedRequest> applies = Requests.writes(Requests.drain(server)).stream()
        .filter(w -> String.valueOf(w.getHeader("Content-Type")).startsWith("application/apply-patch+yaml"))
        .collect(Collectors.toList());
    assertThat(Requests.lines(applies)).hasSize(1);
    assertThat(report.results().get(0).attempts()).isEqualTo(2);
    assertThat(report.results().subList(1, report.results().size())).extracting(ResourceResult::attempts)
        .containsOnly(1);
  }

  @Test
  void objectsOfOneKindInManyNamespacesAreReadWithOneListAndTheirNamespacesCheckedWithOneListPerRound()
      throws InterruptedException {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("tenants");
    for (int i = 0; i < 4; i++) {
      spec.resource(new NamespaceBuilder().withNewMetadata().withName("t" + i).endMetadata().build());
      spec.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("t" + i)
          .endMetadata().addToData("tenant", "t" + i).build());
    }
    Plan plan = spec.build().plan();
    apply(plan, ApplyStrategy.AUTO).throwIfFailed();
    Requests.drain(server);

    // Without the controller stand-in (the Namespaces are Active since the first apply), whose reads would mix in.
    ApplyReport again = executor(ApplyStrategy.AUTO).build().apply(plan);

    assertThat(again.withOutcome(Outcome.UNCHANGED)).hasSize(8);
    List<String> reads = Requests.drain(server).stream().filter(r -> r.getMethod().equals("GET"))
        .map(RecordedRequest::getPath).collect(Collectors.toList());
    assertThat(reads).filteredOn(path -> path.contains("configmaps")).containsExactly("/api/v1/configmaps");
    // Wave 0 reads the Namespaces; wave 1's four Namespace gates are checked with one list.
    // The preflight's discovery probe (this server has none, so the preflight stops there), wave 0's live read,
    // wave 1's four Namespace gates with one list, wave 1's live read of four namespaces' ConfigMaps with one list.
    assertThat(reads).containsExactly("/api/v1", "/api/v1/namespaces", "/api/v1/namespaces", "/api/v1/configmaps");
  }
}
