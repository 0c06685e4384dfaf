package dev.shipshape.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.LocalControlPlane;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The personas granted on a real kube-apiserver, judged by its RBAC authorizer (SubjectAccessReviews and requests
 * made as each persona's subject), side by side with Kubernetes' own {@code view}, {@code edit} and {@code admin}
 * ClusterRoles, which the controller-manager aggregates.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class PersonasOnRealServerTest {
  private static final String NETPOL = "networking.k8s.io";
  private static final String DEFAULT_DENY = "platform-default-deny";

  /**
   * One subject per persona, one per built-in ClusterRole for comparison, and shop-ci: a CI_DEPLOYER that may also
   * change the application's own policy.
   */
  private static final Map<String, Requester> SUBJECTS = new LinkedHashMap<>();

  static {
    for (Persona p : Persona.values()) SUBJECTS.put(p.roleName(), Requester.user(p.roleName() + "-user"));
    for (String role : List.of("view", "edit", "admin")) SUBJECTS.put(role, Requester.user("builtin-" + role));
    SUBJECTS.put("shop-ci", Requester.user("shop-ci-user"));
  }

  private static RbacProfile profile(String ns) {
    RbacProfile.Builder profile = RbacProfile.builder().name("personas");
    for (Persona p : Persona.values()) profile.assign(p, ns, RbacSubject.user(p.roleName() + "-user"));
    for (String role : List.of("view", "edit", "admin")) {
      profile.binding(RbacBinding.toClusterRoleIn(ns, role).name("builtin-" + role)
          .subject(RbacSubject.user("builtin-" + role)).build());
    }
    // A pipeline that also changes and removes the policies its application ships, and only those.
    profile.role(RbacRole.namespaced(ns, "shop-ci").persona(Persona.CI_DEPLOYER)
        .rule(Rule.on(NETPOL, "networkpolicies").allow("update", "patch", "delete").onlyNamed("web-ingress"))
        .build());
    profile.binding(RbacBinding.toRole(ns, "shop-ci").subject(RbacSubject.user("shop-ci-user")).build());
    return profile.build();
  }

  private static void apply(KubernetesClient admin, String ns) {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("personas")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + ns + "}\n").component(profile(ns));
    for (String role : List.of("view", "edit", "admin")) {
      spec.preExistingResource(ResourceRef.clusterScoped(RbacSubject.RBAC_GROUP, "ClusterRole", role));
    }
    KubernetesExecutor.using(admin).apply(spec.build().plan(), ApplyOptions.defaults()).throwIfFailed();
    awaitAggregation(admin);
    admin.resource(new ResourceQuotaBuilder().withNewMetadata().withName("budget").withNamespace(ns).endMetadata()
        .withNewSpec().addToHard("pods", new Quantity("10")).endSpec().build()).create();
    admin.resource(new LimitRangeBuilder().withNewMetadata().withName("defaults").withNamespace(ns).endMetadata()
        .withNewSpec().addNewLimit().withType("Container").addToDefault("memory", new Quantity("256Mi")).endLimit()
        .endSpec().build()).create();
    admin.resource(policy(ns, DEFAULT_DENY)).create();
    admin.resource(policy(ns, "web-ingress")).create();
  }

  /** The controller-manager gives the built-in roles their rules some time after the server starts. */
  private static void awaitAggregation(KubernetesClient admin) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (String role : List.of("view", "edit", "admin")) {
      while (admin.rbac().clusterRoles().withName(role).get().getRules() == null) {
        assertThat(System.nanoTime()).as("ClusterRole " + role + " aggregated within 30 s").isLessThan(deadline);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
    }
  }

  private static NetworkPolicy policy(String ns, String name) {
    return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build();
  }

  private static boolean serverAllows(KubernetesClient admin, Requester who, AccessRequest what) {
    String ns = what.namespace().orElseThrow();
    SubjectAccessReviewBuilder review = new SubjectAccessReviewBuilder().withNewSpec()
        .withGroups(new ArrayList<>(who.groups())).withUser(who.user())
        .withNewResourceAttributes().withVerb(what.verb()).withGroup(what.apiGroup()).withResource(what.resource())
        .withSubresource(what.subresource()).withNamespace(ns).withName(what.name().orElse(""))
        .endResourceAttributes().endSpec();
    return Boolean.TRUE.equals(admin.authorization().v1().subjectAccessReview().create(review.build())
        .getStatus().getAllowed());
  }

  /** The server's verdicts, as "subject verb resource[/name]: allowed|denied", after checking the analyzer's. */
  private static List<String> verdicts(KubernetesClient admin, String ns, List<String> subjects,
      List<String> verbs, List<String> resources, String name) {
    RbacAnalyzer analyzer = RbacAnalyzer.fromCluster(admin);
    List<String> verdicts = new ArrayList<>();
    for (String subject : subjects) {
      for (String verb : verbs) {
        for (String resource : resources) {
          AccessRequest what = AccessRequest.parse(verb, resource, ns, name);
          boolean server = serverAllows(admin, SUBJECTS.get(subject), what);
          assertThat(analyzer.canI(SUBJECTS.get(subject), what).allowed()).as("analyzer on " + subject + " " + what)
              .isEqualTo(server);
          verdicts.add(subject + " " + verb + " " + resource + (name == null ? "" : "/" + name) + ": "
              + (server ? "allowed" : "denied"));
        }
      }
    }
    return verdicts;
  }

  private static List<String> expected(List<String> subjects, List<String> verbs, List<String> resources,
      String name, boolean allowed) {
    List<String> lines = new ArrayList<>();
    for (String subject : subjects) {
      for (String verb : verbs) {
        for (String resource : resources) {
          lines.add(subject + " " + verb + " " + resource + (name == null ? "" : "/" + name) + ": "
              + (allowed ? "allowed" : "denied"));
        }
      }
    }
    return lines;
  }

  @Test
  void everyPersonaReadsItsBudgetAsTheViewRoleDoesAndNoneChangesIt(KubernetesClient admin) {
    String ns = "personas-budget";
    apply(admin, ns);
    List<String> all = new ArrayList<>(SUBJECTS.keySet());
    List<String> budget = List.of("resourcequotas", "resourcequotas/status", "limitranges");
    assertThat(verdicts(admin, ns, all, List.of("get", "list", "watch"), budget, null))
        .containsExactlyElementsOf(expected(all, List.of("get", "list", "watch"), budget, null, true));
    // Read-only, as for view, edit and admin: the budget is the platform's.
    assertThat(verdicts(admin, ns, all, List.of("create", "update", "patch", "delete", "deletecollection"), budget,
        null)).containsExactlyElementsOf(expected(all, List.of("create", "update", "patch", "delete",
            "deletecollection"), budget, null, false));

    // kubectl describe quota / limits, as the developer.
    try (KubernetesClient dev = LocalControlPlane.shared().client("developer-user")) {
      assertThat(dev.resourceQuotas().inNamespace(ns).withName("budget").get().getSpec().getHard())
          .containsKey("pods");
      assertThat(dev.limitRanges().inNamespace(ns).list().getItems()).hasSize(1);
      forbidden(() -> dev.resourceQuotas().inNamespace(ns).withName("budget").dryRun()
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"hard\":{\"pods\":\"1000\"}}}"));
    }
  }

  @Test
  void thePlatformsNetworkPoliciesCannotBeChangedOrRemovedByTheNamespaceAdminOrThePipeline(KubernetesClient admin) {
    String ns = "personas-netpol";
    apply(admin, ns);
    List<String> writers = List.of("namespace-admin", "ci-deployer", "shop-ci");
    List<String> change = List.of("update", "patch", "delete");
    List<String> netpol = List.of("networkpolicies.networking.k8s.io");
    assertThat(verdicts(admin, ns, writers, change, netpol, DEFAULT_DENY))
        .containsExactlyElementsOf(expected(writers, change, netpol, DEFAULT_DENY, false));
    assertThat(verdicts(admin, ns, writers, List.of("deletecollection"), netpol, null))
        .containsExactlyElementsOf(expected(writers, List.of("deletecollection"), netpol, null, false));
    // What edit and admin would allow: every policy, the default deny included.
    assertThat(verdicts(admin, ns, List.of("edit", "admin"), change, netpol, DEFAULT_DENY))
        .containsExactlyElementsOf(expected(List.of("edit", "admin"), change, netpol, DEFAULT_DENY, true));
    // Legitimate work: create policies (create cannot be limited by name), and change the named ones.
    assertThat(verdicts(admin, ns, writers, List.of("create"), netpol, null))
        .containsExactlyElementsOf(expected(writers, List.of("create"), netpol, null, true));
    assertThat(verdicts(admin, ns, List.of("shop-ci"), change, netpol, "web-ingress"))
        .containsExactlyElementsOf(expected(List.of("shop-ci"), change, netpol, "web-ingress", true));

    try (KubernetesClient nsAdmin = LocalControlPlane.shared().client("namespace-admin-user");
        KubernetesClient ci = LocalControlPlane.shared().client("shop-ci-user")) {
      forbidden(() -> nsAdmin.network().networkPolicies().inNamespace(ns).withName(DEFAULT_DENY).dryRun()
          .delete());
      forbidden(() -> ci.network().networkPolicies().inNamespace(ns).withName(DEFAULT_DENY).dryRun().delete());
      // A deletecollection carries no name, so resourceNames never allow it.
      forbidden(() -> ci.network().networkPolicies().inNamespace(ns).delete());
      nsAdmin.resource(policy(ns, "allow-web")).dryRun().create();
      ci.network().networkPolicies().inNamespace(ns).withName("web-ingress").dryRun()
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
      // Nor can the namespace admin write itself a Role that changes them: the server refuses the escalation.
      Role escalate = new RoleBuilder().withNewMetadata().withName("netpol-editor").withNamespace(ns).endMetadata()
          .addNewRule().withApiGroups(NETPOL).withResources("networkpolicies").withVerbs("delete").endRule().build();
      forbidden(() -> nsAdmin.resource(escalate).dryRun().create());
    }
  }

  private static void forbidden(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
  }
}
