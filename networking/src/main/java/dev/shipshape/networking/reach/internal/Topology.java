package dev.shipshape.networking.reach.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Workloads;
import dev.shipshape.networking.Protocol;
import dev.shipshape.networking.reach.Ipv4Range;
import dev.shipshape.networking.reach.Peer;
import dev.shipshape.networking.reach.internal.PolicyModel.PeerModel;
import dev.shipshape.networking.reach.internal.PolicyModel.PortModel;
import dev.shipshape.networking.reach.internal.PolicyModel.RuleModel;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the analyzer knows of a cluster: namespaces with their labels, pod classes, workload peers and policies.
 * Built once from manifests; immutable afterwards.
 */
public final class Topology {
  /** The label every namespace carries with its own name (Kubernetes 1.21 and later). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
  static final String DEFAULT_NAMESPACE = "default";

  final Map<String, Map<String, String>> namespaces = new TreeMap<>();
  final List<PodClass> classes = new ArrayList<>();
  final Map<Peer, List<Integer>> workloads = new LinkedHashMap<>();
  final List<PolicyModel> policies = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  private final Map<String, PodClass> classByKey = new LinkedHashMap<>();

  /**
   * Reads namespaces, pods, workloads and NetworkPolicies; other kinds are ignored. Objects without a namespace
   * belong to {@code default}; namespaces that pods use without a Namespace object exist implicitly.
   */
  public static Topology of(List<? extends HasMetadata> objects) {
    Topology t = new Topology();
    for (HasMetadata object : objects) {
      String kind = object.getKind();
      if ("Namespace".equals(kind)) {
        String name = object.getMetadata() == null ? null : object.getMetadata().getName();
        if (name != null) t.addNamespace(name, object.getMetadata().getLabels());
      } else if ("NetworkPolicy".equals(kind)) {
        NetworkPolicy policy = object instanceof NetworkPolicy
            ? (NetworkPolicy) object : Manifests.convert(object, NetworkPolicy.class);
        t.addPolicy(policy);
      } else if (kind != null && Workloads.runsPods(object)) {
        Workloads.podTemplate(object).ifPresent(template -> t.addPods(object, template));
      }
    }
    for (PodClass c : t.classes) t.namespaces.computeIfAbsent(c.namespace(), Topology::implicitLabels);
    return t;
  }

  private static Map<String, String> implicitLabels(String name) {
    return Map.of(NAMESPACE_NAME_LABEL, name);
  }

  private void addNamespace(String name, Map<String, String> labels) {
    Map<String, String> all = labels(labels);
    all.put(NAMESPACE_NAME_LABEL, name);
    namespaces.put(name, all);
  }

  /** Labels, sorted, a {@code null} value (as raw YAML may write one) read as the empty string, as the server does. */
  private static Map<String, String> labels(Map<String, String> labels) {
    Map<String, String> sorted = new TreeMap<>();
    if (labels != null) labels.forEach((key, value) -> sorted.put(key, value == null ? "" : value));
    return sorted;
  }

  private void addPods(HasMetadata object, PodTemplateSpec template) {
    String namespace = namespaceOf(object.getMetadata());
    Peer peer = "Pod".equals(object.getKind()) ? podPeer(namespace, object.getMetadata())
        : Peer.workload(namespace, object.getMetadata().getName(), object.getKind());
    if (Boolean.TRUE.equals(template.getSpec().getHostNetwork())) {
      // https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-and-hostnetwork-pods
      warnings.add(peer + " runs on the host's network: how NetworkPolicies treat its traffic is up to the network"
          + " plugin (most see it as the node's, which pod selectors do not match), so its answers assume pod "
          + "networking");
    }
    Map<String, String> labels = labels(template.getMetadata() == null ? null : template.getMetadata().getLabels());
    Map<String, List<PodClass.NamedPort>> ports = new TreeMap<>();
    for (Container c : template.getSpec().getContainers()) {
      for (ContainerPort p : c.getPorts()) {
        if (p.getName() == null || p.getContainerPort() == null) continue;
        Protocol protocol = p.getProtocol() == null ? Protocol.TCP : Protocol.parse(p.getProtocol()).orElse(null);
        if (protocol == null) continue;
        ports.computeIfAbsent(p.getName(), k -> new ArrayList<>())
            .add(new PodClass.NamedPort(protocol, p.getContainerPort()));
      }
    }
    String key = namespace + '\0' + labels + '\0' + ports;
    PodClass c = classByKey.computeIfAbsent(key, k -> {
      PodClass created = new PodClass(classes.size(), namespace, labels, ports);
      classes.add(created);
      return created;
    });
    List<Integer> members = workloads.computeIfAbsent(peer, p -> new ArrayList<>());
    if (!members.contains(c.index())) members.add(c.index());
  }

  /**
   * A pod counts under its controlling owner, as the owner names it; a Node owner (mirror pods) counts as none,
   * and an owner reference without a kind gives kind {@code Pod}.
   */
  private static Peer podPeer(String namespace, ObjectMeta meta) {
    for (OwnerReference owner : meta.getOwnerReferences()) {
      if (!Boolean.TRUE.equals(owner.getController()) || owner.getName() == null) continue;
      if ("Node".equals(owner.getKind())) break;
      // fabric8's deserializer fills an absent kind with the model's own type name, which no real owner has.
      String kind = owner.getKind() == null || owner.getKind().isEmpty() || owner.getKind().equals("OwnerReference")
          ? "Pod" : owner.getKind();
      return Peer.workload(namespace, owner.getName(), kind);
    }
    return Peer.workload(namespace, meta.getName(), "Pod");
  }

