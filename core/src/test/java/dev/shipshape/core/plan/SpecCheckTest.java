package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import org.junit.jupiter.api.Test;

/** Spec checks found on the class path run on every plan, and their problems join the others. */
class SpecCheckTest {
  private static String configMap(String name, String annotation) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: shop\n"
        + (annotation.isEmpty() ? "" : "  annotations: {" + annotation + "}\n");
  }

  private static final String NAMESPACE = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

  @Test
  void aSpecWithoutWhatTheCheckLooksForPlans() {
    assertThat(ClusterSpec.builder().name("prod").yaml(NAMESPACE).yaml(configMap("a", "")).build().plan()
        .resources()).hasSize(2);
  }

  @Test
  void problemsOfACheckAreReportedWithTheSpecsOwnAndNamedAfterTheCheck() {
    ClusterSpec spec = ClusterSpec.builder().name("prod").yaml(NAMESPACE)
        .yaml(configMap("a", AnnotationSpecCheck.PROBLEM + ": 'not allowed here'"))
        .yaml(configMap("Bad_Name", "")).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> {
      assertThat(e.problems()).extracting(Object::toString)
          .contains("ERROR [annotation-check] ConfigMap shop/a metadata.annotations: not allowed here — remove the"
              + " annotation");
      assertThat(e.problems()).anySatisfy(p -> assertThat(p.toString()).contains("Bad_Name"));
    });
  }

  @Test
  void aCheckThatThrowsIsReportedAsAProblemNotAsACrash() {
    ClusterSpec spec = ClusterSpec.builder().name("prod").yaml(NAMESPACE)
        .yaml(configMap("a", AnnotationSpecCheck.THROW + ": 'yes'")).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.problems()).extracting(Object::toString).containsExactly("ERROR [annotation-check]: failed to"
            + " check the spec: java.lang.IllegalStateException: broken check — this is a bug in the check"
            + " dev.shipshape.core.plan.AnnotationSpecCheck; report it"));
  }
}
