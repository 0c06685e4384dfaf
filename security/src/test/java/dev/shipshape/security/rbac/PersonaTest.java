package dev.shipshape.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each persona may do with its namespace's budget and NetworkPolicies, asked of the offline analyzer. */
class PersonaTest {
  private static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete",
      "deletecollection");

  /** Every persona assigned in namespace shop to a user named after its role. */
  private static RbacAnalyzer everyPersona() {
    RbacProfile.Builder profile = RbacProfile.builder().name("access");
    for (Persona p : Persona.values()) profile.assign(p, "shop", RbacSubject.user(p.roleName()));
    return RbacAnalyzer.of(profile.build().compile(null));
  }

  /** The verbs the persona may use on the resource in shop; on an object of that name where the verb takes one. */
  private static List<String> allowedVerbs(RbacAnalyzer rbac, Persona persona, String resource, String name) {
    List<String> allowed = new ArrayList<>();
    for (String verb : VERBS) {
      boolean named = !List.of("list", "watch", "create", "deletecollection").contains(verb);
      if (rbac.canI(Requester.user(persona.roleName()), verb, resource, "shop", named ? name : null).allowed()) {
        allowed.add(verb);
      }
    }
    return allowed;
  }

  @Test
  void everyPersonaReadsItsNamespacesQuotaUsageAndLimitsAsTheViewRoleDoesAndNoneChangesThem() {
    RbacAnalyzer rbac = everyPersona();
    for (Persona p : Persona.values()) {
      for (String resource : List.of("resourcequotas", "resourcequotas/status", "limitranges")) {
        assertThat(allowedVerbs(rbac, p, resource, "budget")).as(p + " on " + resource)
            .containsExactly("get", "list", "watch");
      }
      Rule budget = Rule.core("resourcequotas", "resourcequotas/status", "limitranges").allow("get", "list", "watch");
      assertThat(p.rules(true)).as(p + " as a ClusterRole").contains(budget);
      assertThat(p.rules(false)).as(p + " as a Role").contains(budget);
    }
  }

  @Test
  void onlyThePipelineAndTheNamespaceAdminCreateNetworkPoliciesAndNoPersonaChangesOrDeletesOne() {
    RbacAnalyzer rbac = everyPersona();
    Map<Persona, List<String>> allowed = new EnumMap<>(Persona.class);
    for (Persona p : Persona.values()) {
      allowed.put(p, allowedVerbs(rbac, p, "networkpolicies.networking.k8s.io", "default-deny"));
    }
    Map<Persona, List<String>> expected = new EnumMap<>(Persona.class);
    for (Persona p : Persona.values()) expected.put(p, List.of("get", "list", "watch"));
    expected.put(Persona.CI_DEPLOYER, List.of("get", "list", "watch", "create"));
    expected.put(Persona.NAMESPACE_ADMIN, List.of("get", "list", "watch", "create"));
    assertThat(allowed).isEqualTo(expected);
    // Ingresses are the application's: both still change and delete them.
    for (Persona p : List.of(Persona.CI_DEPLOYER, Persona.NAMESPACE_ADMIN)) {
      assertThat(allowedVerbs(rbac, p, "ingresses.networking.k8s.io", "web")).as(p.name())
          .contains("create", "update", "patch", "delete");
    }
  }

  @Test
  void aPipelineListsThePoliciesItMayChangeAndTheRestStayOutOfReach() {
    RbacRole role = RbacRole.namespaced("shop", "ci").persona(Persona.CI_DEPLOYER)
        .rule(Rule.on("networking.k8s.io", "networkpolicies").allow("update", "patch", "delete")
            .onlyNamed("web-ingress"))
        .build();
    RbacProfile profile = RbacProfile.builder().name("access").role(role)
        .binding(RbacBinding.toRole("shop", "ci").subject(RbacSubject.user("ci")).build()).build();
    RbacAnalyzer rbac = RbacAnalyzer.of(profile.compile(null));
    for (String verb : List.of("update", "patch", "delete")) {
      assertThat(rbac.canI(Requester.user("ci"), verb, "networkpolicies.networking.k8s.io", "shop", "web-ingress")
          .allowed()).as(verb + " web-ingress").isTrue();
      assertThat(rbac.canI(Requester.user("ci"), verb, "networkpolicies.networking.k8s.io", "shop", "default-deny")
          .allowed()).as(verb + " default-deny").isFalse();
    }
  }

  @Test
  void theAnalyzerReportsTheNetworkPolicyWritesOfAPersonaAsChosenAndSaysHowToNarrowThem() {
    RbacProfile profile = RbacProfile.builder().name("access")
        .assign(Persona.CI_DEPLOYER, "shop", RbacSubject.user("ci")).build();
    List<Finding> findings = RbacAnalyzer.of(profile.compile(null)).riskyPermissions();
    assertThat(findings).filteredOn(f -> f.ruleId().equals("rbac-network-policy-write")).singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.INFO);
          assertThat(f.message()).isEqualTo("[User ci] may create or change NetworkPolicies, whose allows add up,"
              + " so it can open what a default deny closes through Role.rbac.authorization.k8s.io"
              + " shop/ci-deployer: verbs [create] on networkpolicies (group \"networking.k8s.io\") in namespace"
              + " shop (acknowledged on the role, so reported as INFO)");
          assertThat(f.remediation()).hasValue("grant only what the subjects need: in"
              + " Role.rbac.authorization.k8s.io shop/ci-deployer limit update, patch and delete of NetworkPolicies"
              + " with resourceNames to the subjects' own policies, drop create unless they must ship policies"
              + " (RBAC cannot limit it by name nor by what a policy allows: an AdminNetworkPolicy or an admission"
              + " policy can), or acknowledge the risk on the role; or remove the subjects from"
              + " RoleBinding.rbac.authorization.k8s.io shop/ci-deployer");
        });
  }
}
