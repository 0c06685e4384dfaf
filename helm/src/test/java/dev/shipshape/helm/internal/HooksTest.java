package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.DeletePolicy;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Hook annotations read as Helm reads them: events and delete policies trimmed and lower-cased, weights not. */
class HooksTest {

  @Test
  void eventsAndDeletePoliciesAreReadInAnyCaseAndAWeightWithSpacesWeighsZero() {
    List<HasMetadata> objects = List.of(
        hook("spaced", Map.of(Hooks.HOOK, " Pre-Install", Hooks.WEIGHT, " 5",
            Hooks.DELETE_POLICY, "Hook-Succeeded")),
        hook("zero", Map.of(Hooks.HOOK, "pre-install", Hooks.WEIGHT, "0")),
        hook("signed", Map.of(Hooks.HOOK, "PRE-UPGRADE", Hooks.WEIGHT, "+3")),
        hook("main", Map.of()));

    List<List<String>> groups = Hooks.group(List.of(), objects, false).groups().stream()
        .map(g -> g.stream().map(o -> o.getMetadata().getName()).sorted().collect(Collectors.toList()))
        .collect(Collectors.toList());
    assertThat(groups).containsExactly(List.of("spaced", "zero"), List.of("signed"), List.of("main"));
    assertThat(Hooks.deletePolicies(objects)).filteredOn(p -> p.target().name().equals("spaced"))
        .singleElement().satisfies(p -> assertThat(p.when()).containsExactly(DeletePolicy.When.AFTER_SUCCESS));
  }

  private static HasMetadata hook(String name, Map<String, String> annotations) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("shop")
        .withAnnotations(annotations).endMetadata().build();
  }
}
