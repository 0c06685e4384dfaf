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
 * The objects whose selector selects some labels are those a scan of every object finds, in input order; an empty
 * selector selects everything or nothing, as the index is told.
 */
class SelectorIndexTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 300)
  void objectsWhoseSelectorSelectsTheLabelsAreThoseAScanFinds(@ForAll("objects") List<MeshObject> objects,
      @ForAll("namespaces") String namespace, @ForAll("labels") Map<String, String> labels,
      @ForAll SelectorIndex.Empty empty) {
    List<MeshObject> scanned = new ArrayList<>();
    for (MeshObject o : objects) {
      if (selector(o).isEmpty() && empty == SelectorIndex.Empty.SELECTS_NONE) continue;
      if (o.namespace().equals(namespace) && Selectors.selects(selector(o), labels)) scanned.add(o);
    }
    assertThat(new SelectorIndex(objects, SelectorIndexTest::selector, empty).selecting(namespace, labels))
        .containsExactlyElementsOf(scanned);
  }

  private static Map<String, String> selector(MeshObject o) {
    return Json.stringMap(o.spec().path("selector"));
  }

  @Provide
  Arbitrary<List<MeshObject>> objects() {
    return Combinators.combine(namespaces(), Arbitraries.of("a", "b"), labels())
        .as((namespace, name, selector) -> {
          ObjectNode tree = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
          tree.set("metadata", JSON.createObjectNode().put("name", name).put("namespace", namespace));
          tree.set("spec", JSON.createObjectNode().set("selector", JSON.valueToTree(selector)));
          return new MeshObject(tree);
        })
        .list().ofMaxSize(8);
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
