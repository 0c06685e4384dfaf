package dev.shipshape.networking.policy;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * NetworkPolicies written from intent, for one or more namespaces or every tenant namespace of the spec:
 *
 * <pre>{@code
 * NetworkPolicySet.forNamespaces("shop")
 *     .defaultDenyAll()
 *     .allowDns()
 *     .allowSameNamespace()
 *     .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "web"))
 *         .from(PolicyPeer.namespace("ingress-nginx")).on(PolicyPort.tcp(8080)))
 *     .isolate(PodSelector.labelled("app", "db"), List.of(PolicyPeer.pods("app", "api")), PolicyPort.tcp(5432));
 * }</pre>
 *
 * <p>Each option returns a new, immutable set. Policies get deterministic names, prefixed with the set's name
 * ({@code netpol} by default): {@code netpol-default-deny}, {@code netpol-allow-dns},
 * {@code netpol-allow-same-namespace}, {@code netpol-ingress-1}, {@code netpol-egress-1},
 * {@code netpol-isolate-db}. NetworkPolicies add up, so an allow rule that selects pods for egress also isolates
 * their egress; pair egress rules with {@link #defaultDenyEgress()}.
 */
public final class NetworkPolicySet implements Component {
  private final String name;
  private final List<String> namespaces;
  private final Map<String, String> tenantLabels;
  private final boolean denyIngress;
  private final boolean denyEgress;
  private final boolean dns;
  private final SameNamespace sameNamespace;
  private final Map<String, String> policyNames;
  private final List<TrafficRule> rules;
  private final List<Isolation> isolations;

  private NetworkPolicySet(String name, List<String> namespaces, Map<String, String> tenantLabels,
      boolean denyIngress, boolean denyEgress, boolean dns, SameNamespace sameNamespace, List<TrafficRule> rules,
      List<Isolation> isolations, Map<String, String> policyNames) {
    this.name = name;
    this.namespaces = namespaces;
    this.tenantLabels = tenantLabels;
    this.denyIngress = denyIngress;
    this.denyEgress = denyEgress;
    this.dns = dns;
    this.sameNamespace = sameNamespace;
    this.rules = rules;
    this.isolations = isolations;
    this.policyNames = policyNames;
  }

  /** A set for these namespaces. */
  public static NetworkPolicySet forNamespaces(String... namespaces) {
    for (String ns : namespaces) Objects.requireNonNull(ns, "namespace == null");
    return new NetworkPolicySet("netpol", List.copyOf(new LinkedHashSet<>(List.of(namespaces))), null, false, false,
        false, SameNamespace.NONE, List.of(), List.of(), Map.of());
  }

  /** A set for every namespace of the spec whose labels include all of {@code namespaceLabels}. */
  public static NetworkPolicySet forTenants(Map<String, String> namespaceLabels) {
    return new NetworkPolicySet("netpol", List.of(), Map.copyOf(new TreeMap<>(namespaceLabels)), false, false, false,
        SameNamespace.NONE, List.of(), List.of(), Map.of());
  }

  /** The component name, also the prefix of every policy name. By default, {@code netpol}. */
  public NetworkPolicySet named(String newName) {
    return new NetworkPolicySet(Objects.requireNonNull(newName, "name == null"), namespaces, tenantLabels,
        denyIngress, denyEgress, dns, sameNamespace, rules, isolations, policyNames);
  }

  /** Denies all ingress to every pod, except what other policies allow. */
  public NetworkPolicySet defaultDenyIngress() {
    return new NetworkPolicySet(name, namespaces, tenantLabels, true, denyEgress, dns, sameNamespace, rules,
        isolations, policyNames);
  }

  /** Denies all egress from every pod, except what other policies allow; remember {@link #allowDns()}. */
  public NetworkPolicySet defaultDenyEgress() {
    return new NetworkPolicySet(name, namespaces, tenantLabels, denyIngress, true, dns, sameNamespace, rules,
        isolations, policyNames);
  }

  /** Both {@link #defaultDenyIngress()} and {@link #defaultDenyEgress()}, in one policy. */
  public NetworkPolicySet defaultDenyAll() {
    return defaultDenyIngress().defaultDenyEgress();
  }

  /** Allows every pod to query the cluster DNS: {@code kube-dns} in {@code kube-system}, 53/UDP and 53/TCP. */
  public NetworkPolicySet allowDns() {
    return new NetworkPolicySet(name, namespaces, tenantLabels, denyIngress, denyEgress, true, sameNamespace, rules,
        isolations, policyNames);
  }

  /**
   * Allows traffic between pods of the same namespace: ingress, and egress too when the set isolates the egress of
   * every pod, by {@link #defaultDenyEgress()} or by an egress rule for {@link PodSelector#all()}.
   */
  public NetworkPolicySet allowSameNamespace() {
    return withSameNamespace(SameNamespace.BOTH);
  }

  /**
   * Allows ingress from pods of the same namespace only, leaving egress to other policies (also when egress is
   * denied by default).
   */
  public NetworkPolicySet allowSameNamespaceIngress() {
    return withSameNamespace(sameNamespace == SameNamespace.NONE ? SameNamespace.INGRESS
        : sameNamespace == SameNamespace.EGRESS ? SameNamespace.INGRESS_AND_EGRESS : sameNamespace);
  }

  /**
   * Allows egress to pods of the same namespace only. Like every egress rule it isolates the egress of every pod
   * of the namespace, so pair it with {@link #allowDns()}.
   */
  public NetworkPolicySet allowSameNamespaceEgress() {
    return withSameNamespace(sameNamespace == SameNamespace.NONE || sameNamespace == SameNamespace.EGRESS
        ? SameNamespace.EGRESS : SameNamespace.INGRESS_AND_EGRESS);
  }

  private NetworkPolicySet withSameNamespace(SameNamespace form) {
    return new NetworkPolicySet(name, namespaces, tenantLabels, denyIngress, denyEgress, dns, form, rules,
        isolations, policyNames);
  }

  /**
   * Names a generated policy: {@code generated} is its name without the set's prefix ({@code default-deny},
   * {@code default-deny-ingress}, {@code default-deny-egress}, {@code allow-dns}, {@code allow-same-namespace},
   * {@code ingress-1}, {@code isolate-db}, …), {@code policyName} the full name to use instead. Rules can also be
   * named with {@link TrafficRule#named}.
   */
  public NetworkPolicySet policyName(String generated, String policyName) {
    Map<String, String> all = new TreeMap<>(policyNames);
    all.put(Objects.requireNonNull(generated, "generated == null"), Objects.requireNonNull(policyName,
        "policyName == null"));
    return new NetworkPolicySet(name, namespaces, tenantLabels, denyIngress, denyEgress, dns, sameNamespace, rules,
        isolations, Map.copyOf(all));
  }

  /** Allows these flows. */
  public NetworkPolicySet allow(TrafficRule... more) {
    List<TrafficRule> all = new ArrayList<>(rules);
    for (TrafficRule r : more) all.add(Objects.requireNonNull(r, "rule == null"));
    return new NetworkPolicySet(name, namespaces, tenantLabels, denyIngress, denyEgress, dns, sameNamespace,
        List.copyOf(all), isolations, policyNames);
  }

  /**
   * Lets only {@code peers} reach {@code workload}, and {@code workload} reach only them, on {@code ports} (every
   * port when none). The set's other policies leave the workload out, so none of them opens it again; therefore
   * the workload must be selected by exactly one label. Its DNS stays closed unless a peer is
   * {@link PolicyPeer#kubeDns()} (and {@code ports}, if any, include 53). Without peers, nothing reaches the
   * workload and it reaches nothing.
   */
  public NetworkPolicySet isolate(PodSelector workload, List<PolicyPeer> peers, PolicyPort... ports) {
    List<Isolation> all = new ArrayList<>(isolations);
    all.add(new Isolation(Objects.requireNonNull(workload, "workload == null"), List.copyOf(peers), List.of(ports)));
    return new NetworkPolicySet(name, namespaces, tenantLabels, denyIngress, denyEgress, dns, sameNamespace, rules,
        List.copyOf(all), policyNames);
  }

  @Override
  public String name() {
    return name;
  }

  /** The namespaces given to {@link #forNamespaces}; empty for a tenant set. */
  public List<String> namespaces() {
    return namespaces;
  }

  /** The namespace labels given to {@link #forTenants}. */
  public Optional<Map<String, String>> tenantLabels() {
    return Optional.ofNullable(tenantLabels);
  }

  public List<TrafficRule> rules() {
    return rules;
  }

  boolean denyIngress() {
    return denyIngress;
  }

  boolean denyEgress() {
    return denyEgress;
  }

  boolean dns() {
    return dns;
  }

  /**
   * Whether the set's policies select every pod for egress, which denies all egress they do not allow: the default
   * deny does, and so does an egress rule for every pod ("Network Policies", Kubernetes documentation, "The two
   * sorts of pod isolation").
   */
  boolean isolatesEgressOfEveryPod() {
    return denyEgress || rules.stream().anyMatch(r -> r.direction() == TrafficRule.Direction.EGRESS
        && r.pods().isAll());
  }

  SameNamespace sameNamespace() {
    return sameNamespace;
  }

  /** The name of the generated policy {@code <set>-<suffix>}, unless renamed with {@link #policyName}. */
  String policyNameFor(String suffix) {
    return policyNames.getOrDefault(suffix, name + "-" + suffix);
  }

  /** Which directions the same-namespace policy opens. */
  enum SameNamespace {
    NONE,
    /** Ingress, and egress when the set isolates the egress of every pod. */
    BOTH,
    INGRESS,
    EGRESS,
    /** Both directions, whether or not egress is denied by default. */
    INGRESS_AND_EGRESS
  }

  List<Isolation> isolations() {
    return isolations;
  }

  /**
   * The NetworkPolicies of every target namespace.
   *
   * @throws SpecValidationException listing every error of the set, such as an invalid CIDR or port range
   */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    List<String> targets = tenantLabels == null ? namespaces : context.namespacesLabelled(tenantLabels);
    List<Problem> errors = PolicyChecks.errors(this, targets);
    if (!errors.isEmpty()) throw new SpecValidationException("NetworkPolicySet " + name, errors);
    List<HasMetadata> out = new ArrayList<>();
    for (String ns : targets) out.addAll(PolicyWriter.policies(this, ns));
    return out;
  }

  /** The policies for one namespace, without validation; what {@link #compile} emits there. */
  public List<NetworkPolicy> policiesFor(String namespace) {
    return PolicyWriter.policies(this, namespace);
  }

  /**
   * Warnings that need the whole spec: a named port that no targeted container declares, a namespace peer whose
   * namespace the spec does not have, and egress denied without DNS.
   */
  @Override
  public List<Problem> validate(SpecContext context) {
    return validate(context, name());
  }

  /**
   * The same warnings for a set that another component compiles into its own objects (as a tenant does with its
   * NetworkPolicies): {@code component} is the name of that component, which the spec records as the policies'
   * producer and by which they are found. The problems name the set, as its errors do.
   */
  public List<Problem> validate(SpecContext context, String component) {
    return PolicyChecks.warnings(this, context, component);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NetworkPolicySet)) return false;
    NetworkPolicySet s = (NetworkPolicySet) o;
    return name.equals(s.name) && namespaces.equals(s.namespaces) && Objects.equals(tenantLabels, s.tenantLabels)
        && denyIngress == s.denyIngress && denyEgress == s.denyEgress && dns == s.dns
        && sameNamespace == s.sameNamespace && rules.equals(s.rules) && isolations.equals(s.isolations)
        && policyNames.equals(s.policyNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespaces, tenantLabels, denyIngress, denyEgress, dns, sameNamespace, rules,
        isolations, policyNames);
  }

  @Override
  public String toString() {
    return "NetworkPolicySet " + name + " for " + (tenantLabels == null ? namespaces : "tenants " + tenantLabels);
  }
}
