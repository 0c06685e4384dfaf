package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.RequiredCrd;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * Builds Istio objects: the spec is written as a tree and read into fabric8's typed Istio model
 * ({@code io.fabric8.istio.api.networking.v1.VirtualService}, …), so every compiled object is a fresh typed object.
 */
public final class IstioObjects {
  public static final String NETWORKING = "networking.istio.io";
  public static final String SECURITY = "security.istio.io";
  public static final RequiredCrd VIRTUAL_SERVICES = RequiredCrd.of(NETWORKING, "VirtualService", "virtualservices", "v1");
  public static final RequiredCrd DESTINATION_RULES =
      RequiredCrd.of(NETWORKING, "DestinationRule", "destinationrules", "v1");
  public static final RequiredCrd SERVICE_ENTRIES =
      RequiredCrd.of(NETWORKING, "ServiceEntry", "serviceentries", "v1");
  public static final RequiredCrd GATEWAYS = RequiredCrd.of(NETWORKING, "Gateway", "gateways", "v1");
  public static final RequiredCrd PEER_AUTHENTICATIONS =
      RequiredCrd.of(SECURITY, "PeerAuthentication", "peerauthentications", "v1");
  public static final RequiredCrd AUTHORIZATION_POLICIES =
      RequiredCrd.of(SECURITY, "AuthorizationPolicy", "authorizationpolicies", "v1");

  private IstioObjects() {}

  /** A new empty tree node. */
  public static ObjectNode node() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A typed Istio object of {@code group/v1} with this kind, namespace, name and spec. */
  public static HasMetadata object(String group, String kind, String namespace, String name, ObjectNode spec) {
    ObjectNode tree = node();
    tree.put("apiVersion", group + "/v1");
    tree.put("kind", kind);
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    tree.set("spec", spec);
    return Manifests.fromTree(tree);
  }

  /**
   * An unmodifiable copy of labels sorted by key, refusing null keys and values. {@code Map.copyOf} alone would
   * iterate in an order that changes from one JVM to the next, and so would the names and YAML made from it.
   */
  public static Map<String, String> sortedLabels(Map<String, String> labels) {
    return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.copyOf(labels)));
  }

  /** A {@code matchLabels} node. */
  public static ObjectNode labels(Map<String, String> labels) {
    ObjectNode node = node();
    labels.forEach(node::put);
    return node;
  }

  /** The mTLS identity of a ServiceAccount as AuthorizationPolicy principals name it (trust domain cluster.local). */
  public static String principal(String namespace, String serviceAccount) {
    return "cluster.local/ns/" + namespace + "/sa/" + serviceAccount;
  }

  /** The fully qualified host of a Service: {@code name.namespace.svc.cluster.local}. */
  public static String serviceHost(String namespace, String service) {
    return service + "." + namespace + ".svc.cluster.local";
  }
}
