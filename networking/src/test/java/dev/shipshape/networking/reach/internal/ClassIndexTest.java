package dev.shipshape.networking.reach.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.LabelSelectorMatcher;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The namespace index answers as testing every namespace's labels against the selector would, and narrowing pod
 * classes by bit sets keeps exactly the classes core's matcher matches.
 */
class ClassIndexTest {

  @Property(tries = 300)
  void namespaceSelectorsSelectThePodsOfTheNamespacesTheyMatch(@ForAll("namespaces") List<Map<String, String>> labels,
      @ForAll("selectors") LabelSelector selector) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      String name = "ns" + i;
      objects.add(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels.get(i)).endMetadata()
          .build());
      objects.add(new PodBuilder().withNewMetadata().withName("p").withNamespace(name).endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec().build());
    }
    // A namespace that only a pod names: it carries just its name label.
    objects.add(new PodBuilder().withNewMetadata().withName("p").withNamespace("implicit").endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec().build());
    Topology topology = Topology.of(objects);
    Selector compiled = Selector.of(selector);

    BitSet expected = new BitSet();
    for (PodClass c : topology.classes) {
      if (compiled.matches(topology.namespaces.get(c.namespace()))) expected.set(c.index());
    }
    assertThat(new ClassIndex(topology).inNamespaces(compiled)).as(selector.toString()).isEqualTo(expected);
  }

  /**
   * NotIn and DoesNotExist keep the classes without the key; an unknown operator, In without values and the like
   * (which the API server refuses) give what the matcher gives.
   */
  @Property(tries = 300)
  void podSelectorsNarrowToTheClassesCoresMatcherMatches(@ForAll("namespaces") List<Map<String, String>> labels,
      @ForAll("anySelectors") LabelSelector selector) {
    List<HasMetadata> objects = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      objects.add(new PodBuilder().withNewMetadata().withName("p" + i).withNamespace("shop")
          .withLabels(labels.get(i)).endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
          .endContainer().endSpec().build());
    }
    Topology topology = Topology.of(objects);
    LabelSelectorMatcher matcher = LabelSelectorMatcher.of(selector).orElseThrow();

    BitSet expected = new BitSet();
    for (PodClass c : topology.classes) {
      if (matcher.matches(c.labels())) expected.set(c.index());
    }
    ClassIndex index = new ClassIndex(topology);
    assertThat(index.narrow(index.inNamespace("shop"), Selector.of(selector))).as(selector.toString())
        .isEqualTo(expected);
  }

  @Provide
  Arbitrary<LabelSelector> anySelectors() {
    Arbitrary<LabelSelectorRequirement> requirement = Combinators.combine(keys(),
        Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist", "in", "Like"), values().list().ofMaxSize(2))
        .as(LabelSelectorRequirement::new);
    return Combinators.combine(Arbitraries.maps(keys(), values()).ofMaxSize(1), requirement.list().ofMaxSize(3))
        .as((matchLabels, expressions) -> new LabelSelectorBuilder().withMatchLabels(matchLabels)
            .withMatchExpressions(expressions).build());
  }

  @Provide
  Arbitrary<List<Map<String, String>>> namespaces() {
    return Arbitraries.maps(Arbitraries.of("env", "team", "kubernetes.io/metadata.name"), values())
        .ofMaxSize(3).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<LabelSelector> selectors() {
    Arbitrary<LabelSelectorRequirement> requirement = Combinators.combine(keys(),
        Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"), values().list().ofMinSize(1).ofMaxSize(2))
        .as((key, operator, values) -> new LabelSelectorRequirement(key, operator,
            operator.endsWith("In") ? values : List.of()));
    return Combinators.combine(Arbitraries.maps(keys(), values()).ofMaxSize(2), requirement.list().ofMaxSize(2))
        .as((matchLabels, expressions) -> new LabelSelectorBuilder().withMatchLabels(matchLabels)
            .withMatchExpressions(expressions).build());
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.of("env", "team", "kubernetes.io/metadata.name");
  }

  private static Arbitrary<String> values() {
    return Arbitraries.of("prod", "dev", "ns0", "ns1", "implicit");
  }
}
