package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reads the objects the analyzers need from a live cluster: one list call per kind, all namespaces or the given
 * ones (plus {@code istio-system}, where gateways and mesh-wide policies live). Kinds whose API the cluster does
 * not serve are skipped and noted.
 */
public final class LiveInputs {
  private static final String[][] KINDS = {
      {"v1", "Namespace"}, {"v1", "Pod"}, {"v1", "Service"}, {"v1", "Secret"}, {"v1", "ConfigMap"}, {"v1", "Node"},
      {"apps/v1", "Deployment"}, {"admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"},
      {"networking.istio.io/v1", "VirtualService"}, {"networking.istio.io/v1", "DestinationRule"},
      {"networking.istio.io/v1", "Gateway"}, {"networking.istio.io/v1", "ServiceEntry"},
      {"networking.istio.io/v1", "Sidecar"}, {"networking.istio.io/v1beta1", "ProxyConfig"},
      {"security.istio.io/v1", "AuthorizationPolicy"}, {"security.istio.io/v1", "RequestAuthentication"},
      {"security.istio.io/v1", "PeerAuthentication"}, {"telemetry.istio.io/v1", "Telemetry"}};
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "MutatingWebhookConfiguration");

  private LiveInputs() {}

  /** The objects, and notes on what could not be read, of the namespaces given (every namespace when none). */
  public static List<MeshObject> read(KubernetesClient client, Collection<String> namespaces, List<String> notes) {
    List<MeshObject> out = new ArrayList<>();
    Set<String> wanted = new java.util.LinkedHashSet<>(namespaces);
    if (!wanted.isEmpty()) wanted.add(Namespaces.ISTIO_SYSTEM);
    for (String[] kind : KINDS) {
      List<GenericKubernetesResource> items;
      try {
        items = client.genericKubernetesResources(kind[0], kind[1]).inAnyNamespace().list().getItems();
      } catch (KubernetesClientException e) {
        notes.add(kind[1] + " (" + kind[0] + ") not read: " + (e.getCode() == 404
            ? "the cluster does not serve this API" : e.getMessage()));
        continue;
      }
      for (GenericKubernetesResource item : items) {
        String ns = item.getMetadata().getNamespace();
        boolean inScope = wanted.isEmpty()
            || (CLUSTER_SCOPED.contains(kind[1])
                ? !kind[1].equals("Namespace") || wanted.contains(item.getMetadata().getName())
                : wanted.contains(ns));
        if (!inScope) continue;
        ObjectNode tree = Manifests.toTree(item);
        tree.put("apiVersion", kind[0]);
        tree.put("kind", kind[1]);
        out.add(new MeshObject(tree));
      }
    }
    return out;
  }
}
