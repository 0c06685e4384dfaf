package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates the ingress side of NetworkPolicies into Istio ALLOW AuthorizationPolicies, one per NetworkPolicy and
 * with its name, one rule per ingress rule. Both models agree on the composition: a pod that any policy selects
 * admits only what one of them allows, so a NetworkPolicy without ingress rules becomes an ALLOW policy without
 * rules (Istio's allow-nothing). Whatever cannot be expressed is left out so that the mesh admits no more than the
 * NetworkPolicy (fail closed), and reported as a limitation.
 */
public final class NetworkPolicyTranslation {
  /** The largest port range expanded into single ports; Istio's {@code ports} has no ranges. */
  static final int MAX_RANGE = 100;
  private static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private final SpecWorkloads spec;
  private final List<HasMetadata> policies = new ArrayList<>();
  private final List<String> limitations = new ArrayList<>();

  private NetworkPolicyTranslation(SpecWorkloads spec) {
    this.spec = spec;
  }

  /** Translates {@code networkPolicies} with the workloads and Namespaces of {@code spec}. */
  public static NetworkPolicyTranslation of(List<? extends HasMetadata> networkPolicies, SpecWorkloads spec) {
    NetworkPolicyTranslation t = new NetworkPolicyTranslation(spec);
    for (HasMetadata np : networkPolicies) t.translate(Manifests.toTree(np));
    return t;
  }

  /** The AuthorizationPolicies, in the order of the NetworkPolicies. */
  public List<HasMetadata> policies() {
    return List.copyOf(policies);
  }

  /** What the AuthorizationPolicies do not express, one line each, naming the NetworkPolicy and field. */
  public List<String> limitations() {
    return List.copyOf(limitations);
  }

  private void translate(JsonNode np) {
    String ns = np.path("metadata").path("namespace").asText("default");
    String name = np.path("metadata").path("name").asText();
    String where = "NetworkPolicy " + ns + "/" + name;
    JsonNode spec = np.path("spec");
    List<String> types = new ArrayList<>();
    spec.path("policyTypes").forEach(t -> types.add(t.asText()));
    if (types.isEmpty()) {
      // policyTypes defaults to Ingress, plus Egress when the policy has egress rules ("Network Policies").
      types.add("Ingress");
      if (spec.has("egress")) types.add("Egress");
    }
    if (types.contains("Egress")) {
      limitations.add(where + " spec.egress: egress is not expressed; AuthorizationPolicies are enforced by the "
          + "receiving workload, so the NetworkPolicy alone limits what these pods send");
    }
    if (!types.contains("Ingress")) return;
    if (MeshSpec.ROOT_NAMESPACE.equals(ns)) {
      limitations.add(where + ": not translated, an AuthorizationPolicy in Istio's root namespace "
          + MeshSpec.ROOT_NAMESPACE + " would apply to the whole mesh");
      return;
    }
    JsonNode podSelector = spec.path("podSelector");
    if (podSelector.has("matchExpressions")) {
      limitations.add(where + " spec.podSelector: matchExpressions cannot be expressed (an AuthorizationPolicy "
          + "selects by matchLabels only); not translated");
      return;
    }
    Map<String, String> selected = labels(podSelector.path("matchLabels"));
    ObjectNode out = IstioObjects.node();
    if (!selected.isEmpty()) out.putObject("selector").set("matchLabels", IstioObjects.labels(selected));
    out.put("action", "ALLOW");
    ArrayNode rules = out.putArray("rules");
    List<JsonNode> ingress = new ArrayList<>();
    spec.path("ingress").forEach(ingress::add);
    for (int i = 0; i < ingress.size(); i++) {
      rule(ingress.get(i), ns, selected, where + " spec.ingress[" + i + "]").ifPresent(rules::add);
    }
    if (rules.isEmpty()) out.remove("rules");
    policies.add(IstioObjects.object(IstioObjects.SECURITY, "AuthorizationPolicy", ns, name, out));
  }

  private java.util.Optional<ObjectNode> rule(JsonNode rule, String ns, Map<String, String> selected, String where) {
    ObjectNode out = IstioObjects.node();
    List<JsonNode> peers = new ArrayList<>();
    rule.path("from").forEach(peers::add);
    if (!peers.isEmpty()) {
      ArrayNode from = IstioObjects.node().arrayNode();
      for (int j = 0; j < peers.size(); j++) {
        source(peers.get(j), ns, where + ".from[" + j + "]").ifPresent(s -> from.addObject().set("source", s));
      }
      if (from.isEmpty()) {
        limitations.add(where + ": no source of the rule can be expressed, so the mesh admits nothing by it");
        return java.util.Optional.empty();
      }
      out.set("from", from);
    }
    List<JsonNode> portList = new ArrayList<>();
    rule.path("ports").forEach(portList::add);
    boolean everyTcpPort = portList.stream().anyMatch(p -> p.path("protocol").asText("TCP").equals("TCP")
        && (p.path("port").isMissingNode() || p.path("port").isNull()));
    if (!portList.isEmpty() && !everyTcpPort) {
      Set<String> ports = new LinkedHashSet<>();
      for (int k = 0; k < portList.size(); k++) ports.addAll(ports(portList.get(k), ns, selected, where + ".ports[" + k
          + "]"));
      if (ports.isEmpty()) {
        limitations.add(where + ": no TCP port of the rule can be expressed, so the mesh admits nothing by it");
        return java.util.Optional.empty();
      }
      ArrayNode list = out.putArray("to").addObject().putObject("operation").putArray("ports");
      ports.forEach(list::add);
    }
    return java.util.Optional.of(out);
  }

  private java.util.Optional<ObjectNode> source(JsonNode peer, String ns, String where) {
    ObjectNode source = IstioObjects.node();
    if (peer.has("ipBlock")) {
      source.putArray("ipBlocks").add(peer.path("ipBlock").path("cidr").asText());
      if (peer.path("ipBlock").path("except").size() > 0) {
        ArrayNode except = source.putArray("notIpBlocks");
        peer.path("ipBlock").path("except").forEach(except::add);
      }
      return java.util.Optional.of(source);
    }
    JsonNode nsSelector = peer.path("namespaceSelector");
    JsonNode podSelector = peer.path("podSelector");
    if (nsSelector.has("matchExpressions") || podSelector.has("matchExpressions")) {
      limitations.add(where + ": matchExpressions are not expressed; this source is left out");
      return java.util.Optional.empty();
    }
    boolean everyNamespace = nsSelector.isObject() && labels(nsSelector.path("matchLabels")).isEmpty();
    List<String> namespaces = nsSelector.isObject() ? namespaces(labels(nsSelector.path("matchLabels")))
        : List.of(ns);
    Map<String, String> podLabels = labels(podSelector.path("matchLabels"));
    if (podLabels.isEmpty()) {
      if (everyNamespace) {
        source.putArray("namespaces").add("*");
      } else if (namespaces.isEmpty()) {
        limitations.add(where + ": the namespace selector matches no Namespace of the spec; this source is left out");
        return java.util.Optional.empty();
      } else {
        namespaces.forEach(source.putArray("namespaces")::add);
      }
      return java.util.Optional.of(source);
    }
    Set<String> principals = new LinkedHashSet<>();
    List<String> candidates = everyNamespace ? namespaces(Map.of()) : namespaces;
    for (String n : candidates) {
      for (SpecWorkloads.Workload w : spec.selected(n, podLabels)) {
        principals.add(IstioObjects.principal(n, w.serviceAccount()));
        for (SpecWorkloads.Workload other : spec.selected(n, Map.of())) {
          if (other.serviceAccount().equals(w.serviceAccount()) && !MeshSpec.selects(podLabels, other.podLabels())) {
            limitations.add(where + ": ServiceAccount " + n + "/" + w.serviceAccount() + " also runs "
                + other.origin() + ", which the NetworkPolicy does not admit but the mesh does; give "
                + w.origin() + " a ServiceAccount of its own");
          }
        }
      }
    }
    if (principals.isEmpty()) {
      limitations.add(where + ": the pod selector " + new TreeMap<>(podLabels) + " matches no workload of the "
          + "spec, and pods are admitted by ServiceAccount; this source is left out");
      return java.util.Optional.empty();
    }
    if (everyNamespace) {
      limitations.add(where + ": pods " + new TreeMap<>(podLabels) + " of every namespace are admitted only as "
          + "the ServiceAccounts of the spec's workloads " + principals);
    }
    principals.forEach(source.putArray("principals")::add);
    return java.util.Optional.of(source);
  }

  private List<String> namespaces(Map<String, String> selector) {
    List<String> names = spec.namespacesLabelled(selector);
    if (selector.size() == 1 && selector.containsKey(NAME_LABEL) && !names.contains(selector.get(NAME_LABEL))) {
      // Every namespace carries its own name as this label, whether or not the spec creates it.
      names = new ArrayList<>(names);
      names.add(selector.get(NAME_LABEL));
    }
    return names;
  }

  private List<String> ports(JsonNode port, String ns, Map<String, String> selected, String where) {
    String protocol = port.path("protocol").asText("TCP");
    if (!protocol.equals("TCP")) {
      limitations.add(where + ": " + protocol + " is not proxied by the mesh; the NetworkPolicy alone governs it");
      return List.of();
    }
    JsonNode value = port.path("port");
    if (value.isTextual() && !value.asText().matches("\\d+")) return namedPort(value.asText(), ns, selected, where);
    int first = value.asInt();
    int last = port.path("endPort").asInt(first);
    if (last - first + 1 > MAX_RANGE) {
      limitations.add(where + ": the range " + first + "-" + last + " has more than " + MAX_RANGE + " ports, "
          + "which Istio's ports (no ranges) cannot list; left out");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int p = first; p <= last; p++) out.add(Integer.toString(p));
    return out;
  }

  private List<String> namedPort(String name, String ns, Map<String, String> selected, String where) {
    Set<String> numbers = new LinkedHashSet<>();
    List<String> without = new ArrayList<>();
    for (SpecWorkloads.Workload w : spec.selected(ns, selected)) {
      boolean declares = false;
      for (ContainerPort p : w.ports()) {
        String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
        if (name.equals(p.getName()) && protocol.equals("TCP")) {
          numbers.add(Integer.toString(p.getContainerPort()));
          declares = true;
        }
      }
      if (!declares) without.add(w.origin());
    }
    if (numbers.isEmpty()) {
      limitations.add(where + ": the named port " + name + " is declared by no container of the selected "
          + "workloads; left out");
    } else if (numbers.size() > 1 || !without.isEmpty()) {
      limitations.add(where + ": the named port " + name + " is " + numbers + (without.isEmpty() ? "" : ", and "
          + without + " do not declare it") + "; every selected workload admits " + numbers);
    }
    return List.copyOf(numbers);
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
