package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.networking.policy.NetworkPolicySet;
import dev.shipshape.security.rbac.Persona;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.analysis.RbacAnalyzer;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/**
 * The NetworkPolicies a tenant's teams may change: the personas that create NetworkPolicies update, patch and delete
 * only those named with {@code editableNetworkPolicies(...)}, never the policies the tenant creates itself, as the
 * RBAC authorizer decides ({@link RbacAnalyzer}; on a real API server in {@link TenantsOnRealServerTest}).
 */
class TenantAccessTest {
  private static final String POLICIES = "networkpolicies.networking.k8s.io";
  private static final String DEFAULT_DENY = "team-a-netpol-default-deny";
  private static final List<String> WRITES = List.of("update", "patch", "delete");
  private static final Pattern REFUSED = Pattern.compile("^ERROR \\[team-a] Role\\.rbac\\.authorization\\.k8s\\.io"
      + " team-a/ci-deployer rules\\[\\d+]\\.resourceNames\\[\\d+]: .* NetworkPolicy '([^']+)'");

  private static final Requester CI = Requester.user("ci");
  private static final Requester ADMIN = Requester.user("ada");
  private static final Requester DEV = Requester.user("dev");

  private static Tenant.Builder teams() {
    return Tenant.builder().name("team-a").team(Persona.CI_DEPLOYER, RbacSubject.user("ci"))
        .team(Persona.NAMESPACE_ADMIN, RbacSubject.user("ada")).team(Persona.DEVELOPER, RbacSubject.user("dev"));
  }

  private static boolean may(Tenant tenant, Requester who, String verb, String policy) {
    return RbacAnalyzer.of(tenant.compile(null)).canI(who, verb, POLICIES, "team-a", policy).allowed();
  }

  @Test
  void theDeployerAndTheAdminChangeTheNamedPoliciesAndNotTheDefaultDeny() {
    Tenant tenant = teams().editableNetworkPolicies("web-ingress").editableNetworkPolicies("api-egress").build();

    assertThat(tenant.editableNetworkPolicies()).containsExactly("web-ingress", "api-egress");
    assertThat(TenantValidationTest.problems(tenant)).isEmpty();
    for (String verb : WRITES) {
      for (Requester who : List.of(CI, ADMIN)) {
        assertThat(may(tenant, who, verb, "web-ingress")).as("%s %s web-ingress", who, verb).isTrue();
        assertThat(may(tenant, who, verb, "api-egress")).as("%s %s api-egress", who, verb).isTrue();
        assertThat(may(tenant, who, verb, DEFAULT_DENY)).as("%s %s default deny", who, verb).isFalse();
        assertThat(may(tenant, who, verb, "team-a-netpol-allow-dns")).as("%s %s allow-dns", who, verb).isFalse();
        assertThat(may(tenant, who, verb, "other")).as("%s %s other", who, verb).isFalse();
      }
      // A developer creates no NetworkPolicy, so it changes none either.
      assertThat(may(tenant, DEV, verb, "web-ingress")).as("developer %s", verb).isFalse();
    }
    // Still no delete of every policy at once: deletecollection carries no name.
    assertThat(may(tenant, CI, "deletecollection", null)).isFalse();
  }

  @Test
  void withoutNamesTheTeamsChangeNoNetworkPolicy() {
    Tenant tenant = teams().build();

    for (String verb : WRITES) {
      assertThat(may(tenant, CI, verb, "web-ingress")).isFalse();
      assertThat(may(tenant, ADMIN, verb, "web-ingress")).isFalse();
    }
    assertThat(may(tenant, CI, "create", null)).isTrue();
  }

  @Test
  void namingAPolicyThatTheTenantCreatesItselfIsAnError() {
    Tenant tenant = Tenant.builder().name("team-a").team(Persona.CI_DEPLOYER, RbacSubject.user("ci"))
        .editableNetworkPolicies("web-ingress", DEFAULT_DENY).build();

    assertThat(TenantValidationTest.problems(tenant)).containsExactly("ERROR [team-a]"
        + " Role.rbac.authorization.k8s.io team-a/ci-deployer rules[15].resourceNames[1]: lets the ci-deployer team of"
        + " tenant 'team-a' update, patch, delete NetworkPolicy 'team-a-netpol-default-deny', which the tenant creates"
        + " itself from networkPolicies(...): the team could delete or loosen the isolation of namespace 'team-a' —"
        + " remove 'team-a-netpol-default-deny' from editableNetworkPolicies(...) and name only the policies the team"
        + " creates itself");
  }

  /** The policies of a replaced set are the tenant's own too, renamed ones included. */
  @Test
  void thePoliciesOfAReplacedSetAreTheTenantsOwn() {
    Tenant tenant = Tenant.builder().name("team-a").team(Persona.NAMESPACE_ADMIN, RbacSubject.user("ada"))
        .networkPolicies(NetworkPolicySet.forNamespaces("team-a").named("isolation").defaultDenyAll().allowDns()
            .policyName("default-deny", "deny-all"))
        .editableNetworkPolicies("deny-all", "isolation-allow-dns", "team-a-netpol-default-deny").build();

    assertThat(TenantValidationTest.problems(tenant)).hasSize(2)
        .allMatch(p -> p.startsWith("ERROR [team-a] Role.rbac.authorization.k8s.io team-a/namespace-admin rules["))
        .anyMatch(p -> p.contains("NetworkPolicy 'deny-all', which the tenant creates itself"))
        .anyMatch(p -> p.contains("NetworkPolicy 'isolation-allow-dns', which the tenant creates itself"));
  }

  /**
   * For any names given, the deployer may patch exactly the named policies, and planning refuses exactly the named
   * policies that the tenant creates itself.
   */
  @Property(tries = 60)
  void theDeployerChangesExactlyTheNamedPoliciesAndNoneOfTheTenantsOwnIsAccepted(
      @ForAll @Size(min = 1, max = 4) @UniqueElements List<Policy> named) {
    String[] names = named.stream().map(p -> p.name).toArray(String[]::new);
    Tenant tenant = Tenant.builder().name("team-a").team(Persona.CI_DEPLOYER, RbacSubject.user("ci"))
        .editableNetworkPolicies(names).build();

    for (Policy policy : Policy.values()) {
      assertThat(may(tenant, CI, "patch", policy.name)).as(policy.name).isEqualTo(named.contains(policy));
    }
    Set<String> refused = new TreeSet<>();
    for (String problem : TenantValidationTest.problems(tenant)) {
      Matcher m = REFUSED.matcher(problem);
      assertThat(m.find()).as(problem).isTrue();
      refused.add(m.group(1));
    }
    assertThat(refused).isEqualTo(named.stream().filter(p -> p.tenants).map(p -> p.name)
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  enum Policy {
    DEFAULT_DENY_ALL(DEFAULT_DENY, true),
    ALLOW_DNS("team-a-netpol-allow-dns", true),
    SAME_NAMESPACE("team-a-netpol-allow-same-namespace", true),
    WEB("web-ingress", false),
    LOOKALIKE("team-a-netpol-default-deny-web", false);

    final String name;
    final boolean tenants;

    Policy(String name, boolean tenants) {
      this.name = name;
      this.tenants = tenants;
    }
  }
}
