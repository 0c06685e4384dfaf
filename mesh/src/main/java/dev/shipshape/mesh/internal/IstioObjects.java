package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.RequiredCrd;
import io.fabric8.istio.api.api.networking.v1alpha3.LoadBalancerSettingsConsistentHash;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds Istio objects: the spec is written as a tree and read into fabric8's typed Istio model
 * ({@code io.fabric8.istio.api.networking.v1.VirtualService}, …), so every compiled object is a fresh typed object.
 */
public final class IstioObjects {
  public static final String NETWORKING = "networking.istio.io";
  public static final String SECURITY = "security.istio.io";
  /**
   * The annotation of the Gateway an {@code IngressGateway} compiles, its host: the component checks that Gateway's
   * credential itself, as it knows the namespace of the gateway's pods.
   */
  public static final String INGRESS_ANNOTATION = "shipshape.dev/ingress-gateway";
  public static final RequiredCrd VIRTUAL_SERVICES =
      RequiredCrd.of(NETWORKING, "VirtualService", "virtualservices", "v1");
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
   * The {@code spec} of an Istio object as a tree, as {@code Manifests.toTree(object).path("spec")} gives it, but
   * converting only the spec: the typed spec of fabric8's {@code networking/v1} VirtualService, ServiceEntry and
   * DestinationRule, the {@code spec} entry of a generic object; the whole object only for other classes. Missing
   * when the object has no spec.
   */
  public static JsonNode spec(HasMetadata object) {
    Object spec;
    if (object instanceof VirtualService vs) {
      spec = vs.getSpec();
    } else if (object instanceof ServiceEntry se) {
      spec = se.getSpec();
    } else if (object instanceof DestinationRule dr) {
      spec = dr.getSpec();
    } else if (object instanceof GenericKubernetesResource generic) {
      spec = generic.getAdditionalProperties().get("spec");
    } else {
      return Manifests.toTree(object).path("spec");
    }
    return spec == null ? MissingNode.getInstance() : Manifests.convert(spec, JsonNode.class);
  }

  /**
   * Puts {@code consistentHash.ringHash} of the top-level traffic policy of {@code spec} back into the typed
   * DestinationRule made from it: fabric8's Istio model (7.5.2) drops {@code ringHash} when it reads a
   * DestinationRule, as its two hash algorithms share one Java type name, so that the object would ask for Envoy's
   * default ring size. It keeps the setting as an additional property, which it writes out and copies.
   */
  public static HasMetadata withRingHash(HasMetadata destinationRule, ObjectNode spec) {
    JsonNode ring = spec.path("trafficPolicy").path("loadBalancer").path("consistentHash").path("ringHash");
    if (ring.isMissingNode() || !(destinationRule instanceof DestinationRule dr)) return destinationRule;
    if (dr.getSpec().getTrafficPolicy().getLoadBalancer().getLbPolicy()
        instanceof LoadBalancerSettingsConsistentHash hash && hash.getConsistentHash() != null) {
      Map<String, Object> value = new LinkedHashMap<>();
      ring.fields().forEachRemaining(f -> value.put(f.getKey(), f.getValue().isNumber() ? f.getValue().longValue()
          : f.getValue().asText()));
      hash.getConsistentHash().setAdditionalProperty("ringHash", value);
    }
    return destinationRule;
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
