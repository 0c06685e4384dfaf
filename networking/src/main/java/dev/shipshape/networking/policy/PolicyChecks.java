package dev.shipshape.networking.policy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.LabelSelectorRules;
import dev.shipshape.core.Names;
import dev.shipshape.core.PolicyPortRules;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.policy.internal.Cidr;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The validation rules of a {@link NetworkPolicySet}: errors stop compilation, warnings come with the plan. */
final class PolicyChecks {
  private static final String GROUP = "networking.k8s.io";
  private static final Object NAMESPACES_BY_SET = new Object();

  private final NetworkPolicySet set;
  private final String namespace;
  private final List<Problem> problems = new ArrayList<>();

  private PolicyChecks(NetworkPolicySet set, String namespace) {
    this.set = set;
    this.namespace = namespace;
  }

  /** Every error of the set; problems name the policy it would write in the first target namespace. */
  static List<Problem> errors(NetworkPolicySet set, List<String> targets) {
    PolicyChecks c = new PolicyChecks(set, targets.isEmpty() ? "default" : targets.get(0));
    c.checkNames(targets);
    for (TrafficRule r : set.rules()) {
      String policy = PolicyWriter.ruleName(set, r);
      String rule = r.direction() == TrafficRule.Direction.INGRESS ? "spec.ingress[0]" : "spec.egress[0]";
      String peers = rule + (r.direction() == TrafficRule.Direction.INGRESS ? ".from" : ".to");
      c.checkSelector(policy, "spec.podSelector", r.pods());
      c.checkPeers(policy, peers, r.peers());
      c.checkPorts(policy, rule + ".ports", r.ports());
      c.checkNotReserved(policy, r);
    }
    for (Isolation i : set.isolations()) {
      String policy = PolicyWriter.isolationName(set, i);
      c.checkSelector(policy, "spec.podSelector", i.workload());
      if (i.workload().labels().size() != 1) {
        c.error(policy, "spec.podSelector", "isolate(" + i.workload() + ") needs exactly one label, so that the"
            + " set's other policies can leave the workload out", "select the workload by one label, such as"
            + " PodSelector.labelled(\"app\", \"db\")");
      }
      c.checkPeers(policy, "spec.ingress[0].from", i.peers());
      c.checkPorts(policy, "spec.ingress[0].ports", i.ports());
    }
    return c.problems;
  }

  private void checkNames(List<String> targets) {
    for (String p : Names.checkDns1123Label(set.name())) {
      error(set.name() + "-*", "metadata.name", "set name '" + set.name() + "' " + p,
          "name the set with lower-case letters, digits and '-', such as 'shop-netpol'");
    }
    if (set.tenantLabels().isEmpty() && set.namespaces().isEmpty()) {
      error(set.name() + "-*", "metadata.namespace", "the set targets no namespace",
          "pass at least one namespace to forNamespaces(...)");
    }
    for (String ns : set.namespaces()) {
      for (String p : Names.checkDns1123Label(ns)) {
        error(set.name() + "-*", "metadata.namespace", "namespace '" + ns + "' " + p,
            "use the name of a namespace, such as 'shop'");
      }
    }
    set.tenantLabels().ifPresent(l -> checkLabels(set.name() + "-*", "forTenants", l));
  }

  private void checkSelector(String policy, String field, PodSelector pods) {
    checkLabels(policy, field + ".matchLabels", pods.labels());
  }

  /** Labels a policy selects by, as the API server checks a selector's {@code matchLabels}. */
  private void checkLabels(String policy, String field, Map<String, String> labels) {
    for (Problem p : LabelSelectorRules.checkLabels(field, labels)) {
      error(policy, p.field().orElse(field), p.message(), p.fix());
    }
  }

  private void checkPeers(String policy, String field, List<PolicyPeer> peers) {
    for (int j = 0; j < peers.size(); j++) {
      PolicyPeer peer = peers.get(j);
      String at = field + "[" + j + "]";
      peer.namespaceLabels().ifPresent(l -> checkLabels(policy, at + ".namespaceSelector.matchLabels", l));
      peer.podLabels().ifPresent(l -> checkLabels(policy, at + ".podSelector.matchLabels", l));
      if (peer.cidr().isPresent()) checkIpBlock(policy, at + ".ipBlock", peer.cidr().get(), peer.except());
    }
  }

