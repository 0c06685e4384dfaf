package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RejectionTest {

  private static KubernetesClientException invalid(String field, String message) {
    return new KubernetesClientException(new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
        .withMessage("the object is invalid").withNewDetails().addToCauses(new StatusCauseBuilder().withField(field)
            .withMessage(message).build()).endDetails().build());
  }

  private static Problem problem(KubernetesClientException error) {
    List<Problem> problems = Rejection.problems(ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", "fast"),
        "StorageClass", error, UnaryOperator.identity()).orElseThrow();
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void aFieldAnUpdateMayNotChangeIsFixedByKeepingItOrRecreatingTheObject() {
    Problem parameters = problem(invalid("parameters", "Forbidden: updates to parameters are forbidden."));
    assertThat(parameters.field()).contains("parameters");
    assertThat(parameters.fix()).isEqualTo(Rejection.FIXED_FIELD)
        .startsWith("this field cannot change on a live object: keep the live value in the spec, or delete the"
            + " object and apply again");
    assertThat(problem(invalid("spec.selector", "Invalid value: {\"matchLabels\":{\"app\":\"web\"}}: field is"
        + " immutable")).fix()).isEqualTo(Rejection.FIXED_FIELD);
    assertThat(problem(invalid("spec", "Forbidden: spec is immutable after creation except"
        + " resources.requests and volumeAttributesClassName for bound claims")).fix())
        .isEqualTo(Rejection.FIXED_FIELD);
  }

  @Test
  void roleRefsAndPodSpecsCannotChangeEither() {
    assertThat(problem(invalid("roleRef", "Invalid value: {\"kind\":\"Role\"}: cannot change roleRef")).fix())
        .isEqualTo(Rejection.FIXED_FIELD).contains("deleting a PersistentVolumeClaim or PersistentVolume can delete"
            + " its data");
    assertThat(problem(invalid("spec", "Forbidden: pod updates may not change fields other than"
        + " `spec.containers[*].image`")).fix()).isEqualTo(Rejection.FIXED_FIELD);
  }

  @Test
  void anInvalidValueIsCorrectedAsTheServerSays() {
    assertThat(problem(invalid("spec.replicas", "Invalid value: -1: must be greater than or equal to 0")).fix())
        .isEqualTo("correct the value as the message says");
  }
}
