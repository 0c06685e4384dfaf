package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.security.pss.PodSecurityLevel;
import dev.shipshape.security.pss.PodSecurityProfile;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.RbacSubject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantTest {

  private static List<String> refs(Plan plan) {
    return plan.resources().stream().map(r -> r.ref().toString()).collect(Collectors.toList());
  }

  @Test
  void aTenantIsAFewLines() {
    Plan plan = ClusterSpec.builder().name("platform")
        .component(Tenant.builder().name("team-a").quota(Map.of("pods", "50", "requests.cpu", "8"))
            .team(Persona.DEVELOPER, RbacSubject.group("team-a-devs")).build())
        .build().plan();

    assertThat(refs(plan)).contains("Namespace team-a", "ResourceQuota team-a/team-a-quota",
        "LimitRange team-a/team-a-limits", "NetworkPolicy.networking.k8s.io team-a/team-a-netpol-default-deny",
        "NetworkPolicy.networking.k8s.io team-a/team-a-netpol-allow-dns",
        "NetworkPolicy.networking.k8s.io team-a/team-a-netpol-allow-same-namespace");
    assertThat(refs(plan)).anyMatch(r -> r.startsWith("Role.rbac.authorization.k8s.io team-a/"))
        .anyMatch(r -> r.startsWith("RoleBinding.rbac.authorization.k8s.io team-a/"));
    HasMetadata ns = plan.resources().get(0).object();
    assertThat(ns.getMetadata().getLabels()).containsEntry(Tenant.TENANT_LABEL, "team-a")
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    ResourceQuota quota = (ResourceQuota) find(plan, "ResourceQuota");
    assertThat(quota.getSpec().getHard()).containsEntry("pods", new Quantity("50"));
    LimitRange limits = (LimitRange) find(plan, "LimitRange");
    assertThat(limits.getSpec().getLimits().get(0).getDefaultRequest()).containsEntry("cpu", new Quantity("100m"));
    assertThat(limits.getSpec().getLimits().get(0).getDefault()).containsOnlyKeys("memory");
  }

  @Test
  void eachCallOfTeamAddsItsSubjectsToThePersonasTeam() {
    RbacSubject alice = RbacSubject.user("alice");
    RbacSubject bob = RbacSubject.user("bob");
    RbacSubject carol = RbacSubject.user("carol");
    RbacSubject auditors = RbacSubject.group("auditors");
    Tenant tenant = Tenant.builder().name("team-a").team(Persona.DEVELOPER, alice, bob)
        .team(Persona.VIEWER, auditors).team(Persona.DEVELOPER, carol, alice).build();

    assertThat(tenant.teams()).containsOnly(entry(Persona.DEVELOPER, List.of(alice, bob, carol)),
        entry(Persona.VIEWER, List.of(auditors)));
    Plan plan = ClusterSpec.builder().name("platform").component(tenant).build().plan();
    RoleBinding developers = (RoleBinding) plan.find(ResourceRef.namespaced("rbac.authorization.k8s.io",
        "RoleBinding", "team-a", "developer")).orElseThrow().object();
    assertThat(developers.getSubjects()).extracting(Subject::getName).containsExactly("alice", "bob", "carol");
  }

  @Test
  void everyPartCanBeReplaced() {
    Plan plan = ClusterSpec.builder().name("platform")
        .component(Tenant.builder().name("team-b").namespace("b-prod").tenantLabelKey("example.com/tenant")
            .putLabels("cost-center", "42").podSecurity(PodSecurityProfile.enforce(PodSecurityLevel.BASELINE).build())
            .defaultRequests(Map.of()).defaultLimits(Map.of())
            .networkPolicies(NetworkPolicySet.forNamespaces("b-prod").named("b").defaultDenyIngress()
                .allowSameNamespaceIngress())
            .build())
        .build().plan();

    assertThat(refs(plan)).containsExactlyInAnyOrder("Namespace b-prod",
        "NetworkPolicy.networking.k8s.io b-prod/b-default-deny-ingress",
        "NetworkPolicy.networking.k8s.io b-prod/b-allow-same-namespace");
    assertThat(plan.resources().get(0).object().getMetadata().getLabels())
        .containsEntry("example.com/tenant", "team-b").containsEntry("cost-center", "42")
        .containsEntry("pod-security.kubernetes.io/enforce", "baseline").doesNotContainKey(Tenant.TENANT_LABEL);
  }

  @Test
  void theWarningsOfTheTenantsNetworkPoliciesAreReported() {
    Plan plan = ClusterSpec.builder().name("platform")
        .component(Tenant.builder().name("team-d")
            .networkPolicies(NetworkPolicySet.forNamespaces("team-d").named("d").defaultDenyEgress()).build())
        .build().plan();

    assertThat(plan.warnings()).map(Object::toString).contains("WARNING [d] NetworkPolicy.networking.k8s.io"
        + " team-d/d-default-deny-egress spec.policyTypes: egress is denied and nothing allows DNS (UDP port 53), so"
        + " pods cannot resolve names — add allowDns() to the set");
  }

  @Test
  void problemsAreReportedWithTheSpecsOthers() {
    ClusterSpec spec = ClusterSpec.builder().name("platform")
        .component(Tenant.builder().name("team-c").quota(Map.of("requests.cpu", "lots")).build())
        .yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\n").build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ERROR [team-c] ResourceQuota team-c/team-c-quota spec.hard[requests.cpu]: 'lots' is "
            + "not a quantity — give quota(...) a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi")
        .hasMessageContaining("namespace 'nowhere' is neither created by the spec nor declared pre-existing");
  }

  private static HasMetadata find(Plan plan, String kind) {
    return plan.resources().stream().filter(r -> r.ref().kind().equals(kind)).findFirst().orElseThrow().object();
  }
}
