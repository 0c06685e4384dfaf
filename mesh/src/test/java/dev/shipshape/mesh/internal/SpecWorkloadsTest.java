package dev.shipshape.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The indexed look-ups answer as testing every workload or namespace would, in the same order. */
class SpecWorkloadsTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  @Property(tries = 300)
  void lookUpsAnswerAsScansDo(@ForAll("labelsOrNulls") List<Map<String, String>> namespaceLabels,
      @ForAll("labels") List<Map<String, String>> podLabels,
      @ForAll("labelsOrNulls") List<Map<String, String>> selectors) {
    List<HasMetadata> objects = new ArrayList<>();
    Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    for (int i = 0; i < namespaceLabels.size(); i++) {
      String name = NAMES.get(i % NAMES.size());
      objects.add(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(namespaceLabels.get(i))
          .endMetadata().build());
      Map<String, String> labels = new LinkedHashMap<>(namespaceLabels.get(i));
      labels.put("kubernetes.io/metadata.name", name);
      namespaces.put(name, labels);
    }
    for (int i = 0; i < podLabels.size(); i++) {
      objects.add(new PodBuilder().withNewMetadata().withName("p" + i).withNamespace(NAMES.get(i % NAMES.size()))
          .withLabels(podLabels.get(i)).endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec().build());
    }
    SpecWorkloads spec = new SpecWorkloads(objects);

    for (Map<String, String> selector : selectors) {
      List<String> labelled = new ArrayList<>();
      namespaces.forEach((name, labels) -> {
        if (labels.entrySet().containsAll(selector.entrySet())) labelled.add(name);
      });
      assertThat(spec.namespacesLabelled(selector)).as("namespaces %s", selector).isEqualTo(labelled);
      for (String namespace : NAMES) {
        assertThat(spec.selected(namespace, selector)).as("%s in %s", selector, namespace)
            .isEqualTo(spec.all().stream().filter(w -> w.namespace().equals(namespace)
                && w.podLabels().entrySet().containsAll(selector.entrySet())).toList());
      }
    }
  }

  @Provide
  Arbitrary<List<Map<String, String>>> labels() {
    return labels(Arbitraries.of("web", "db", "a", "b"));
  }

  /** Labels whose value may be null, as a YAML label without a value reads. */
  @Provide
  Arbitrary<List<Map<String, String>>> labelsOrNulls() {
    return labels(Arbitraries.of("web", "db", "a", "b").injectNull(0.2));
  }

  private static Arbitrary<List<Map<String, String>>> labels(Arbitrary<String> values) {
    return Arbitraries.maps(Arbitraries.of("app", "team", "kubernetes.io/metadata.name"), values).ofMaxSize(2)
        .list().ofMaxSize(5);
  }
}