  static String namespaceOf(ObjectMeta meta) {
    String ns = meta == null ? null : meta.getNamespace();
    return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
  }

  /**
   * Adds a policy, unless the API server would reject it: then no cluster holds it, so it is left out with one
   * warning per problem, rather than answered for as if it were in force.
   */
  private void addPolicy(NetworkPolicy policy) {
    NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    String namespace = namespaceOf(policy.getMetadata());
    String name = policy.getMetadata() == null ? "" : policy.getMetadata().getName();
    List<String> rejected = PolicyValidation.problems(spec);
    for (String problem : rejected) {
      warnings.add("NetworkPolicy " + namespace + "/" + name + " " + problem + " (the API server rejects this"
          + " policy, so the analysis leaves it out)");
    }
    if (rejected.isEmpty()) policies.add(policyModel(spec, namespace, name));
  }

  /**
   * Applies the API's defaults: without {@code policyTypes}, a policy always affects ingress and affects egress
   * only when it has egress rules ("NetworkPolicy resource" in the Kubernetes documentation, policyTypes).
   */
  private PolicyModel policyModel(NetworkPolicySpec spec, String namespace, String name) {
    boolean ingress;
    boolean egress;
    if (spec.getPolicyTypes() != null && !spec.getPolicyTypes().isEmpty()) {
      ingress = spec.getPolicyTypes().contains("Ingress");
      egress = spec.getPolicyTypes().contains("Egress");
    } else {
      ingress = true;
      egress = spec.getEgress() != null && !spec.getEgress().isEmpty();
    }
    Selector podSelector = spec.getPodSelector() == null ? Selector.EVERYTHING : Selector.of(spec.getPodSelector());
    List<RuleModel> in = new ArrayList<>();
    if (spec.getIngress() != null) {
      for (var r : spec.getIngress()) in.add(rule(in.size(), r.getFrom(), r.getPorts(), namespace + "/" + name));
    }
    List<RuleModel> out = new ArrayList<>();
    if (spec.getEgress() != null) {
      for (var r : spec.getEgress()) out.add(rule(out.size(), r.getTo(), r.getPorts(), namespace + "/" + name));
    }
    return new PolicyModel(namespace, name, podSelector, ingress, egress, List.copyOf(in), List.copyOf(out));
  }

  private RuleModel rule(int index, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, String policy) {
    List<PeerModel> peerModels = new ArrayList<>();
    if (peers != null) {
      for (NetworkPolicyPeer p : peers) peerModels.add(peer(p, policy));
    }
    List<PortModel> portModels = new ArrayList<>();
    if (ports != null) {
      for (NetworkPolicyPort p : ports) {
        // Validated: the protocol is absent (TCP) or exactly TCP, UDP or SCTP.
        Protocol protocol = p.getProtocol() == null ? Protocol.TCP : Protocol.valueOf(p.getProtocol());
        IntOrString port = p.getPort();
        Integer number = port == null ? null : port.getIntVal();
        String name = port == null || port.getIntVal() != null ? null : port.getStrVal();
        portModels.add(new PortModel(protocol, number, name == null ? p.getEndPort() : null, name));
      }
    }
    return new RuleModel(index, List.copyOf(peerModels), List.copyOf(portModels));
  }

  private PeerModel peer(NetworkPolicyPeer p, String policy) {
    IPBlock block = p.getIpBlock();
    if (block != null) {
      List<String> except = block.getExcept() == null ? List.of() : List.copyOf(block.getExcept());
      return new PeerModel(null, null, block.getCidr(), except, ipv4Ranges(block.getCidr(), except, policy));
    }
    return new PeerModel(Selector.of(p.getNamespaceSelector()), Selector.of(p.getPodSelector()), null, List.of(),
        List.of());
  }

  /**
   * The IPv4 intervals of {@code cidr} minus its {@code except} entries (validated: both are CIDRs, the excepts
   * inside the cidr); IPv6 blocks have none.
   */
  private List<Ipv4Range> ipv4Ranges(String cidr, List<String> except, String policy) {
    if (Ipv4Range.isIpv6(cidr)) {
      warnings.add("NetworkPolicy " + policy + ": IPv6 ipBlock " + cidr + " is not analyzed");
      return List.of();
    }
    List<Ipv4Range> ranges = new ArrayList<>(List.of(Ipv4Range.ofCidr(IpMath.withoutLeadingZeros(cidr))));
    for (String e : except) ranges = IpMath.subtract(ranges, Ipv4Range.ofCidr(IpMath.withoutLeadingZeros(e)));
    return List.copyOf(ranges);
  }

  /** The warnings found while reading, such as IPv6 blocks or invalid CIDRs. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The workload peers, in input order. */
  public List<Peer> peers() {
    return List.copyOf(workloads.keySet());
  }
}
