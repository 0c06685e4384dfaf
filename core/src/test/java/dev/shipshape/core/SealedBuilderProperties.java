package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A built spec is a value: changing the objects and collections given to its builder, or the objects read back from
 * the spec and its plan, never changes what the spec plans.
 */
class SealedBuilderProperties {

  @Property(tries = 50)
  void changingInputsAfterBuildDoesNotChangeThePlan(@ForAll("values") Map<String, String> data,
      @ForAll @IntRange(min = 1, max = 4) int count) {
    List<HasMetadata> given = new ArrayList<>();
    for (int i = 0; i < count; i++) given.add(configMap("cm-" + i, data));
    ConfigMap single = configMap("single", data);
    ClusterSpec spec = ClusterSpec.builder().name("prod").resource(namespace()).resources(given).resource(single)
        .build();
    String before = spec.plan().toYaml();

    single.getData().put("changed", "yes");
    single.getMetadata().setName("renamed");
    given.forEach(o -> o.getMetadata().setNamespace("elsewhere"));
    given.clear();

    assertThat(spec.plan().toYaml()).isEqualTo(before);
  }

  @Property(tries = 50)
  void changingWhatTheSpecAndPlanHandOutDoesNotChangeThePlan(@ForAll("values") Map<String, String> data) {
    ClusterSpec spec = ClusterSpec.builder().name("prod").resource(namespace(), configMap("cm", data)).build();
    Plan plan = spec.plan();
    String before = plan.toYaml();

    for (HasMetadata object : spec.rawResources()) object.getMetadata().setName("renamed");
    for (PlannedResource r : plan.resources()) {
      r.object().getMetadata().setLabels(Map.of("changed", "yes"));
      if (r.object() instanceof ConfigMap cm) cm.getData().clear();
    }

    assertThat(plan.toYaml()).isEqualTo(before);
    assertThat(spec.plan().toYaml()).isEqualTo(before);
  }

  @Test
  void aCollectionLargeEnoughToBeCopiedOnSeveralThreadsKeepsItsOrderAndIsSealed() {
    List<HasMetadata> given = new ArrayList<>();
    for (int i = 0; i < Manifests.PARALLEL_COPIES * 3 + 7; i++) {
      given.add(configMap("cm-" + i, Map.of("index", String.valueOf(i))));
    }
    ClusterSpec spec = ClusterSpec.builder().name("prod").resources(given).build();
    given.forEach(o -> ((ConfigMap) o).getData().put("changed", "yes"));

    List<HasMetadata> copies = spec.rawResources();
    assertThat(copies).hasSameSizeAs(given);
    for (int i = 0; i < copies.size(); i++) {
      assertThat(copies.get(i)).isNotSameAs(given.get(i));
      assertThat(copies.get(i).getMetadata().getName()).isEqualTo("cm-" + i);
      assertThat(((ConfigMap) copies.get(i)).getData()).containsExactly(Map.entry("index", String.valueOf(i)));
    }
  }

  @Test
  void aPlannedResourceKeepsItsOwnCopy() {
    ConfigMap object = configMap("cm", Map.of("k", "v"));
    PlannedResource planned = PlannedResource.builder().ref(ResourceRef.of(object)).object(object).component("c")
        .wave(0).build();
    String before = planned.yaml();

    object.getData().put("k", "changed");
    ((ConfigMap) planned.object()).getData().put("k", "changed too");

    assertThat(planned.yaml()).isEqualTo(before).contains("k: v");
  }

  @Test
  void theSpecBuilderHasNoSetterForItsRawObjects() {
    assertThat(Arrays.stream(ClusterSpec.Builder.class.getMethods()).map(Method::getName))
        .doesNotContain("addRawObjects", "addAllRawObjects", "rawObjects")
        .contains("resource", "resources", "yaml", "yamlFile");
    assertThat(ClusterSpec.Builder.class.isSealed()).isTrue();
  }

  @Provide
  Arbitrary<Map<String, String>> values() {
    Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> values = Arbitraries.strings().alpha().numeric().ofMaxLength(12);
    return Arbitraries.maps(keys, values).ofMinSize(1).ofMaxSize(5);
  }

  private static HasMetadata namespace() {
    return new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build();
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop").withLabels(new HashMap<>())
        .endMetadata().withData(new HashMap<>(data)).build();
  }
}
