package dev.shipshape.core.embedded;

import dev.shipshape.core.StatefulSetClaims;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The embedded cluster's stand-in for the StatefulSet controller's part in storage: it makes the claims of each
 * StatefulSet's pods from the StatefulSet's claim templates, {@code <template>-<statefulset>-<ordinal>} for the
 * ordinals {@code spec.ordinals.start} to {@code start + spec.replicas - 1}, with the template's annotations and
 * labels and the selector's match labels, as the controller does before it creates each pod (<a
 * href="https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage">Stable storage</a>;
 * the controller's {@code getPersistentVolumeClaims}). A claim that exists already is left alone. Objects are read
 * as generic maps of kinds named in full, as the other stand-ins read them: the mock server answers no API discovery,
 * which the client would otherwise wait for.
 */
final class StatefulSetClaimMaker {
  private final KubernetesClient client;

  StatefulSetClaimMaker(KubernetesClient client) {
    this.client = client;
  }

  /** Makes the claims that are missing, of every StatefulSet of every namespace. */
  void reconcile() {
    var statefulSets = client.genericKubernetesResources(EmbeddedCluster.context("apps/v1", "StatefulSet",
        "statefulsets", true));
    List<GenericKubernetesResource> sets = statefulSets.inAnyNamespace().list().getItems().stream()
        .filter(set -> !templates(set).isEmpty()).collect(Collectors.toList());
    if (sets.isEmpty()) return;
    var claims = client.genericKubernetesResources(EmbeddedCluster.context("v1", "PersistentVolumeClaim",
        "persistentvolumeclaims", true));
    Set<String> existing = claims.inAnyNamespace().list().getItems().stream()
        .map(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName()).collect(Collectors.toSet());
    for (GenericKubernetesResource set : sets) {
      Map<String, Object> spec = EmbeddedCluster.spec(set);
      int start = number(map(spec.get("ordinals")).get("start"), 0);
      int replicas = number(spec.get("replicas"), 1);
      String namespace = set.getMetadata().getNamespace();
      for (int ordinal = start; ordinal < start + replicas; ordinal++) {
        for (Map<String, Object> template : templates(set)) {
          String name = StatefulSetClaims.name(String.valueOf(map(template.get("metadata")).get("name")),
              set.getMetadata().getName(), ordinal);
          if (existing.add(namespace + "/" + name)) create(claims, namespace, name, template, spec);
        }
      }
    }
  }

  /**
   * The claim {@code name} from {@code template}, with its annotations, its labels and those the selector matches:
   * the controller deep-copies the template ({@code getPersistentVolumeClaims}).
   */
  private static void create(MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> claims, String namespace, String name, Map<String, Object> template,
      Map<String, Object> setSpec) {
    Map<String, String> labels = new HashMap<>();
    map(map(template.get("metadata")).get("labels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    map(map(setSpec.get("selector")).get("matchLabels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
    GenericKubernetesResource claim = new GenericKubernetesResource();
    claim.setApiVersion("v1");
    claim.setKind("PersistentVolumeClaim");
    Map<String, String> annotations = new HashMap<>();
    map(map(template.get("metadata")).get("annotations")).forEach((k, v) -> annotations.put(k, String.valueOf(v)));
    claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels)
        .withAnnotations(annotations).build());
    claim.setAdditionalProperty("spec", template.get("spec"));
    claims.inNamespace(namespace).resource(claim).create();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> templates(GenericKubernetesResource set) {
    Object templates = EmbeddedCluster.spec(set).get("volumeClaimTemplates");
    return templates instanceof List ? (List<Map<String, Object>>) templates : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  private static int number(Object value, int otherwise) {
    return value instanceof Number ? ((Number) value).intValue() : otherwise;
  }
}
