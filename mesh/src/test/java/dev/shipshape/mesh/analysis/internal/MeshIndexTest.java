package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The objects of a kind in one namespace, or with the labels a selector selects, are those a scan of the kind
 * finds, in input order.
 */
class MeshIndexTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 200)
  void objectsOfAKindInANamespaceAreThoseAScanFinds(@ForAll("objects") List<MeshObject> objects,
      @ForAll("kinds") String kind, @ForAll("namespaces") String namespace) {
    MeshIndex index = new MeshIndex(objects);
    List<MeshObject> scanned = new ArrayList<>();
    for (MeshObject o : index.all(kind)) if (o.namespace().equals(namespace)) scanned.add(o);
    assertThat(index.all(kind, namespace)).containsExactlyElementsOf(scanned);
  }

  @Property(tries = 300)
  void objectsASelectorSelectsAreThoseAScanFinds(@ForAll("objects") List<MeshObject> objects,
      @ForAll("kinds") String kind, @ForAll("namespaces") String namespace,
      @ForAll("labels") Map<String, String> selector) {
    MeshIndex index = new MeshIndex(objects);
    List<MeshObject> everywhere = new ArrayList<>();
    List<MeshObject> inNamespace = new ArrayList<>();
    for (MeshObject o : index.all(kind)) {
      if (!Selectors.selects(selector, o.labels())) continue;
      everywhere.add(o);
      if (o.namespace().equals(namespace)) inNamespace.add(o);
    }
    assertThat(index.selected(kind, selector)).containsExactlyElementsOf(everywhere);
    assertThat(index.selected(kind, namespace, selector)).containsExactlyElementsOf(inNamespace);
  }

  @Provide
  Arbitrary<List<MeshObject>> objects() {
    return Combinators.combine(kinds(), namespaces(), Arbitraries.of("a", "b"), labels())
        .as((kind, namespace, name, labels) -> {
          ObjectNode metadata = JSON.createObjectNode().put("name", name).put("namespace", namespace);
          metadata.set("labels", JSON.valueToTree(labels));
          return new MeshObject(JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind)
              .set("metadata", metadata));
        })
        .list().ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of("Pod", "Service");
  }

  @Provide
  Arbitrary<String> namespaces() {
    return Arbitraries.of("", "shop", "ops");
  }

  /** Labels, and selectors, from few keys and values, the empty value among them. */
  @Provide
  Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of("app", "tier", "istio"), Arbitraries.of("x", "y", "")).ofMaxSize(3);
  }
}
