package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Two tenants applied with the SDK's executor to a real API server and controller-manager, then used by their teams'
 * own users: what RBAC lets each do in its own namespace and the other's (and which of its NetworkPolicies), what
 * the LimitRange fills in, and the pods the quota and LimitRange make the server refuse, as planning predicts.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class TenantsOnRealServerTest {
  private static final int WAIT_SECONDS = 60;
  private static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

  private static Tenant.Builder tenant(String name) {
    return Tenant.builder().name(name).quota(Map.of("requests.cpu", "2", "requests.memory", "2Gi",
        "limits.memory", "2Gi", "pods", "10"));
  }

  private static void apply(KubernetesClient admin, Tenant... tenants) {
    ClusterSpec spec = ClusterSpec.builder().name("tenants").component(tenants).build();
    KubernetesExecutor.using(admin).apply(spec.plan(), ApplyOptions.defaults()).throwIfFailed();
  }

  @Test
  void eachTeamWorksInItsOwnNamespaceAndCannotLoosenItsBudgetOrLabels(KubernetesClient admin) {
    apply(admin, tenant("tenancy-dev").team(Persona.DEVELOPER, RbacSubject.group("tenancy-dev-team")).build(),
        tenant("tenancy-ops").team(Persona.NAMESPACE_ADMIN, RbacSubject.user("olga")).build());

    try (KubernetesClient dev = LocalControlPlane.shared().client("dan", "tenancy-dev-team");
        KubernetesClient ops = LocalControlPlane.shared().client("olga")) {
      // Its own namespace: the developer deploys, the namespace admin also creates pods.
      dev.resource(deployment("tenancy-dev", "web", resources(Map.of(), Map.of()))).dryRun().create();
      assertThat(dev.pods().inNamespace("tenancy-dev").list().getItems()).isEmpty();
      ops.resource(pod("tenancy-ops", "web", resources(Map.of(), Map.of()))).dryRun().create();

      // The other team's namespace: neither reads nor writes it.
      forbidden(() -> dev.pods().inNamespace("tenancy-ops").list());
      forbidden(() -> dev.resource(deployment("tenancy-ops", "web", resources(Map.of(), Map.of()))).dryRun()
          .create());
      forbidden(() -> ops.pods().inNamespace("tenancy-dev").list());
      forbidden(() -> ops.resource(pod("tenancy-dev", "web", resources(Map.of(), Map.of()))).dryRun().create());

      // Its own budget: neither team raises its quota nor removes its default limits.
      for (KubernetesClient user : List.of(dev, ops)) {
        String ns = user == dev ? "tenancy-dev" : "tenancy-ops";
        String name = ns + "-quota";
        forbidden(() -> user.resourceQuotas().inNamespace(ns).withName(name).dryRun()
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"hard\":{\"requests.cpu\":\"64\"}}}"));
        forbidden(() -> user.limitRanges().inNamespace(ns).withName(ns + "-limits").dryRun().delete());
        // Nor its namespace's labels: no way out of Pod Security or the tenant's selectors.
        forbidden(() -> user.namespaces().withName(ns).dryRun().patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"" + PSA_ENFORCE + "\":\"privileged\"}}}"));
      }
      // The namespace admin cannot lift its limits by binding itself a stronger role either.
      RoleBinding escalate = new RoleBindingBuilder().withNewMetadata().withName("escalate")
          .withNamespace("tenancy-ops").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
          .withKind("ClusterRole").withName("cluster-admin").endRoleRef().addNewSubject()
          .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("olga").endSubject().build();
      forbidden(() -> ops.resource(escalate).dryRun().create());
      // The developer cannot remove the default deny of its namespace.
      forbidden(() -> dev.network().networkPolicies().inNamespace("tenancy-dev")
          .withName("tenancy-dev-netpol-default-deny").dryRun().delete());
    }
    assertThat(admin.namespaces().withName("tenancy-ops").get().getMetadata().getLabels())
        .containsEntry(PSA_ENFORCE, "restricted").containsEntry(Tenant.TENANT_LABEL, "tenancy-ops");
  }

  @Test
  void theLimitRangeFillsInPodsAndTheServerRefusesThePodsThePlannerRefuses(KubernetesClient admin)
      throws InterruptedException {
    Tenant shop = tenant("tenancy-shop").team(Persona.NAMESPACE_ADMIN, RbacSubject.user("nina"))
        .team(Persona.DEVELOPER, RbacSubject.user("dora")).build();
    Deployment big = deployment("tenancy-shop", "big", resources(Map.of("memory", "1Gi"), Map.of()));
    ClusterSpec withBig = ClusterSpec.builder().name("tenants").component(shop).resource(big).build();
    assertThatThrownBy(withBig::plan).isInstanceOf(SpecValidationException.class)
        .extracting(e -> ((SpecValidationException) e).errors().stream().map(Problem::toString)
            .collect(Collectors.toList()))
        .isEqualTo(List.of("ERROR [resources] Deployment.apps tenancy-shop/big"
            + " spec.template.spec.containers[0].resources.requests.memory: every Pod created from this template is"
            + " refused: the request 1Gi is above the limit 512Mi of memory, after the default limit memory=512Mi of"
            + " LimitRange tenancy-shop/tenancy-shop-limits (spec.limits[0].default.memory) fills it in — set"
            + " limits.memory in the pod template to the request at least, or lower the request, or change the"
            + " default in LimitRange tenancy-shop/tenancy-shop-limits (of component tenancy-shop)"));
    apply(admin, shop);
    awaitQuotaStatus(admin, "tenancy-shop", "tenancy-shop-quota");

    try (KubernetesClient nina = LocalControlPlane.shared().client("nina");
        KubernetesClient dora = LocalControlPlane.shared().client("dora")) {
      // A container that sets nothing gets the tenant's defaults, so the quota admits it.
      Pod bare = nina.resource(pod("tenancy-shop", "bare", resources(Map.of(), Map.of()))).dryRun().create();
      ResourceRequirements filled = bare.getSpec().getContainers().get(0).getResources();
      assertThat(filled.getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m"), "memory",
          new Quantity("128Mi")));
      assertThat(filled.getLimits()).isEqualTo(Map.of("memory", new Quantity("512Mi")));

      // The pod of the planner's refused Deployment: refused by the API server too.
      assertThatThrownBy(() -> nina.resource(pod("tenancy-shop", "big", resources(Map.of("memory", "1Gi"),
          Map.of()))).dryRun().create()).isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("spec.containers[0].resources.requests: Invalid value: \"1Gi\": must be less than"
              + " or equal to memory limit of 512Mi");
      // With a limit of its own it passes the LimitRange, and the quota then judges it.
      nina.resource(pod("tenancy-shop", "own-limit", resources(Map.of("memory", "1Gi"), Map.of("memory", "1Gi"))))
          .dryRun().create();
      assertThatThrownBy(() -> nina.resource(pod("tenancy-shop", "huge", resources(Map.of("memory", "3Gi"),
          Map.of("memory", "3Gi")))).dryRun().create()).isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("exceeded quota: tenancy-shop-quota");

      // Deployed anyway by the developer (as kubectl or Helm would): accepted, but its ReplicaSet creates no pod.
      dora.resource(big).create();
      Event refused = awaitEvent(admin, "tenancy-shop", "FailedCreate");
      assertThat(refused.getInvolvedObject().getKind()).isEqualTo("ReplicaSet");
      assertThat(refused.getMessage()).contains("must be less than or equal to memory limit of 512Mi");
      assertThat(admin.pods().inNamespace("tenancy-shop").list().getItems()).isEmpty();
    }
  }

  @Test
  void theDeployerChangesTheNamedPoliciesButNotTheDefaultDeny(KubernetesClient admin) {
    Tenant ci = Tenant.builder().name("tenancy-ci").team(Persona.CI_DEPLOYER, RbacSubject.user("cid"))
        .editableNetworkPolicies("web-ingress", "api-egress").build();
    apply(admin, ci);
    RbacAnalyzer offline = RbacAnalyzer.of(ci.compile(null));
    Requester cid = Requester.user("cid");
    String policies = "networkpolicies.networking.k8s.io";
    String defaultDeny = "tenancy-ci-netpol-default-deny";

    try (KubernetesClient pipeline = LocalControlPlane.shared().client("cid")) {
      // It ships its application's policy, then changes and removes it, as the analyzer predicts.
      pipeline.resource(policy("web-ingress")).create();
      for (String verb : List.of("patch", "delete")) {
        assertThat(offline.canI(cid, verb, policies, "tenancy-ci", "web-ingress").allowed()).isTrue();
        assertThat(offline.canI(cid, verb, policies, "tenancy-ci", defaultDeny).allowed()).isFalse();
      }
      pipeline.network().networkPolicies().inNamespace("tenancy-ci").withName("web-ingress").dryRun()
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"team\":\"ci\"}}}");
      pipeline.network().networkPolicies().inNamespace("tenancy-ci").withName("web-ingress").dryRun().delete();

      // Applied server-side, a create is a patch of the policy's name: allowed for a named policy only.
      pipeline.resource(policy("api-egress")).dryRun().serverSideApply();
      forbidden(() -> pipeline.resource(policy("other-ingress")).dryRun().serverSideApply());
      assertThat(offline.canI(cid, "patch", policies, "tenancy-ci", "other-ingress").allowed()).isFalse();
      // A plain create carries no name, so it stays allowed for any policy.
      pipeline.resource(policy("other-ingress")).dryRun().create();

      // The default deny stays: neither patched open nor deleted.
      forbidden(() -> pipeline.network().networkPolicies().inNamespace("tenancy-ci").withName(defaultDeny).dryRun()
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"podSelector\":{\"matchLabels\":"
              + "{\"app\":\"none\"}}}}"));
      forbidden(() -> pipeline.network().networkPolicies().inNamespace("tenancy-ci").withName(defaultDeny).dryRun()
          .delete());
    }
  }

  /**
   * A default of an extended resource reaches every container that does not set it, and a container that requests
   * less than that default limit is refused, as the planner predicts.
   */
  @Test
  void anExtendedResourceDefaultReachesEveryContainer(KubernetesClient admin) {
    Tenant gpu = Tenant.builder().name("tenancy-gpu").defaultLimits(Map.of("memory", "512Mi",
        "nvidia.com/gpu", "2")).build();
    Pod one = pod("tenancy-gpu", "one", resources(Map.of("nvidia.com/gpu", "1"), Map.of()));
    assertThatThrownBy(ClusterSpec.builder().name("tenants").component(gpu).resource(one).build()::plan)
        .isInstanceOf(SpecValidationException.class)
        .extracting(e -> ((SpecValidationException) e).errors().stream().map(Problem::toString)
            .collect(Collectors.toList()))
        .isEqualTo(List.of("ERROR [resources] Pod tenancy-gpu/one"
            + " spec.containers[0].resources.requests.nvidia.com/gpu: the request 1 differs from the limit 2 of"
            + " nvidia.com/gpu, and extended resources cannot be overcommitted, after the default limit"
            + " nvidia.com/gpu=2 of LimitRange tenancy-gpu/tenancy-gpu-limits (spec.limits[0].default.nvidia.com/gpu)"
            + " fills it in — set limits.nvidia.com/gpu equal to the request in the Pod, or change the default in"
            + " LimitRange tenancy-gpu/tenancy-gpu-limits (of component tenancy-gpu)"));
    apply(admin, gpu);

    Pod bare = admin.resource(pod("tenancy-gpu", "bare", resources(Map.of(), Map.of()))).dryRun().create();
    ResourceRequirements filled = bare.getSpec().getContainers().get(0).getResources();
    assertThat(filled.getRequests()).containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(filled.getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThatThrownBy(() -> admin.resource(one).dryRun().create()).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to"
            + " nvidia.com/gpu limit of 2");
    admin.resource(pod("tenancy-gpu", "own", resources(Map.of("nvidia.com/gpu", "1"),
        Map.of("nvidia.com/gpu", "1")))).dryRun().create();
  }

  /** A NetworkPolicy of the tenancy-ci namespace for the pods labelled app=web. */
  private static NetworkPolicy policy(String name) {
    return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace("tenancy-ci").endMetadata()
        .withNewSpec().withNewPodSelector().addToMatchLabels("app", "web").endPodSelector().endSpec().build();
  }

  /** The quota admission refuses every pod until the quota controller has written the quota's status. */
  private static void awaitQuotaStatus(KubernetesClient admin, String namespace, String name) {
    admin.resourceQuotas().inNamespace(namespace).withName(name).waitUntilCondition(
        (ResourceQuota q) -> q != null && q.getStatus() != null && q.getStatus().getHard() != null
            && !q.getStatus().getHard().isEmpty(), WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static Event awaitEvent(KubernetesClient admin, String namespace, String reason)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      List<Event> events = admin.v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> reason.equals(e.getReason())).collect(Collectors.toList());
      if (!events.isEmpty()) return events.get(0);
      Thread.sleep(200);
    }
    throw new AssertionError("no " + reason + " event in namespace " + namespace + " within " + WAIT_SECONDS + " s");
  }

  private static void forbidden(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
  }

  private static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
    requests.forEach((k, v) -> builder.addToRequests(k, new Quantity(v)));
    limits.forEach((k, v) -> builder.addToLimits(k, new Quantity(v)));
    return builder.build();
  }

  /** A pod spec that the tenants' enforced {@code restricted} Pod Security level admits. */
  private static PodSpec restrictedSpec(ResourceRequirements resources) {
    return new PodSpecBuilder().withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile()
        .withType("RuntimeDefault").endSeccompProfile().endSecurityContext().addNewContainer().withName("app")
        .withImage("registry.example.com/app:1.0").withNewSecurityContext().withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext().withResources(resources)
        .endContainer().build();
  }

  private static Pod pod(String namespace, String name, ResourceRequirements resources) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withSpec(restrictedSpec(resources)).build();
  }

  private static Deployment deployment(String namespace, String name, ResourceRequirements resources) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector().withNewTemplate()
        .withNewMetadata().addToLabels("app", name).endMetadata().withSpec(restrictedSpec(resources)).endTemplate()
        .endSpec().build();
  }
}
