package dev.shipshape.security.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RbacProfileTest {
  private static final String NS_YAML = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

  private static RbacProfile.Builder profile() {
    return RbacProfile.builder().name("access");
  }

  /** Building succeeds; planning a spec with the profile reports its problems with all others. */
  private static SpecValidationException rejected(RbacProfile.Builder builder) {
    ClusterSpec spec = ClusterSpec.builder().name("t").preExistingNamespace("shop", "billing")
        .component(builder.build()).build();
    try {
      spec.plan();
    } catch (SpecValidationException e) {
      return e;
    }
    throw new AssertionError("expected the profile to be rejected");
  }

  /** Planning a spec with the profile reports no problem of it. */
  private static void accepted(RbacProfile.Builder builder) {
    try {
      ClusterSpec.builder().name("t").preExistingNamespace("shop", "billing").component(builder.build()).build()
          .plan();
    } catch (SpecValidationException e) {
      throw new AssertionError("expected the profile to be accepted: " + e.getMessage(), e);
    }
  }

  @Test
  void profileProblemsAreReportedWithTheOtherProblemsOfTheSpec() {
    RbacProfile profile = profile().role(RbacRole.namespaced("shop", "all").rule(Rule.core("pods").allow("*"))
        .build()).build();
    ClusterSpec spec = ClusterSpec.builder().name("t").component(profile)
        .yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\n").build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("Role.rbac.authorization.k8s.io shop/all rules[0].verbs: verbs [*] on pods")
        .hasMessageContaining("ConfigMap nowhere/c metadata.namespace: namespace 'nowhere' is neither created by "
            + "the spec nor declared pre-existing");
  }

  @Test
  void compilesPersonaToRoleAndBinding() {
    RbacProfile p = profile().assign(Persona.DEVELOPER, "shop", RbacSubject.group("shop-devs")).build();
    List<HasMetadata> objects = p.compile(null);
    assertThat(objects).hasSize(2);
    Role role = (Role) objects.get(0);
    assertThat(role.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(role.getMetadata().getName()).isEqualTo("developer");
    assertThat(role.getRules()).anySatisfy(r -> {
      assertThat(r.getApiGroups()).containsExactly("apps");
      assertThat(r.getResources()).containsExactly("deployments", "statefulsets");
      assertThat(r.getVerbs()).containsExactly("create", "update", "patch", "delete");
    });
    assertThat(role.getRules()).noneSatisfy(r -> assertThat(r.getResources()).contains("secrets"));
    RoleBinding binding = (RoleBinding) objects.get(1);
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getSubjects().get(0).getKind()).isEqualTo("Group");
    assertThat(binding.getSubjects().get(0).getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
  }

  @Test
  void tailoringRemovesResourcesAndVerbs() {
    RbacRole role = RbacRole.namespaced("shop", "dev").persona(Persona.DEVELOPER).without("pods/log")
        .withoutVerbs("delete").build();
    assertThat(role.rules()).noneSatisfy(r -> assertThat(r.resources()).contains("pods/log"));
    assertThat(role.rules()).noneSatisfy(r -> assertThat(r.verbs()).contains("delete"));
    // "pods" delete was the only verb of its rule, so the rule is gone.
    assertThat(role.rules()).noneSatisfy(r -> assertThat(r.resources()).containsExactly("pods")
        .isNotNull().satisfies(x -> assertThat(r.verbs()).isEmpty()));
  }

  @Test
  void aggregatedClusterRoleCompilesToAggregationRuleWithoutRules() {
    RbacProfile p = profile()
        .role(RbacRole.cluster("monitoring").aggregateFrom(Map.of("example.com/aggregate-to-monitoring", "true"))
            .build())
        .role(RbacRole.cluster("monitoring-pods").label("example.com/aggregate-to-monitoring", "true")
            .rule(Rule.core("pods").allow("get", "list")).build())
        .build();
    ClusterRole aggregated = (ClusterRole) p.compile(null).get(0);
    assertThat(aggregated.getAggregationRule().getClusterRoleSelectors().get(0).getMatchLabels())
        .containsEntry("example.com/aggregate-to-monitoring", "true");
    assertThat(Manifests.toYaml(aggregated)).doesNotContain("rules");
  }

  @Test
  void wildcardIsRejectedUnlessAcknowledged() {
    SpecValidationException e = rejected(profile().role(RbacRole.namespaced("shop", "all")
        .rule(Rule.core("pods").allow("*")).build()));
    assertThat(e.getMessage()).contains("Role.rbac.authorization.k8s.io shop/all rules[0].verbs: verbs [*] on pods"
        + " (group \"\") grants '*'")
        .contains("accept the risk with acknowledgeRisk(Risk.WILDCARD) on the role");
    RbacProfile ok = profile().role(RbacRole.namespaced("shop", "all").rule(Rule.core("pods").allow("*"))
        .acknowledgeRisk(Risk.WILDCARD, Risk.WORKLOAD_WRITE, Risk.POD_EXEC).build()).build();
    assertThat(ok.roles()).hasSize(1);
  }

  @Test
  void riskyGrantIsRejectedUnlessAcknowledged() {
    SpecValidationException e = rejected(profile().role(RbacRole.namespaced("shop", "reader")
        .rule(Rule.core("secrets").allow("get")).build()));
    assertThat(e.getMessage()).contains("Role.rbac.authorization.k8s.io shop/reader rules[0]: verbs [get] on"
        + " secrets (group \"\") may read Secrets (get/list/watch)")
        .contains("accept the risk with acknowledgeRisk(Risk.SECRETS_READ) on the role");
    accepted(profile().role(RbacRole.namespaced("shop", "reader").rule(Rule.core("secrets").allow("get"))
        .acknowledgeRisk(Risk.SECRETS_READ).build()));
  }

  @Test
  void patchOrDeleteOfSecretsIsRejectedUnlessAcknowledgedSayingWhyAndHow() {
    SpecValidationException e = rejected(profile().role(RbacRole.namespaced("shop", "rotator")
        .rule(Rule.core("secrets").allow("patch", "delete")).build()));
    assertThat(e.getMessage()).contains("Role.rbac.authorization.k8s.io shop/rotator rules[0]: verbs [patch, delete]"
        + " on secrets (group \"\") may read Secrets through patch or delete (the response carries the stored Secret)"
        + " — drop patch, delete and deletecollection on Secrets, or accept the risk with"
        + " acknowledgeRisk(Risk.SECRETS_READ_BY_PATCH_OR_DELETE) on the role, best with patch and delete limited by"
        + " resourceNames to the Secrets that must change (those stay readable)");
    Rule named = Rule.core("secrets").allow("patch", "delete").onlyNamed("tls");
    assertThat(rejected(profile().role(RbacRole.namespaced("shop", "rotator").rule(named).build())).getMessage())
        .as("like a named get, a named patch still reads the Secret it names")
        .contains("shop/rotator rules[0]: verbs [patch, delete] on secrets named [tls] (group \"\") may read Secrets"
            + " through patch or delete");
    accepted(profile().role(RbacRole.namespaced("shop", "rotator").rule(named)
        .acknowledgeRisk(Risk.SECRETS_READ_BY_PATCH_OR_DELETE).build()));
  }

  @Test
  void aRoleThatMayReadSecretsAcceptsTheirPatchesAndDeletesWithTheSameAcknowledgement() {
    // Two rules that the role keeps apart: the reads cover ConfigMaps too.
    RbacRole reader = RbacRole.namespaced("shop", "keeper").rule(Rule.core("secrets", "configmaps").allow("get"))
        .rule(Rule.core("secrets").allow("patch", "delete")).acknowledgeRisk(Risk.SECRETS_READ).build();
    assertThat(reader.rules()).hasSize(2);
    accepted(profile().role(reader));
    assertThat(Risk.SECRETS_READ_BY_PATCH_OR_DELETE.acceptedBy())
        .containsExactlyInAnyOrder(Risk.SECRETS_READ_BY_PATCH_OR_DELETE, Risk.SECRETS_READ);
    assertThat(Risk.SECRETS_READ.acceptedBy()).containsExactly(Risk.SECRETS_READ);
    RbacRole patcher = RbacRole.namespaced("shop", "rotator").rule(Rule.core("secrets").allow("patch"))
        .acknowledgeRisk(Risk.WORKLOAD_WRITE).build();
    assertThat(rejected(profile().role(patcher)).getMessage()).as("another acknowledgement accepts nothing more")
        .contains("may read Secrets through patch or delete");
  }

  @Test
  void ciDeployerReadsSecretsThroughPatchOrDeleteByDesign() {
    assertThat(Persona.CI_DEPLOYER.inherentRisks())
        .containsExactly(Risk.SECRETS_READ_BY_PATCH_OR_DELETE, Risk.WORKLOAD_WRITE, Risk.NETWORK_POLICY_WRITE);
    RbacProfile p = profile().assign(Persona.CI_DEPLOYER, "shop", RbacSubject.user("ci")).build();
    assertThat(p.roles().get(0).toKubernetes().getMetadata().getAnnotations())
        .containsEntry(RbacRole.ACKNOWLEDGED_RISKS_ANNOTATION,
            "NETWORK_POLICY_WRITE,SECRETS_READ_BY_PATCH_OR_DELETE,WORKLOAD_WRITE");
  }

  @Test
  void networkPolicyWritesAreRejectedUnlessAcknowledgedSayingWhatRbacCannotLimit() {
    assertThat(Persona.NAMESPACE_ADMIN.inherentRisks()).contains(Risk.NETWORK_POLICY_WRITE);
    assertThat(List.of(Persona.VIEWER, Persona.DEVELOPER, Persona.OPERATOR, Persona.AUDITOR))
        .allSatisfy(p -> assertThat(p.inherentRisks()).doesNotContain(Risk.NETWORK_POLICY_WRITE));
    SpecValidationException e = rejected(profile().role(RbacRole.namespaced("shop", "netpol")
        .rule(Rule.on("networking.k8s.io", "networkpolicies").allow("create")).build()));
    assertThat(e.getMessage()).contains("Role.rbac.authorization.k8s.io shop/netpol rules[0]: verbs [create] on"
        + " networkpolicies (group \"networking.k8s.io\") may create or change NetworkPolicies, whose allows add up,"
        + " so it can open what a default deny closes — limit update, patch and delete of NetworkPolicies with"
        + " resourceNames to the subjects' own policies, drop create unless they must ship policies (RBAC cannot"
        + " limit it by name nor by what a policy allows: an AdminNetworkPolicy or an admission policy can), or"
        + " accept the risk with acknowledgeRisk(Risk.NETWORK_POLICY_WRITE) on the role");
    Rule named = Rule.on("networking.k8s.io", "networkpolicies").allow("update", "patch", "delete")
        .onlyNamed("web-ingress");
    assertThat(rejected(profile().role(RbacRole.namespaced("shop", "netpol").rule(named).build())).getMessage())
        .as("limited to its own policies, a change still opens what those allow")
        .contains("shop/netpol rules[0]: verbs [update, patch, delete] on networkpolicies named [web-ingress]"
            + " (group \"networking.k8s.io\") may create or change NetworkPolicies");
    accepted(profile().role(RbacRole.namespaced("shop", "netpol").rule(named)
        .acknowledgeRisk(Risk.NETWORK_POLICY_WRITE).build()));
    accepted(profile().role(RbacRole.namespaced("shop", "netpol")
        .rule(Rule.on("networking.k8s.io", "networkpolicies").allow("get", "list", "watch")).build()));
  }

  @Test
  void eachListedRiskIsDetected() {
    Map<Risk, Rule> grants = Map.ofEntries(
        Map.entry(Risk.ESCALATE, Rule.on("rbac.authorization.k8s.io", "clusterroles").allow("escalate")),
        Map.entry(Risk.BIND, Rule.on("rbac.authorization.k8s.io", "clusterroles").allow("bind")),
        Map.entry(Risk.IMPERSONATE, Rule.core("users").allow("impersonate")),
        Map.entry(Risk.SECRETS_READ_BY_PATCH_OR_DELETE, Rule.core("secrets").allow("delete")),
        Map.entry(Risk.WORKLOAD_WRITE, Rule.on("batch", "cronjobs").allow("create")),
        Map.entry(Risk.NETWORK_POLICY_WRITE, Rule.on("networking.k8s.io", "networkpolicies").allow("delete")),
        Map.entry(Risk.POD_EXEC, Rule.core("pods/attach").allow("create")),
        Map.entry(Risk.NODE_PROXY, Rule.core("nodes/proxy").allow("get")),
        Map.entry(Risk.CSR_APPROVAL, Rule.on("certificates.k8s.io", "certificatesigningrequests/approval")
            .allow("update")),
        Map.entry(Risk.SERVICE_ACCOUNT_TOKEN, Rule.core("serviceaccounts/token").allow("create")),
        Map.entry(Risk.WEBHOOK_EDIT, Rule.on("admissionregistration.k8s.io", "mutatingwebhookconfigurations")
            .allow("patch")));
    grants.forEach((risk, rule) -> assertThat(rejected(profile().role(RbacRole.cluster("r").rule(rule).build()))
        .getMessage()).as(risk.name()).contains(risk.description()).contains("Risk." + risk.name()));
  }

  @Test
  void personaRisksAreInherentButAddedRisksAreNot() {
    accepted(profile().assign(Persona.NAMESPACE_ADMIN, "shop", RbacSubject.user("ann")));
    SpecValidationException e = rejected(profile().role(RbacRole.namespaced("shop", "dev")
        .persona(Persona.DEVELOPER).rule(Rule.core("pods/exec").allow("create")).build()));
    assertThat(e.getMessage()).contains("shop/dev rules[").contains("Risk.POD_EXEC");
  }

  @Test
  void malformedRulesAreRejectedTogether() {
    SpecValidationException e = rejected(profile().role(RbacRole.namespaced("shop", "bad")
        .rule(Rule.nonResource("/metrics").allow("get"))
        .rule(Rule.builder().addResources("pods").addNonResourceURLs("/x").addVerbs("get").addApiGroups("").build())
        .rule(Rule.builder().addResources("pods").addVerbs("get").build())
        .rule(Rule.on("apps", "deployments").allow("create", "deletecollection").onlyNamed("web"))
        .rule(Rule.core("pods").allow())
        .build()));
    assertThat(e.problems()).hasSize(8);
    assertThat(e.problems()).filteredOn(p -> !p.isError()).singleElement().asString()
        .contains("shop/bad rules[3].resourceNames: restricts 'create' to named objects: a plain create");
    assertThat(e.getMessage())
        .contains("shop/bad rules[0].nonResourceURLs: non-resource URLs are not namespaced, so a Role cannot grant"
            + " them — grant them in a ClusterRole bound by a ClusterRoleBinding")
        .contains("shop/bad rules[1]: names both resources and non-resource URLs — split it")
        .contains("shop/bad rules[2].apiGroups: is empty, so the rule matches no resource — name the API group")
        .contains("shop/bad rules[3].resourceNames: restricts 'deletecollection' to named objects, but"
            + " 'deletecollection' requests carry no object name, so the rule never allows it")
        .doesNotContain("ERROR [access] Role.rbac.authorization.k8s.io shop/bad rules[3].resourceNames: restricts"
            + " 'create'")
        .contains("shop/bad rules[4].verbs: is empty — allow at least one verb");
  }

  @Test
  void aggregatedRoleWithRulesIsRejected() {
    SpecValidationException e = rejected(profile().role(RbacRole.cluster("agg").aggregateFrom(Map.of("a", "b"))
        .rule(Rule.core("pods").allow("get")).build()));
    assertThat(e.getMessage()).contains("ClusterRole.rbac.authorization.k8s.io agg rules: an aggregated"
        + " ClusterRole has rules of its own, which the aggregation controller overwrites");
  }

  @Test
  void bindingProblems() {
    SpecValidationException e = rejected(profile()
        .binding(RbacBinding.toRole("shop", "dev").build())
        .binding(RbacBinding.builder().clusterRole(false).roleName("dev").subject(RbacSubject.user("a")).build())
        .binding(RbacBinding.toClusterRole("cluster-admin").name("admins").subject(RbacSubject.group("ops")).build()));
    assertThat(e.getMessage())
        .contains("RoleBinding.rbac.authorization.k8s.io shop/dev subjects: binds nobody")
        .contains("ClusterRoleBinding.rbac.authorization.k8s.io dev roleRef: a ClusterRoleBinding can only refer"
            + " to a ClusterRole, not to Role 'dev'")
        .contains("ClusterRoleBinding.rbac.authorization.k8s.io admins roleRef: binds cluster-admin, which may do"
            + " anything — bind a least-privilege role, or accept the risk with"
            + " acknowledgeRisk(Risk.CLUSTER_ADMIN_BINDING)");
  }

  @Test
  void roleBindingToRoleOfAnotherNamespaceIsExplained() {
    SpecValidationException e = rejected(profile()
        .role(RbacRole.namespaced("shop", "reader").persona(Persona.VIEWER).build())
        .binding(RbacBinding.toRole("billing", "reader").subject(RbacSubject.user("bob")).build()));
    assertThat(e.getMessage()).contains("RoleBinding.rbac.authorization.k8s.io billing/reader roleRef: refers to"
        + " Role 'reader', which this profile defines in namespace shop; a RoleBinding can only refer to a Role of"
        + " its own namespace (billing) — define the role in billing too, or make it a ClusterRole");
  }

  @Test
  void duplicatesAreRejected() {
    SpecValidationException e = rejected(profile()
        .role(RbacRole.namespaced("shop", "r").persona(Persona.VIEWER).build())
        .role(RbacRole.namespaced("shop", "r").persona(Persona.OPERATOR).build()));
    assertThat(e.getMessage()).contains("Role.rbac.authorization.k8s.io shop/r metadata.name: is defined twice");
  }

  @Test
  void unknownServiceAccountIsAnErrorUnlessDefinedOrPreExisting() {
    RbacProfile p = profile().assign(Persona.CI_DEPLOYER, "shop", RbacSubject.serviceAccount("shop", "ci")).build();
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p);
    assertThatThrownBy(() -> spec.build().plan()).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("RoleBinding.rbac.authorization.k8s.io shop/ci-deployer subjects[0]: binds"
            + " ServiceAccount shop/ci, which the spec does not define — add the ServiceAccount to the spec, or"
            + " declare it with ClusterSpec.builder().preExistingResource(ResourceRef.core(\"ServiceAccount\","
            + " \"shop\", \"ci\"))");
    Plan preExisting = ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p)
        .preExistingResource(ResourceRef.core("ServiceAccount", "shop", "ci")).build().plan();
    assertThat(preExisting.resources()).hasSize(3);
    Plan defined = ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p)
        .yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ci\n  namespace: shop\n").build().plan();
    assertThat(defined.resources()).hasSize(4);
  }

  @Test
  void defaultServiceAccountOfAnExistingNamespaceNeedsNoDeclaration() {
    RbacProfile p = profile().assign(Persona.VIEWER, "shop", RbacSubject.serviceAccount("shop", "default")).build();
    assertThat(ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p).build().plan().resources())
        .hasSize(3);
  }

  @Test
  void unknownRoleIsAnError() {
    RbacProfile p = profile().binding(RbacBinding.toClusterRole("reader").subject(RbacSubject.user("a")).build())
        .build();
    assertThatThrownBy(() -> ClusterSpec.builder().name("prod").component(p).build().plan())
        .hasMessageContaining("ClusterRoleBinding.rbac.authorization.k8s.io reader roleRef: refers to"
            + " ClusterRole.rbac.authorization.k8s.io reader, which the spec does not define — add the role to"
            + " the spec, or declare it");
  }

  @Test
  void roleBindingToAClusterRoleOfNamespacedResourcesIsTheDocumentedPatternAndNotWarnedAbout() {
    RbacProfile p = profile()
        .role(RbacRole.cluster("pod-reader").rule(Rule.core("pods").allow("get")).build())
        .binding(RbacBinding.toClusterRoleIn("shop", "pod-reader").subject(RbacSubject.user("a")).build())
        .build();
    Plan plan = ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p).build().plan();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void roleBindingToAClusterRoleWithClusterScopedRulesNamesTheRulesThatGrantNothing() {
    RbacProfile p = profile()
        .role(RbacRole.cluster("node-watcher").rule(Rule.core("pods", "nodes").allow("get"))
            .rule(Rule.nonResource("/healthz").allow("get")).build())
        .binding(RbacBinding.toClusterRoleIn("shop", "node-watcher").subject(RbacSubject.user("a")).build())
        .build();
    Plan plan = ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p).build().plan();
    assertThat(plan.warnings()).singleElement().asString()
        .contains("RoleBinding.rbac.authorization.k8s.io shop/node-watcher roleRef: grants ClusterRole"
            + " 'node-watcher' only inside namespace shop: its rules on nodes, non-resource URL /healthz grant"
            + " nothing through a RoleBinding — bind the ClusterRole with RbacBinding.toClusterRole(...) if the"
            + " subjects need those in the whole cluster, or drop them from the role");
  }

  @Test
  void namedCreateIsAWarningInThePlanButNotOnNamedSubresources() {
    RbacProfile p = profile()
        .role(RbacRole.namespaced("shop", "maker").rule(Rule.core("configmaps").allow("create").onlyNamed("cfg"))
            .rule(Rule.core("serviceaccounts/token").allow("create").onlyNamed("ci"))
            .acknowledgeRisk(Risk.SERVICE_ACCOUNT_TOKEN).build())
        .binding(RbacBinding.toRole("shop", "maker").subject(RbacSubject.user("a")).build())
        .build();
    Plan plan = ClusterSpec.builder().name("prod").yaml(NS_YAML).component(p).build().plan();
    assertThat(plan.warnings()).singleElement().asString()
        .contains("Role.rbac.authorization.k8s.io shop/maker rules[0].resourceNames: restricts 'create' to named"
            + " objects: a plain create (kubectl create, POST) carries no object name and is denied; only a"
            + " server-side apply that creates one of these names, or a create on a named subresource, is allowed")
        .contains("[access]");
  }
}
