package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The objects of a kind in one namespace are those a scan of the kind finds there, in input order. */
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

  @Provide
  Arbitrary<List<MeshObject>> objects() {
    return Combinators.combine(kinds(), namespaces(), Arbitraries.of("a", "b"))
        .as((kind, namespace, name) -> new MeshObject(JSON.createObjectNode().put("apiVersion", "v1")
            .put("kind", kind).set("metadata", JSON.createObjectNode().put("name", name)
                .put("namespace", namespace))))
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
}
