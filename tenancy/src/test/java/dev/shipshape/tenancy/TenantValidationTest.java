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
  private static final String LIMITS = "ERROR [team-a] LimitRange team-a/team-a-limits spec.limits[0].";
  private static final String REFUSED = ", so the API server refuses the LimitRange — ";
  private static final String EVERY = ", so the API server refuses every container that takes it — ";

  /**
   * Every problem of planning the spec, errors and warnings, as one line each, but the warning of a quota that
   * leaves CPU or memory unbounded (see {@link #allProblems}).
   */
  static List<String> problems(Tenant... tenants) {
    return allProblems(tenants).stream().filter(p -> !p.contains(" sets no quota on ")).collect(Collectors.toList());
  }

  /** Every problem of planning the spec, as {@link #problems(Tenant...)} gives them. */
  static List<String> problems(ClusterSpec spec) {
    return allProblems(spec).stream().filter(p -> !p.contains(" sets no quota on ")).collect(Collectors.toList());
  }

  /** The errors of planning the spec, one line each. */
  static List<String> errors(Tenant... tenants) {
    return allProblems(tenants).stream().filter(p -> p.startsWith("ERROR ")).collect(Collectors.toList());
  }

  static List<String> allProblems(Tenant... tenants) {
    return allProblems(ClusterSpec.builder().name("platform").component(tenants).build());
  }

  /** Every problem of planning the spec, errors and warnings, as one line each. */
  static List<String> allProblems(ClusterSpec spec) {
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
   * The tenant's LimitRange is judged as every LimitRange of a spec is (core's {@code LimitRangeRules}), once, under
   * the tenant's name. The API server: {@code spec.limits[0].defaultRequest[requests.cpu]: Invalid value:
   * "requests.cpu": must be a standard resource for containers}, {@code spec.limits[0].defaultRequest[memory]:
   * Invalid value: "1Gi": default request value 1Gi is greater than default limit value 512Mi}, and so for a
   * negative default limit below the default request.
   */
  @Test
  void defaultRequestsAndLimitsAreCheckedAsTheApiServerDoes() {
    Tenant tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("requests.cpu", "1")).build();
    assertThat(problems(tenant)).containsExactly(LIMITS + "defaultRequest.requests.cpu: resource 'requests.cpu' is"
        + " not a container resource" + REFUSED + "use cpu, memory, ephemeral-storage, hugepages-<size> (such as"
        + " hugepages-2Mi) or an extended resource named with its domain (such as example.com/gpu)");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("cpu", "500m", "memory", "1Gi")).build();
    assertThat(problems(tenant)).containsExactly(LIMITS + "defaultRequest.memory: the default request memory=1Gi is"
        + " greater than the default limit memory=512Mi" + REFUSED + "lower the default request of memory to the"
        + " default limit at most, or raise the default limit");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "1 Gi")).build();
    assertThat(problems(tenant)).containsExactly("ERROR [team-a] LimitRange team-a/team-a-limits"
        + " spec.limits[0].default.memory: '1 Gi' is not a quantity — give defaultLimits(...) a Kubernetes quantity"
        + " such as 500m, 2, 512Mi or 4Gi");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("cpu", "-1")).build();
    assertThat(problems(tenant)).containsExactly(LIMITS + "defaultRequest.cpu: the default request cpu=100m is"
        + " greater than the default limit cpu=-1" + REFUSED + "lower the default request of cpu to the default limit"
        + " at most, or raise the default limit");
    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of()).defaultLimits(Map.of("cpu", "-1")).build();
    assertThat(problems(tenant)).containsExactly(LIMITS + "default.cpu: the default limit cpu=-1 is negative"
        + EVERY + "give a default of 0 or more");
  }

  /**
   * The API server: {@code spec.limits[0].defaultRequest[nvidia.com/gpu]: Invalid value: "1": default value 2 must
   * equal to defaultRequest value 1 in nvidia.com/gpu}.
   */
  @Test
  void extendedResourcesCannotBeOvercommitted() {
    Tenant tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("nvidia.com/gpu", "1"))
        .defaultLimits(Map.of("nvidia.com/gpu", "2")).build();

    assertThat(errors(tenant)).containsExactly(LIMITS + "defaultRequest.nvidia.com/gpu: the default request"
        + " nvidia.com/gpu=1 differs from the default limit nvidia.com/gpu=2, and nvidia.com/gpu cannot be"
        + " overcommitted" + REFUSED + "give nvidia.com/gpu the same default limit and default request (or leave the"
        + " default request out: it defaults to the limit)");
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
    assertThat(errors(tenant)).containsExactly(LIMITS + "default.hugepages-2Mi: the default limit hugepages-2Mi=3Mi"
        + " is not a whole number of 2Mi pages" + EVERY + "give a multiple of 2Mi, such as 4Mi");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "512Mi", "hugepages-huge", "2Mi"))
        .build();
    assertThat(errors(tenant)).containsExactly(LIMITS + "default.hugepages-huge: resource 'hugepages-huge' names no"
        + " page size ('huge' is not a whole number of bytes)" + EVERY + "name huge pages by their size, such as"
        + " hugepages-2Mi or hugepages-1Gi");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of()).defaultLimits(Map.of("nvidia.com/gpu", "1.5"))
        .build();
    assertThat(errors(tenant)).containsExactly(LIMITS + "default.nvidia.com/gpu: the default limit nvidia.com/gpu=1.5"
        + " is not a whole number, and extended resources come in whole units" + EVERY + "give a whole number, such"
        + " as 2");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of("cpu", "100m", "example.com/dev", "1")).build();
    assertThat(errors(tenant)).containsExactly(LIMITS + "defaultRequest.example.com/dev: the default request"
        + " example.com/dev=1 has no default limit in namespace team-a, and example.com/dev cannot be overcommitted,"
        + " so the API server refuses every container that sets no example.com/dev limit — give example.com/dev a"
        + " default limit of the same amount, or leave out the default request");

    tenant = Tenant.builder().name("team-a").defaultRequests(Map.of()).defaultLimits(Map.of("hugepages-1Gi", "1Gi"))
        .build();
    assertThat(errors(tenant)).containsExactly(LIMITS + "default.hugepages-1Gi: the default limit hugepages-1Gi=1Gi"
        + " brings huge pages, but no LimitRange of namespace team-a gives cpu or memory, so the API server refuses"
        + " every container with them that sets neither — give a default request or limit of memory (or cpu) beside"
        + " it");
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
    assertThat(problems(tenant)).singleElement().asString().startsWith(LIMITS + "defaultRequest.nvidia.com/gpu: the"
        + " default request nvidia.com/gpu=1 has no default limit in namespace team-a");

    tenant = Tenant.builder().name("team-a").defaultLimits(Map.of("memory", "512Mi", "nvidia.com/gpu", "0",
        "kubernetes.io/batch", "1", "hugepages-2Mi", "2Mi")).build();
    assertThat(problems(tenant)).isEmpty();
  }

  private static String gpuDefault(String field, String amount) {
    return "WARNING [team-a] LimitRange team-a/team-a-limits " + field + ".nvidia.com/gpu: the default limit"
        + " nvidia.com/gpu=" + amount + " reaches every container of namespace team-a that sets no nvidia.com/gpu,"
        + " so every Pod asks for the device: Pods run only on nodes that have it, or stay Pending, and hold devices"
        + " they do not use — remove " + field + ".nvidia.com/gpu, and set it in the resources of the workloads that"
        + " use the device";
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
   * 512Mi}. Planning judges the Pods under the tenant's LimitRange as under any other: one error per workload, which
   * names the tenant as the producer of the default, and one for a bare Pod too.
   */
  @Test
  void aContainerThatRequestsMoreThanTheDefaultLimitAndSetsNoLimitIsOneError() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("requests.cpu", "8", "requests.memory", "16Gi"))
        .build();
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenant)
        .yaml(deployment("big", "{requests: {cpu: 250m, memory: 1Gi}}"))
        .yaml(deployment("fits", "{requests: {memory: 512Mi}}"))
        .yaml(deployment("own-limit", "{requests: {memory: 1Gi}, limits: {memory: 1Gi}}"))
        .yaml(pod("bare", "{requests: {memory: 1Gi}}"))
        .build();

    String after = ", after the default limit memory=512Mi of LimitRange team-a/team-a-limits"
        + " (spec.limits[0].default.memory) fills it in — set limits.memory in the ";
    String orChange = " to the request at least, or lower the request, or change the default in LimitRange"
        + " team-a/team-a-limits (of component team-a)";
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .extracting(e -> ((SpecValidationException) e).problems().stream().map(Problem::toString)
            .collect(Collectors.toList()))
        .isEqualTo(List.of("ERROR [resources] Deployment.apps team-a/big"
            + " spec.template.spec.containers[0].resources.requests.memory: every Pod created from this template is"
            + " refused: the request 1Gi is above the limit 512Mi of memory" + after + "pod template" + orChange,
            "ERROR [resources] Pod team-a/bare spec.containers[0].resources.requests.memory: the request 1Gi is above"
                + " the limit 512Mi of memory" + after + "Pod" + orChange));
  }

  /**
   * An extended resource cannot be overcommitted, so the default limit the LimitRange gives a container that requests
   * less and sets no limit makes the API server refuse its pod ({@link TenantsOnRealServerTest}: {@code
   * spec.containers[0].resources.requests: Invalid value: "1": must be equal to nvidia.com/gpu limit of 2}); a
   * template that requests it without a limit is refused as written, before any Pod.
   */
  @Test
  void aContainerThatRequestsLessThanTheDefaultLimitOfAnExtendedResourceIsAnError() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("requests.cpu", "8", "requests.memory", "16Gi"))
        .defaultLimits(Map.of("memory", "512Mi", "nvidia.com/gpu", "2")).build();
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenant)
        .yaml(pod("one", "{requests: {nvidia.com/gpu: 1}}"))
        .yaml(pod("two", "{requests: {nvidia.com/gpu: 2}}"))
        .yaml(pod("own-limit", "{requests: {nvidia.com/gpu: 1}, limits: {nvidia.com/gpu: 1}}"))
        .yaml(deployment("template", "{requests: {nvidia.com/gpu: 1}}"))
        .build();

    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .extracting(e -> ((SpecValidationException) e).errors().stream().map(Problem::toString)
            .collect(Collectors.toList()))
        .isEqualTo(List.of("ERROR [resources] Pod team-a/one spec.containers[0].resources.requests.nvidia.com/gpu:"
            + " the request 1 differs from the limit 2 of nvidia.com/gpu, and extended resources cannot be"
            + " overcommitted, after the default limit nvidia.com/gpu=2 of LimitRange team-a/team-a-limits"
            + " (spec.limits[0].default.nvidia.com/gpu) fills it in — set limits.nvidia.com/gpu equal to the request"
            + " in the Pod, or change the default in LimitRange team-a/team-a-limits (of component team-a)",
            "ERROR [resources] Deployment.apps team-a/template spec.template.spec.containers[0].resources.limits:"
                + " nvidia.com/gpu is requested without a limit, and extended resources cannot be overcommitted —"
                + " set limits.nvidia.com/gpu equal to the request (or set the limit alone: the request defaults to"
                + " it)"));
  }

  /**
   * A LimitRange the spec adds in the tenant's namespace reaches its containers as the tenant's own does: a default
   * limit of an extended resource, written or given by a max, is warned about, as in any other namespace; one in a
   * LimitRange the server refuses (reported once, as an error) is not.
   */
  @Test
  void anExtendedResourceDefaultOfAnotherLimitRangeInTheTenantsNamespaceIsWarned() {
    Tenant tenant = Tenant.builder().name("team-a").quota(Map.of("requests.cpu", "8", "requests.memory", "16Gi"))
        .build();
    ClusterSpec spec = ClusterSpec.builder().name("platform").component(tenant)
        .yaml(limitRange("team-a", "gpu", "{type: Container, default: {example.com/fpga: '1'},"
            + " max: {nvidia.com/gpu: '1'}}"))
        .yaml(limitRange("team-b", "gpu", "{type: Container, default: {example.com/fpga: '1'}}"))
        .preExistingNamespace("team-b").build();
    String reaches = " reaches every container of namespace team-a that sets no ";
    String device = ", so every Pod asks for the device: Pods run only on nodes that have it, or stay Pending, and"
        + " hold devices they do not use — ";
    String use = ", and set it in the resources of the workloads that use the device";

    assertThat(spec.plan().warnings().stream().map(Problem::toString)).containsExactlyInAnyOrder(
        "WARNING [resources] LimitRange team-a/gpu spec.limits[0].default.example.com/fpga: the default limit"
            + " example.com/fpga=1" + reaches + "example.com/fpga" + device + "remove"
            + " spec.limits[0].default.example.com/fpga" + use,
        "WARNING [resources] LimitRange team-a/gpu spec.limits[0].max.nvidia.com/gpu: the default limit"
            + " nvidia.com/gpu=1 (spec.limits[0].max.nvidia.com/gpu, which stands for the default limit when there"
            + " is none)" + reaches + "nvidia.com/gpu" + device + "give nvidia.com/gpu a default limit of 0 beside"
            + " the max, so that containers which set none ask for none" + use,
        "WARNING [resources] LimitRange team-b/gpu spec.limits[0].default.example.com/fpga: the default limit"
            + " example.com/fpga=1" + reaches.replace("team-a", "team-b") + "example.com/fpga" + device + "remove"
            + " spec.limits[0].default.example.com/fpga" + use);

    ClusterSpec refused = ClusterSpec.builder().name("platform").component(tenant).yaml(limitRange("team-a", "gpu",
        "{type: Container, default: {example.com/fpga: '1'}, max: {example.com/fpga: '0'}}")).build();
    assertThat(allProblems(refused)).singleElement().asString().startsWith("ERROR [resources] LimitRange"
        + " team-a/gpu spec.limits[0].default.example.com/fpga: the default limit example.com/fpga=1 is greater than"
        + " the max 0");
  }

  private static String limitRange(String namespace, String name, String items) {
    return "apiVersion: v1\nkind: LimitRange\nmetadata: {name: " + name + ", namespace: " + namespace + "}\n"
        + "spec: {limits: [" + items + "]}\n";
  }

  private static String pod(String name, String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: team-a}\nspec:\n"
        + "  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n"
        + "  containers:\n  - name: app\n    image: registry.example.com/app:1.0\n"
        + "    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}\n"
        + "    resources: " + resources + "\n";
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
