package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The labelled namespaces, found through the label index, are those a scan of every namespace finds. */
class SpecNamespacesTest {

  @Property(tries = 300)
  void labelledNamespacesAreThoseAScanFinds(@ForAll("namespaces") List<Namespace> namespaces,
      @ForAll("labels") Map<String, String> selector) {
    List<String> scanned = new ArrayList<>();
    for (Namespace ns : namespaces) {
      Map<String, String> labels = ns.getMetadata().getLabels();
      if (labels != null && labels.entrySet().containsAll(selector.entrySet())
          && !scanned.contains(ns.getMetadata().getName())) {
        scanned.add(ns.getMetadata().getName());
      }
    }
    assertThat(new SpecNamespaces(namespaces).labelled(selector)).isEqualTo(scanned);
  }

  @Provide
  Arbitrary<List<Namespace>> namespaces() {
    return Combinators.combine(Arbitraries.of("a", "b", "c"), labels())
        .as((name, labels) -> new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
            .endMetadata().build())
        .list().ofMaxSize(6);
  }

  /** Labels whose value may be null, as a YAML label without a value reads. */
  @Provide
  Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of("tenant", "team"), Arbitraries.of("x", "y").injectNull(0.2))
        .ofMaxSize(2);
  }
}
