package dev.shipshape.core.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DeepCopyTest {
  private static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

  @Property(tries = 200)
  void aCopyEqualsItsOriginalAndSerializesAsFabric8sClone(@ForAll("deployments") Deployment deployment) {
    Deployment copy = DeepCopy.of(deployment).orElseThrow();
    assertThat(copy).isNotSameAs(deployment).isEqualTo(deployment);
    assertThat(FABRIC8.asJson(copy)).isEqualTo(FABRIC8.asJson(FABRIC8.clone(deployment)));
  }

  @Property(tries = 100)
  void changingACopyLeavesTheOriginalAlone(@ForAll("deployments") Deployment deployment) {
    String before = FABRIC8.asJson(deployment);
    Deployment copy = DeepCopy.of(deployment).orElseThrow();
    copy.getMetadata().getLabels().put("changed", "yes");
    copy.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests().get("cpu")
        .setAmount("99");
    copy.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setName("changed");
    copy.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().add("changed");
    copy.getSpec().getStrategy().getRollingUpdate().getMaxSurge().setValue(7);
    copy.getAdditionalProperties().put("changed", true);
    assertThat(FABRIC8.asJson(deployment)).isEqualTo(before);
  }

  @Provide
  Arbitrary<Deployment> deployments() {
    Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<Integer> numbers = Arbitraries.integers().between(0, 65_535);
    return Combinators.combine(names, numbers, Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(3))
        .as((name, number, args) -> new DeploymentBuilder()
            .withNewMetadata().withName(name).withNamespace(name).addToLabels("app", name)
                .addToAnnotations("n", String.valueOf(number)).endMetadata()
            .addToAdditionalProperties("extra", Map.of("nested", List.of(number, name)))
            .withNewSpec().withReplicas(number)
                .withNewStrategy().withNewRollingUpdate().withMaxSurge(new IntOrString(number))
                    .withMaxUnavailable(new IntOrString(name)).endRollingUpdate().endStrategy()
                .withNewTemplate().withNewSpec().addNewContainer().withName(name).withArgs(new ArrayList<>(args))
                    .addNewPort().withContainerPort(number).withName(name).endPort()
                    .withNewResources().addToRequests("cpu", new Quantity(number + "m")).endResources()
                .endContainer().endSpec().endTemplate()
            .endSpec().build());
  }

  @Test
  void copiesGenericObjectsTreesAndSortedMaps() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode().put("a", 1);
    GenericKubernetesResource generic = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
        .withKind("Widget").withNewMetadata().withName("w").endMetadata()
        .addToAdditionalProperties("spec", new TreeMap<>(Map.of("b", List.of(Map.of("c", 1)), "a", tree))).build();
    GenericKubernetesResource copy = DeepCopy.of(generic).orElseThrow();
    assertThat(copy).isEqualTo(generic);
    assertThat(copy.getAdditionalProperties().get("spec")).isInstanceOf(TreeMap.class);
    ((ObjectNode) ((Map<?, ?>) copy.getAdditionalProperties().get("spec")).get("a")).put("a", 2);
    assertThat(tree.get("a").asInt()).isEqualTo(1);
  }

  /** A bean with fields of every sort the copy tells apart by their declared type. */
  static final class Bean {
    enum Shape {
      ROUND { },
      SQUARE
    }

    int count;
    boolean flag;
    String name;
    Shape shape;
    Object anything;
    List<Object> items = new ArrayList<>();
  }

  @Test
  void primitivesStringsAndEnumsAreSharedWhileWhatCanChangeIsCopied() {
    Bean bean = new Bean();
    bean.count = 7;
    bean.flag = true;
    bean.name = "web";
    bean.shape = Bean.Shape.ROUND;
    bean.anything = new ArrayList<>(List.of("a"));
    bean.items.add(new TreeMap<>(Map.of("k", "v")));

    Bean copy = DeepCopy.of(bean).orElseThrow();

    assertThat(copy).isNotSameAs(bean);
    assertThat(copy.count).isEqualTo(7);
    assertThat(copy.flag).isTrue();
    assertThat(copy.name).isSameAs(bean.name);
    assertThat(copy.shape).isSameAs(Bean.Shape.ROUND);
    assertThat(copy.anything).isEqualTo(List.of("a")).isNotSameAs(bean.anything);
    assertThat(copy.items).isEqualTo(bean.items).isNotSameAs(bean.items);
    assertThat(copy.items.get(0)).isNotSameAs(bean.items.get(0));
  }

  @Test
  void aFieldsListsAndMapsAreCopiedWhateverTheClassesOfTheirElementsFromOneObjectToTheNext() {
    List<List<Object>> elementsInTurn = List.of(List.of(new TreeMap<>(Map.of("k", "v"))), List.of(new Bean(), "x"),
        List.of(new ArrayList<>(List.of("a")), new TreeMap<>(Map.of("k", "w"))), List.of(new Bean()));
    for (List<Object> elements : elementsInTurn) {
      Bean bean = new Bean();
      bean.items.addAll(elements);
      bean.anything = new java.util.LinkedHashMap<>(Map.of("only", elements.get(0)));

      Bean copy = DeepCopy.of(bean).orElseThrow();

      assertThat(copy.items).hasSameSizeAs(elements);
      for (int i = 0; i < elements.size(); i++) {
        assertThat(copy.items.get(i)).hasSameClassAs(elements.get(i));
        if (!(elements.get(i) instanceof String)) assertThat(copy.items.get(i)).isNotSameAs(elements.get(i));
      }
      assertThat(((Map<?, ?>) copy.anything).get("only")).hasSameClassAs(elements.get(0))
          .isNotSameAs(elements.get(0));
    }
  }

  @Test
  void sharedValuesAreSharedAtTheDepthLimitWhileCollectionsBeyondItAreNotCopied() {
    Object deepest = List.of(Bean.Shape.ROUND, new java.math.BigDecimal("1.5"), 2.5);
    List<Object> nested = new ArrayList<>(List.of(deepest));
    // The outermost list is at depth 0, so the values of the innermost of MAX_DEPTH lists are at the limit.
    for (int level = 2; level < DeepCopy.MAX_DEPTH; level++) nested = new ArrayList<>(List.of(nested));
    assertThat(DeepCopy.of(nested)).hasValue(nested);
    assertThat(DeepCopy.of(new ArrayList<>(List.of(nested)))).isEmpty();
  }

  @Test
  void valuesItCannotCopyLeaveItToTheSerializingCopy() {
    record Point(int x, int y) { }
    ConfigMap holdingARecord = new ConfigMapBuilder().withNewMetadata().withName("r").endMetadata()
        .addToAdditionalProperties("point", new Point(1, 2)).build();
    assertThat(DeepCopy.of(holdingARecord)).isEmpty();
    // Manifests.copy then copies through JSON, as fabric8's clone does.
    ConfigMap copied = Manifests.copy(holdingARecord);
    assertThat(copied.getAdditionalProperties().get("point")).isEqualTo(Map.of("x", 1, "y", 2));

    Map<String, Object> cycle = new java.util.HashMap<>();
    cycle.put("self", cycle);
    ConfigMap cyclic = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();
    cyclic.getAdditionalProperties().put("loop", cycle);
    assertThat(DeepCopy.of(cyclic)).isEmpty();
    assertThat(DeepCopy.of(new Thread())).isEmpty();
  }
}