  private void checkIpBlock(String policy, String field, String cidrText, List<String> except) {
    Optional<Cidr> cidr = Cidr.parse(cidrText);
    if (cidr.isEmpty()) {
      error(policy, field + ".cidr", "'" + cidrText + "' is not a valid CIDR",
          "write an address and a prefix length, such as 10.0.0.0/8 or 2001:db8::/32");
      return;
    }
    for (int k = 0; k < except.size(); k++) {
      Optional<Cidr> e = Cidr.parse(except.get(k));
      String at = field + ".except[" + k + "]";
      if (e.isEmpty()) {
        error(policy, at, "'" + except.get(k) + "' is not a valid CIDR", "write it as address/prefix, such as"
            + " 10.1.0.0/16");
      } else if (!cidr.get().contains(e.get())) {
        error(policy, at, "except '" + except.get(k) + "' is outside its cidr '" + cidrText + "'",
            "list only ranges inside " + cidrText + ", or widen the cidr");
      } else if (e.get().contains(cidr.get())) {
        error(policy, at, "except '" + except.get(k) + "' covers all of cidr '" + cidrText + "', so this peer"
            + " can never match", "remove the except entry, or the peer");
      }
    }
  }

  private void checkPorts(String policy, String field, List<PolicyPort> ports) {
    for (int k = 0; k < ports.size(); k++) {
      PolicyPort p = ports.get(k);
      Optional<IntOrString> port = p.number().map(IntOrString::new).or(() -> p.name().map(IntOrString::new));
      for (Problem problem : PolicyPortRules.check(Optional.of(p.protocol().name()), port, p.endPort())) {
        String at = problem.field().orElse("");
        // The builder's way to a range, where the rule says only what the object needs.
        String fix = at.equals("endPort") && p.name().isPresent() ? problem.fix() + ": PolicyPort.range("
            + p.protocol().name() + ", FIRST, " + p.endPort().get() + "), FIRST at most " + p.endPort().get()
            : problem.fix();
        error(policy, field + "[" + k + "]." + at, problem.message(), fix);
      }
    }
  }

  /** A rule that targets exactly an isolated workload's label would be emptied by the exclusion: it never matches. */
  private void checkNotReserved(String policy, TrafficRule rule) {
    for (Isolation i : set.isolations()) {
      if (i.workload().labels().size() != 1) continue;
      Map.Entry<String, String> label = i.workload().labels().entrySet().iterator().next();
      if (label.getValue().equals(rule.pods().labels().get(label.getKey()))) {
        error(policy, "spec.podSelector", "the rule selects " + rule.pods() + ", which isolate(" + i.workload()
            + ") reserves, so it can never match", "list the rule's peers in the isolate(...) call instead");
      }
    }
  }

  /** Warnings that need the compiled spec, for the set's policies that {@code producer} (a component) made. */
  static List<Problem> warnings(NetworkPolicySet set, SpecContext context, String producer) {
    Set<String> targets = context.shared(NAMESPACES_BY_SET, PolicyChecks::policyNamespacesByProducer)
        .getOrDefault(producer, Set.of());
    List<Problem> out = new ArrayList<>();
    for (String ns : targets) {
      PolicyChecks c = new PolicyChecks(set, ns);
      c.warnNamedPorts(context);
      c.warnMissingNamespaces(context);
      c.warnDns();
      out.addAll(c.problems);
    }
    return out;
  }

  private void warnNamedPorts(SpecContext context) {
    for (TrafficRule r : set.rules()) {
      if (r.direction() == TrafficRule.Direction.INGRESS) {
        warnNamedPorts(context, PolicyWriter.ruleName(set, r), r.pods(), r.ports());
      }
    }
    for (Isolation i : set.isolations()) {
      warnNamedPorts(context, PolicyWriter.isolationName(set, i), i.workload(), i.ports());
    }
  }

  /** The namespaces of the NetworkPolicies each component produced, for all sets at once. */
  private static Map<String, Set<String>> policyNamespacesByProducer(SpecContext context) {
    Map<String, Set<String>> namespaces = new HashMap<>();
    for (NetworkPolicy np : context.resources(NetworkPolicy.class)) {
      context.producerOf(ResourceRef.of(np)).ifPresent(producer -> namespaces
          .computeIfAbsent(producer, k -> new LinkedHashSet<>()).add(np.getMetadata().getNamespace()));
    }
    return namespaces;
  }

  /** The objects that run pods, by namespace, for all sets at once. */
  private void warnNamedPorts(SpecContext context, String policy, PodSelector pods, List<PolicyPort> ports) {
    List<PodTemplateSpec> targeted = new ArrayList<>();
    for (HasMetadata o : Workloads.inNamespace(context, namespace)) {
      Workloads.podTemplate(o).filter(t -> {
        Map<String, String> labels = t.getMetadata() == null ? null : t.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(pods.labels().entrySet());
      }).ifPresent(targeted::add);
    }
    for (int k = 0; k < ports.size(); k++) {
      PolicyPort p = ports.get(k);
      if (p.name().isEmpty() || declares(targeted, p.name().get(), p.protocol())) continue;
      warning(policy, "spec.ingress[0].ports[" + k + "].port", "named port '" + p.name().get() + "' ("
          + p.protocol() + ") is declared by no container of the " + targeted.size() + " workload(s) selected by "
          + pods + ", so it allows nothing", "name the container port '" + p.name().get() + "' with protocol "
          + p.protocol() + ", or use its number");
    }
  }

