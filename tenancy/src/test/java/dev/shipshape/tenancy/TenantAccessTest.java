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
  private static final Pattern REFUSED = Pattern.compile("^ERROR \\[team-a] Namespace team-a"
      + " editableNetworkPolicies\\[(\\d+)]: .* NetworkPolicy '([^']+)', which the tenant creates itself");

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

    assertThat(TenantValidationTest.problems(tenant)).containsExactly(ownPolicy(1, DEFAULT_DENY));
  }

  /** The tenant's input is judged, once per name, whether two teams, one or none would be given it. */
  @Test
  void eachNameIsJudgedOnceWhateverTheTeams() {
    assertThat(TenantValidationTest.problems(teams().editableNetworkPolicies(DEFAULT_DENY).build()))
        .containsExactly(ownPolicy(0, DEFAULT_DENY));
    assertThat(TenantValidationTest.problems(Tenant.builder().name("team-a")
        .editableNetworkPolicies("web-ingress", DEFAULT_DENY).build()))
        .containsExactly(ownPolicy(1, DEFAULT_DENY), noTeam("'web-ingress', '" + DEFAULT_DENY + "'"));
  }

  private static String ownPolicy(int index, String name) {
    return "ERROR [team-a] Namespace team-a editableNetworkPolicies[" + index + "]: tenant 'team-a' lets its teams"
        + " change NetworkPolicy '" + name + "', which the tenant creates itself from networkPolicies(...): its"
        + " teams could delete or loosen the isolation of namespace 'team-a' — remove '" + name + "' from"
        + " editableNetworkPolicies(...) and name only the policies the teams create themselves";
  }

  private static String noTeam(String names) {
    return "WARNING [team-a] Namespace team-a editableNetworkPolicies: tenant 'team-a' names NetworkPolicies "
        + names + " in editableNetworkPolicies(...), but has no CI_DEPLOYER or NAMESPACE_ADMIN team, the personas"
        + " that create NetworkPolicies: no team may change them — add the team that ships the policies with"
        + " team(Persona.CI_DEPLOYER, ...) or team(Persona.NAMESPACE_ADMIN, ...), or leave out"
        + " editableNetworkPolicies(...)";
  }

  /**
   * A name no NetworkPolicy can have (NetworkPolicy names are DNS-1123 subdomains) grants nothing, and RBAC matches
   * resourceNames exactly, so '*' is no wildcard.
   */
  @Test
  void namesThatNoPolicyCanHaveAreErrors() {
    Tenant tenant = teams().editableNetworkPolicies("web-ingress", "", "Web_Ingress", "*", "api.v2").build();

    assertThat(TenantValidationTest.problems(tenant)).containsExactly(
        "ERROR [team-a] Namespace team-a editableNetworkPolicies[1]: tenant 'team-a' lets its teams change"
            + " NetworkPolicy '', whose name is empty: no NetworkPolicy can have it, so it grants nothing — give the"
            + " name of the policy as it is in its metadata.name, such as 'web-ingress'",
        "ERROR [team-a] Namespace team-a editableNetworkPolicies[2]: tenant 'team-a' lets its teams change"
            + " NetworkPolicy 'Web_Ingress', whose name is not a DNS-1123 subdomain (lower-case letters, digits, '-'"
            + " and '.', starting and ending with a letter or digit): no NetworkPolicy can have it, so it grants"
            + " nothing — give the name of the policy as it is in its metadata.name, such as 'web-ingress'",
        "ERROR [team-a] Namespace team-a editableNetworkPolicies[3]: tenant 'team-a' lets its teams change"
            + " NetworkPolicy '*', but RBAC matches resourceNames exactly: '*' is no wildcard and names no policy —"
            + " name each policy the teams may change, such as 'web-ingress'");
    // Nor does RBAC read '*' as any other name.
    assertThat(may(tenant, CI, "patch", "other")).isFalse();
  }

  /** Names given to a tenant whose teams create no NetworkPolicy grant nothing. */
  @Test
  void namesWithoutATeamThatCreatesPoliciesAreWarned() {
    Tenant tenant = Tenant.builder().name("team-a").team(Persona.DEVELOPER, RbacSubject.user("dev"))
        .editableNetworkPolicies("web-ingress").build();

    assertThat(TenantValidationTest.problems(tenant)).containsExactly(noTeam("'web-ingress'"));
    assertThat(may(tenant, DEV, "patch", "web-ingress")).isFalse();
    assertThat(TenantValidationTest.problems(teams().editableNetworkPolicies("web-ingress").build())).isEmpty();
  }

  /**
   * A policy that another component of the spec, or the spec's own resources, put in the tenant's namespace is the
   * spec's: each apply undoes what the teams change. A warning that names the tenant, the policy and its producer.
   */
  @Test
  void aPolicyThatAnotherComponentPutsInTheNamespaceIsWarned() {
    NetworkPolicySet shop = NetworkPolicySet.forNamespaces("team-a").named("shop").allowDns();
    Tenant tenant = teams().editableNetworkPolicies("web-ingress", "shop-allow-dns", "api-egress").build();
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenant, shop)
        .yaml("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-ingress, namespace:"
            + " team-a}\nspec: {podSelector: {}}\n").build();

    String undone = "': each apply of the spec undoes what the teams change and brings back what they delete"
        + " — remove '";
    assertThat(TenantValidationTest.problems(spec)).containsExactly(
        "WARNING [team-a] Namespace team-a editableNetworkPolicies[0]: tenant 'team-a' lets its teams change"
            + " NetworkPolicy 'web-ingress', which the spec's own resources also put in namespace 'team-a" + undone
            + "web-ingress' from editableNetworkPolicies(...) and change the policy in the spec's own resources, or"
            + " take it out of the spec if the teams own it",
        "WARNING [team-a] Namespace team-a editableNetworkPolicies[1]: tenant 'team-a' lets its teams change"
            + " NetworkPolicy 'shop-allow-dns', which component 'shop' also puts in namespace 'team-a" + undone
            + "shop-allow-dns' from editableNetworkPolicies(...) and change the policy in component 'shop', or take"
            + " it out of the spec if the teams own it");
  }

  /** The policies of a replaced set are the tenant's own too, renamed ones included. */
  @Test
  void thePoliciesOfAReplacedSetAreTheTenantsOwn() {
    Tenant tenant = Tenant.builder().name("team-a").team(Persona.NAMESPACE_ADMIN, RbacSubject.user("ada"))
        .networkPolicies(NetworkPolicySet.forNamespaces("team-a").named("isolation").defaultDenyAll().allowDns()
            .policyName("default-deny", "deny-all"))
        .editableNetworkPolicies("deny-all", "isolation-allow-dns", "team-a-netpol-default-deny").build();

    assertThat(TenantValidationTest.problems(tenant)).hasSize(2)
        .allMatch(p -> p.startsWith("ERROR [team-a] Namespace team-a editableNetworkPolicies["))
        .anyMatch(p -> p.contains("[0]: tenant 'team-a' lets its teams change NetworkPolicy 'deny-all', which"))
        .anyMatch(p -> p.contains("[1]: tenant 'team-a' lets its teams change NetworkPolicy 'isolation-allow-dns',"));
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
      assertThat(names[Integer.parseInt(m.group(1))]).as("the index of " + problem).isEqualTo(m.group(2));
      refused.add(m.group(2));
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
