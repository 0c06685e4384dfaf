package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.networking.policy.NetworkPolicySet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the tenant reports at planning, each message naming the tenant, the object and field, and the builder
 * method that fixes it. The API server's own verdicts (kube-apiserver 1.34, server dry run) are quoted where it
 * refuses the same input.
 */
class TenantValidationTest {

  /**
   * Every problem of planning the spec, errors and warnings, as one line each, but the warning of a quota that
   * leaves CPU or memory unbounded (see {@link #allProblems}).
   */
  static List<String> problems(Tenant... tenants) {
    return allProblems(tenants).stream().filter(p -> !p.contains(" sets no quota on ")).collect(Collectors.toList());
  }

  /** The errors of planning the spec, one line each. */
  static List<String> errors(Tenant... tenants) {
    return allProblems(tenants).stream().filter(p -> p.startsWith("ERROR ")).collect(Collectors.toList());
  }

  static List<String> allProblems(Tenant... tenants) {
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenants).build();
    try {
      return spec.plan().warnings().stream().map(Problem::toString).collect(Collectors.toList());
    } catch (SpecValidationException e) {
      return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    }
  }

  /** On a shared cluster, a tenant without a quota on CPU or memory can starve the others. */
  @Test
  void aTenantWithoutAQuotaOnCpuOrMemoryIsWarned() {
    assertThat(allProblems(Tenant.builder().name("team-a").build())).containsExactly("WARNING [team-a] Namespace"
        + " team-a quota: tenant 'team-a' sets no quota on cpu and memory, so its pods can take the cpu and memory of"
        + " the nodes that the other tenants need — bound it with quota(Map.of(\"requests.cpu\", ...,"
        + " \"requests.memory\", ...))");
    assertThat(allProblems(Tenant.builder().name("team-a").quota(Map.of("limits.cpu", "8", "pods", "50"))
        .defaultLimits(Map.of("cpu", "1", "memory", "1Gi")).build())).containsExactly("WARNING [team-a] Namespace"
        + " team-a quota: tenant 'team-a' sets no quota on memory, so its pods can take the memory of the nodes that"
        + " the other tenants need — bound it with quota(Map.of(\"requests.memory\", ...))");
    assertThat(allProblems(Tenant.builder().name("team-a").quota(Map.of("cpu", "8", "requests.memory", "16Gi"))
        .build())).isEmpty();
  }

  @Test
  void aNetworkPolicySetForAnotherTenantsNamespaceIsAnError() {
    Tenant teamA = Tenant.builder().name("team-a")
        .networkPolicies(NetworkPolicySet.forNamespaces("team-b").defaultDenyAll().allowDns()).build();

    assertThat(problems(teamA, Tenant.builder().name("team-b").build())).contains("ERROR [team-a] Namespace team-a"
        + " networkPolicies: tenant 'team-a' is given a NetworkPolicySet 'netpol' for namespace 'team-b', not for its"
        + " own namespace 'team-a' alone: the tenant's namespace 'team-a' is left without its default deny — build"
        + " the set for the tenant's namespace: networkPolicies(NetworkPolicySet.forNamespaces(\"team-a\")...), and"
        + " give the other namespaces their own Tenant or NetworkPolicySet");
  }

  @Test
  void aNetworkPolicySetForSeveralNamespacesIsAnErrorEvenWithTheTenantsOwn() {
    Tenant teamA = Tenant.builder().name("team-a")
        .networkPolicies(NetworkPolicySet.forNamespaces("team-a", "team-b").named("a").defaultDenyAll().allowDns())
        .build();

    assertThat(problems(teamA, Tenant.builder().name("team-b").build())).contains("ERROR [team-a] Namespace team-a"
        + " networkPolicies: tenant 'team-a' is given a NetworkPolicySet 'a' for namespaces 'team-a', 'team-b', not"
        + " for its own namespace 'team-a' alone: the tenant would own NetworkPolicies in other namespaces — build the"
        + " set for the tenant's namespace: networkPolicies(NetworkPolicySet.forNamespaces(\"team-a\")...), and give"
        + " the other namespaces their own Tenant or NetworkPolicySet");
  }

  @Test
  void aTenantLabelSetCountsTheNamespacesItsLabelsSelect() {
    Tenant teamA = Tenant.builder().name("team-a").putLabels("tier", "apps")
        .networkPolicies(NetworkPolicySet.forTenants(Map.of("tier", "apps")).named("a").defaultDenyAll().allowDns())
        .build();
    Tenant teamB = Tenant.builder().name("team-b").putLabels("tier", "apps").build();

    assertThat(problems(teamA)).noneMatch(p -> p.contains("networkPolicies"));
    assertThat(problems(teamA, teamB)).contains("ERROR [team-a] Namespace team-a networkPolicies: tenant 'team-a' is"
        + " given a NetworkPolicySet 'a' for namespaces 'team-a', 'team-b' (labelled {tier=apps}), not for its own"
        + " namespace 'team-a' alone: the tenant would own NetworkPolicies in other namespaces — build the set for the"
        + " tenant's namespace: networkPolicies(NetworkPolicySet.forNamespaces(\"team-a\")...), and give the other"
        + " namespaces their own Tenant or NetworkPolicySet");
  }

  /**
   * The API server: {@code spec.hard[request.cpu]: Invalid value: "request.cpu": must be a standard resource for
   * quota}, {@code spec.hard[requests.memory]: Invalid value: "-1Gi": must be greater than or equal to 0},
   * {@code spec.hard[pods]: Invalid value: "1500m": must be an integer}.
   */
  @Test
  void quotaResourcesAndAmountsAreCheckedAsTheApiServerDoes() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("request.cpu", "1")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] ResourceQuota team-a/team-a-quota"
        + " spec.hard[request.cpu]: resource 'request.cpu' is not a resource that a quota can limit — give quota(...)"
        + " resources such as requests.cpu, requests.memory, limits.memory, pods or count/deployments.apps");

    tenant = Tenant.builder().name("team-a").quota(Map.of("requests.memory", "-1Gi")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] ResourceQuota team-a/team-a-quota"
        + " spec.hard[requests.memory]: '-1Gi' is negative — give quota(...) an amount of at least 0 for"
        + " requests.memory");

    tenant = Tenant.builder().name("team-a").quota(Map.of("pods", "1.5")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] ResourceQuota team-a/team-a-quota spec.hard[pods]:"
        + " '1.5' is not a whole number, and pods is counted in whole units — give quota(...) a whole number for"
        + " pods, such as '2'");
  }

  /** Each of these, the API server accepts. */
  @Test
  void quotaResourcesTheApiServerAcceptsPass() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("cpu", "8", "count/deployments.apps", "20",
        "requests.nvidia.com/gpu", "2", "requests.hugepages-2Mi", "1Gi", "services.loadbalancers", "0",
        "requests.storage", "100Gi", "gold.storageclass.storage.k8s.io/requests.storage", "50Gi",
        "limits.ephemeral-storage", "10Gi")).build();

    assertThat(problems(tenant)).isEmpty();
  }

  /**
   * The API server: {@code spec.limits[0].defaultRequest[requests.cpu]: Invalid value: "requests.cpu": must be a
   * standard resource for containers} and {@code spec.limits[0].defaultRequest[memory]: Invalid value: "1Gi":
   * default request value 1Gi is greater than default limit value 512Mi}.
   */
  @Test
  void defaultRequestsAndLimitsAreCheckedAsTheApiServerDoes() {
    Tenant tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("requests.cpu", "1")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].defaultRequest[requests.cpu]: resource 'requests.cpu' is not a container resource — give"
        + " defaultRequests(...) container resources such as cpu, memory or ephemeral-storage");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("cpu", "500m", "memory", "1Gi")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].defaultRequest[memory]: default request memory=1Gi is more than the default limit"
        + " memory=512Mi, which the API server refuses — lower memory in defaultRequests(...) or raise it in"
        + " defaultLimits(...)");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "1 Gi")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default[memory]: '1 Gi' is not a quantity — give defaultLimits(...) a Kubernetes quantity"
        + " such as 500m, 2, 512Mi or 4Gi");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("cpu", "-1")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default[cpu]: '-1' is negative, so every container that takes it is refused — give"
        + " defaultLimits(...) an amount of at least 0 for cpu");
  }

  /**
   * The API server: {@code spec.limits[0].defaultRequest[nvidia.com/gpu]: Invalid value: "1": default value 2 must
   * equal to defaultRequest value 1 in nvidia.com/gpu}.
   */
  @Test
  void extendedResourcesCannotBeOvercommitted() {
    Tenant tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("nvidia.com/gpu", "1"))
        .defaultLimits(Map.of("nvidia.com/gpu", "2")).build();

    assertThat(errors(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].defaultRequest[nvidia.com/gpu]: default request nvidia.com/gpu=1 differs from the default"
        + " limit nvidia.com/gpu=2, but nvidia.com/gpu cannot be overcommitted — give nvidia.com/gpu the same amount"
        + " in defaultRequests(...) and defaultLimits(...)");
  }

  /**
   * The API server accepts these LimitRanges but refuses every container they fill in, for instance:
   * {@code Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi},
   * {@code Invalid value: "1500m": must be an integer},
   * {@code spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources},
   * {@code spec.containers[0].resources: Forbidden: HugePages require cpu or memory}.
   */
  @Test
  void defaultsThatTheApiServerRefusesInEveryContainerAreErrors() {
    Tenant tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "512Mi", "hugepages-2Mi",
        "3Mi")).build();
    assertThat(errors(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default[hugepages-2Mi]: '3Mi' is not a whole number of 2Mi pages, so every container that"
        + " takes it is refused — give defaultLimits(...) a multiple of 2Mi for hugepages-2Mi, such as '4Mi'");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "512Mi", "hugepages-huge", "2Mi"))
        .build();
    assertThat(errors(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default[hugepages-huge]: resource 'hugepages-huge' names no page size ('huge' is not a"
        + " whole number of bytes), so every container that takes it is refused — name the huge pages of"
        + " defaultLimits(...) by their size, such as hugepages-2Mi or hugepages-1Gi");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of()).defaultLimits(Map.of("nvidia.com/gpu", "1.5"))
        .build();
    assertThat(errors(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default[nvidia.com/gpu]: '1.5' is not a whole number, and nvidia.com/gpu is counted in"
        + " whole units, so every container that takes it is refused — give defaultLimits(...) a whole number for"
        + " nvidia.com/gpu, such as '2'");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("cpu", "100m", "example.com/dev", "1")).build();
    assertThat(errors(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].defaultRequest[example.com/dev]: default request example.com/dev=1 has no default limit,"
        + " and example.com/dev cannot be overcommitted: the API server refuses every container that sets no"
        + " example.com/dev limit — give example.com/dev the same amount in defaultLimits(...), or leave it out of"
        + " defaultRequests(...)");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of()).defaultLimits(Map.of("hugepages-1Gi", "1Gi"))
        .build();
    assertThat(errors(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default[hugepages-1Gi]: the LimitRange gives containers hugepages-1Gi but no cpu or"
        + " memory, and the API server refuses every container with huge pages that sets neither — give a memory"
        + " default beside it with defaultRequests(Map.of(\"memory\", ...)) or defaultLimits(...)");
  }

  /**
   * Whole pages of a valid size, whole extended resources, and huge pages beside a memory default pass, with the
   * warning of an extended resource's default ({@link #anExtendedResourceDefaultIsWarned}).
   */
  @Test
  void defaultsThatFillInValidContainersPass() {
    Tenant tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("memory", "128Mi", "hugepages-2Mi",
        "4Mi", "nvidia.com/gpu", "1")).defaultLimits(Map.of("hugepages-2Mi", "4Mi", "nvidia.com/gpu", "1",
        "hugepages-1Gi", "0", "kubernetes.io/batch", "1.5")).build();

    assertThat(problems(tenant)).containsExactly(gpuDefault("spec.limits[0].default", "1"));
  }

  /**
   * A default of an extended resource reaches every container that sets none: the API server fills in a bare pod's
   * {@code nvidia.com/gpu} from it ({@link TenantsOnRealServerTest}), so every pod asks for the device.
   */
  @Test
  void anExtendedResourceDefaultIsWarned() {
    Tenant tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "512Mi", "nvidia.com/gpu", "2"))
        .build();
    assertThat(problems(tenant)).containsExactly(gpuDefault("spec.limits[0].default", "2"));

    // A default request alone reaches no pod: the API server refuses every container it would fill in.
    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("cpu", "100m", "nvidia.com/gpu", "1")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].defaultRequest[nvidia.com/gpu]: default request nvidia.com/gpu=1 has no default limit, and"
        + " nvidia.com/gpu cannot be overcommitted: the API server refuses every container that sets no nvidia.com/gpu"
        + " limit — give nvidia.com/gpu the same amount in defaultLimits(...), or leave it out of"
        + " defaultRequests(...)");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "512Mi", "nvidia.com/gpu", "0",
        "kubernetes.io/batch", "1", "hugepages-2Mi", "2Mi")).build();
    assertThat(problems(tenant)).isEmpty();
  }

  private static String gpuDefault(String field, String amount) {
    return "WARNING [team-a] LimitRange team-a/team-a-limits " + field + "[nvidia.com/gpu]: the LimitRange gives"
        + " nvidia.com/gpu=" + amount + " to every container of namespace 'team-a' that sets no nvidia.com/gpu, so"
        + " every pod asks for the device: pods run only on nodes that have it, or stay Pending, and hold devices"
        + " they do not use — leave nvidia.com/gpu out of defaultRequests(...) and defaultLimits(...), and set it in"
        + " the resources of the workloads that use the device";
  }

  /** A value that is no quantity is reported once, on its field; the tenant still compiles. */
  @Test
  void anEmptyAmountIsReportedOnItsFieldAlone() {
    assertThat(problems(Tenant.builder().name("team-a").quota(Map.of("pods", "")).build())).containsExactly(
        "ERROR [team-a] ResourceQuota team-a/team-a-quota spec.hard[pods]: '' is not a quantity — give quota(...)"
            + " a Kubernetes quantity such as 500m, 2, 512Mi or 4Gi");
  }

  /**
   * The API server refuses a pod with no CPU limit under this quota: {@code pods "p" is forbidden: failed quota:
   * team-b-quota: must specify limits.cpu for: c}.
   */
  @Test
  void aQuotaOnCpuLimitsWithoutADefaultCpuLimitIsWarned() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("limits.cpu", "4", "requests.memory", "8Gi"))
        .build();

    assertThat(problems(tenant)).containsExactly("WARNING [team-a] ResourceQuota team-a/team-a-quota"
        + " spec.hard[limits.cpu]: the quota on limits.cpu makes the API server refuse every pod of namespace"
        + " 'team-a' with a container that sets no cpu limit, and the tenant's LimitRange gives no default cpu limit"
        + " — give a default with defaultLimits(Map.of(\"cpu\", ...)), or make sure every container of the"
        + " namespace sets its cpu limit");
    assertThat(problems(Tenant.builder().name("team-a").quota(tenant.quota())
        .defaultLimits(Map.of("cpu", "1", "memory", "1Gi")).build())).isEmpty();
  }

  @Test
  void aLabelThatTheTenantSetsItselfIsAnError() {
    Tenant tenant = Tenant.builder().name("team-a").putLabels("pod-security.kubernetes.io/enforce", "privileged")
        .build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] Namespace team-a"
        + " metadata.labels[pod-security.kubernetes.io/enforce]: tenant 'team-a' is given label"
        + " pod-security.kubernetes.io/enforce=privileged with putLabels, but its Pod Security profile sets"
        + " pod-security.kubernetes.io/enforce=restricted, which would replace it — choose the levels with"
        + " podSecurity(PodSecurityProfile.enforce(...)...build()) instead of putLabels");

    tenant = Tenant.builder().name("team-a").putLabels(Tenant.TENANT_LABEL, "team-b").build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] Namespace team-a"
        + " metadata.labels[shipshape.dev/tenant]: tenant 'team-a' is given label shipshape.dev/tenant=team-b with"
        + " putLabels, but its tenant label sets shipshape.dev/tenant=team-a, which would replace it — remove the"
        + " label from putLabels, or name the tenant's label with tenantLabelKey(...)");
  }

  @Test
  void theClustersOwnNamespacesAreNoTenantsNamespace() {
    assertThat(problems(Tenant.builder().name("team-a").namespace("kube-system").build())).contains("ERROR [team-a]"
        + " Namespace kube-system metadata.name: tenant 'team-a' is given namespace 'kube-system', which belongs to"
        + " the cluster: its default-deny NetworkPolicies, quota, default limits and Pod Security labels would apply"
        + " to the cluster's own workloads — give the tenant a namespace of its own with namespace(...), such as"
        + " 'team-a'");
    assertThat(problems(Tenant.builder().name("kube-team").build())).containsExactly("WARNING [kube-team] Namespace"
        + " kube-team metadata.name: tenant 'kube-team' is given namespace 'kube-team', but Kubernetes reserves the"
        + " prefix 'kube-' for its system namespaces — choose a namespace without the 'kube-' prefix with"
        + " namespace(...)");
  }

  /** A 58-character tenant name is a valid namespace, but its default NetworkPolicySet's name is too long. */
  @Test
  void aTenantNameTooLongForItsPolicySetIsReportedAsTheTenants() {
    String name = "payments-settlement-reconciliation-batch-processing-eu01";
    String longer = name + "ab";

    assertThat(problems(Tenant.builder().name(name).build())).isEmpty();
    assertThat(problems(Tenant.builder().name(longer).build())).containsExactly("ERROR [" + longer + "]"
        + " NetworkPolicy.networking.k8s.io " + longer + "/" + longer + "-netpol-* metadata.name: tenant '" + longer
        + "' names its NetworkPolicies after its NetworkPolicySet '" + longer + "-netpol', whose name is 65"
        + " characters long, more than 63 — use a tenant name of at most 56 lower-case letters, digits and '-', or"
        + " name the set: networkPolicies(NetworkPolicySet.forNamespaces(\"" + longer + "\").named(\"...\")...)");
  }

  @Test
  void aTenantNameThatIsNoNamespaceIsReportedOnceForTheNamespace() {
    assertThat(problems(Tenant.builder().name("Team_A").defaultRequests(Map.of()).defaultLimits(Map.of()).build()))
        .containsExactly("ERROR [Team_A] Namespace Team_A metadata.name: name 'Team_A' is not a DNS-1123 label"
            + " (lower-case letters, digits and '-', starting and ending with a letter or digit) — use at most 63"
            + " lower-case letters, digits and '-', such as 'shop-api'");
  }

  /**
   * The API server accepts the Deployment, but its ReplicaSet can create no pod: {@code Pod "big-..." is invalid:
   * spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of
   * 512Mi}.
   */
  @Test
  void aContainerThatRequestsMoreThanTheDefaultLimitAndSetsNoLimitIsAnError() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("requests.cpu", "8", "requests.memory", "16Gi"))
        .build();
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenant)
        .yaml(deployment("big", "{requests: {cpu: 250m, memory: 1Gi}}"))
        .yaml(deployment("fits", "{requests: {memory: 512Mi}}"))
        .yaml(deployment("own-limit", "{requests: {memory: 1Gi}, limits: {memory: 1Gi}}"))
        .build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .extracting(e -> ((SpecValidationException) e).problems().stream().map(Problem::toString)
            .collect(Collectors.toList()))
        .isEqualTo(List.of("ERROR [team-a] Deployment.apps team-a/big"
            + " spec.template.spec.containers[0].resources.requests[memory]: container 'app' requests memory=1Gi and"
            + " sets no memory limit, so the LimitRange of tenant 'team-a' gives it the default limit memory=512Mi,"
            + " less than the request: the API server refuses every such pod — set the container's memory limit (at"
            + " least 1Gi), or raise memory in the tenant's defaultLimits(...)"));
  }

  /**
   * An extended resource cannot be overcommitted, so the default limit the LimitRange gives a container that requests
   * less and sets no limit makes the API server refuse its pods ({@link TenantsOnRealServerTest}: {@code
   * spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2}).
   */
  @Test
  void aContainerThatRequestsLessThanTheDefaultLimitOfAnExtendedResourceIsAnError() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("requests.cpu", "8", "requests.memory", "16Gi"))
        .defaultLimits(Map.of("memory", "512Mi", "nvidia.com/gpu", "2")).build();
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenant)
        .yaml(deployment("one", "{requests: {nvidia.com/gpu: 1}}"))
        .yaml(deployment("two", "{requests: {nvidia.com/gpu: 2}}"))
        .yaml(deployment("own-limit", "{requests: {nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}"))
        .yaml(deployment("memory", "{requests: {memory: 128Mi}}"))
        .build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .extracting(e -> ((SpecValidationException) e).problems().stream().map(Problem::toString)
            .filter(p -> p.startsWith("ERROR [team-a]")).collect(Collectors.toList()))
        .isEqualTo(List.of("ERROR [team-a] Deployment.apps team-a/one"
            + " spec.template.spec.containers[0].resources.requests[nvidia.com/gpu]: container 'app' requests"
            + " nvidia.com/gpu=1 and sets no nvidia.com/gpu limit, so the LimitRange of tenant 'team-a' gives it the"
            + " default limit nvidia.com/gpu=2, more than the request, but nvidia.com/gpu cannot be overcommitted (its"
            + " request must equal its limit): the API server refuses every such pod — set the container's"
            + " nvidia.com/gpu limit to its request (1), or leave nvidia.com/gpu out of the tenant's"
            + " defaultLimits(...)"));
  }

  private static String deployment(String name, String resources) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: team-a}\nspec:\n"
        + "  selector: {matchLabels: {app: " + name + "}}\n  template:\n    metadata: {labels: {app: " + name
        + "}}\n    spec:\n      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n"
        + "      containers:\n      - name: app\n        image: registry.example.com/app:1.0\n"
        + "        securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n"
        + "        resources: " + resources + "\n";
  }
}