  private static boolean declares(List<PodTemplateSpec> templates, String name, Protocol protocol) {
    for (PodTemplateSpec t : templates) {
      for (Container c : t.getSpec().getContainers()) {
        boolean found = c.getPorts().stream().anyMatch(cp -> name.equals(cp.getName())
            && protocol.name().equals(cp.getProtocol() == null ? "TCP" : cp.getProtocol()));
        if (found) return true;
      }
    }
    return false;
  }

  private void warnMissingNamespaces(SpecContext context) {
    List<PolicyPeer> all = new ArrayList<>();
    set.rules().forEach(r -> all.addAll(r.peers()));
    set.isolations().forEach(i -> all.addAll(i.peers()));
    Set<String> reported = new LinkedHashSet<>();
    for (PolicyPeer p : all) {
      Map<String, String> labels = p.namespaceLabels().orElse(Map.of());
      String ns = labels.size() == 1 ? labels.get(PolicyPeer.NAMESPACE_NAME_LABEL) : null;
      if (ns != null && !context.namespaceExists(ns) && reported.add(ns)) {
        warning(set.name() + "-*", "namespaceSelector", "peer namespace '" + ns + "' is neither created by the"
            + " spec nor declared pre-existing, so rules naming it can never match", "create namespace '" + ns
            + "' in the spec, declare it with " + ClusterSpec.preExistingNamespaceFix(ns) + ", or fix the name");
      }
    }
  }

  /**
   * Warns where the set isolates egress and none of its rules lets the isolated pods query DNS. Every policy that
   * selects pods for egress denies them all other egress ("Network Policies", Kubernetes documentation, "The two
   * sorts of pod isolation"): the default deny and the same-namespace egress policy for every pod, each egress rule
   * for the pods it selects. Isolated workloads are left out: their DNS stays closed by design.
   */
  private void warnDns() {
    if (set.dns()) return;
    List<TrafficRule> egress = set.rules().stream().filter(r -> r.direction() == TrafficRule.Direction.EGRESS)
        .toList();
    List<PodSelector> resolving = egress.stream().filter(PolicyChecks::opensDns).map(TrafficRule::pods).toList();
    NetworkPolicySet.SameNamespace same = set.sameNamespace();
    String isolatesAll = set.denyEgress() ? PolicyWriter.defaultDenyName(set)
        : same == NetworkPolicySet.SameNamespace.EGRESS || same == NetworkPolicySet.SameNamespace.INGRESS_AND_EGRESS
        ? set.policyNameFor("allow-same-namespace") : null;
    if (isolatesAll != null) {
      if (!covered(PodSelector.all(), resolving)) {
        warning(isolatesAll, "spec.policyTypes", "egress is denied and nothing allows DNS (UDP port 53), so pods"
            + " cannot resolve names", "add allowDns() to the set");
      }
      return;
    }
    for (TrafficRule r : egress) {
      if (!covered(r.pods(), resolving)) {
        warning(PolicyWriter.ruleName(set, r), "spec.policyTypes", "the rule isolates the egress of " + r.pods()
            + ", which may then reach its peers only, and nothing allows them DNS (UDP port 53), so they cannot"
            + " resolve names", "add allowDns() to the set");
      }
    }
  }

  /** Whether a rule that opens DNS selects every pod {@code pods} selects (its labels are a subset of theirs). */
  private static boolean covered(PodSelector pods, List<PodSelector> resolving) {
    return resolving.stream().anyMatch(r -> pods.labels().entrySet().containsAll(r.labels().entrySet()));
  }

  /**
   * Whether an egress rule can open DNS: towards any peer, a namespace or an address block (the cluster DNS runs in
   * another namespace, or answers on a node-local address), on UDP 53 (a port without protocol is TCP, which DNS
   * uses only for large answers), a named UDP port such as kube-dns's {@code dns}, or every port.
   */
  private static boolean opensDns(TrafficRule rule) {
    boolean dnsPeer = rule.peers().isEmpty() || rule.peers().stream()
        .anyMatch(p -> p.cidr().isPresent() || p.namespaceLabels().isPresent());
    return dnsPeer && (rule.ports().isEmpty() || rule.ports().stream().filter(p -> p.protocol() == Protocol.UDP)
        .anyMatch(p -> p.name().isPresent() || p.number().filter(n -> n <= 53 && p.endPort().orElse(n) >= 53)
            .isPresent()));
  }

  private ResourceRef ref(String policy) {
    return ResourceRef.namespaced(GROUP, "NetworkPolicy", namespace, policy);
  }

  private void error(String policy, String field, String message, String fix) {
    problems.add(Problem.error(ref(policy), field, message, fix).inComponent(set.name()));
  }

  private void warning(String policy, String field, String message, String fix) {
    problems.add(Problem.warning(ref(policy), field, message, fix).inComponent(set.name()));
  }
}
