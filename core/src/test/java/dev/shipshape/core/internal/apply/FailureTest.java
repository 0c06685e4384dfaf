package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures the executor retries, and what it reports for the others. */
class FailureTest {

  private static KubernetesClientException answered(int code, String reason, String message) {
    Status status = new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build();
    return new KubernetesClientException(status);
  }

  @Test
  void overloadAndServerErrorsAreTransient() {
    for (int code : new int[] {429, 500, 502, 503, 504}) {
      Failure failure = Failure.of(answered(code, "Whatever", "try later"));
      assertThat(failure.transientFailure).as("HTTP %d", code).isTrue();
      assertThat(failure.message).isEqualTo("HTTP " + code + ": try later");
      assertThat(failure.code).contains(code);
    }
  }

  @Test
  void retryAfterComesFromTheStatusDetails() {
    KubernetesClientException busy = answered(429, "TooManyRequests", "slow down");
    busy.getStatus().setDetails(new io.fabric8.kubernetes.api.model.StatusDetailsBuilder().withRetryAfterSeconds(3)
        .build());

    assertThat(Failure.of(busy).retryAfter).contains(Duration.ofSeconds(3));
    assertThat(Failure.of(answered(503, "ServiceUnavailable", "x")).retryAfter).isEmpty();
  }

  @Test
  void validationAuthorizationAndNotFoundAreFinal() {
    for (int code : new int[] {400, 401, 403, 404, 422}) {
      assertThat(Failure.of(answered(code, "Invalid", "no")).transientFailure).as("HTTP %d", code).isFalse();
    }
  }

  @Test
  void aRequestWithoutAnAnswerIsAConnectionFailureAndTransient() {
    KubernetesClientException reset = new KubernetesClientException("Connection reset",
        new SocketException("Connection reset"));

    Failure failure = Failure.of(reset);

    assertThat(failure.transientFailure).isTrue();
    assertThat(failure.code).isEmpty();
    assertThat(failure.message).isEqualTo("connection failed: Connection reset (KubernetesClientException)");
  }

  @Test
  void aBugOfOursIsNotRetried() {
    Failure failure = Failure.of(new IllegalStateException("unexpected"));

    assertThat(failure.transientFailure).isFalse();
    assertThat(failure.message).isEqualTo("unexpected");
  }

  @Test
  void alreadyExistsIsACreateRaceAndOtherConflictsAreFinal() {
    Failure race = Failure.of(answered(409, "AlreadyExists", "configmaps \"a\" already exists"));
    Failure conflict = Failure.of(answered(409, "Conflict", "the object has been modified"));

    assertThat(race.transientFailure).isTrue();
    assertThat(race.alreadyExists).isTrue();
    assertThat(race.message).isEqualTo("created concurrently by someone else: configmaps \"a\" already exists");
    assertThat(conflict.transientFailure).isFalse();
    assertThat(conflict.message).isEqualTo("HTTP 409 conflict: the object has been modified");
  }

  @Test
  void onACreateAnyConflictMeansTheObjectExists() {
    Failure failure = Failure.ofCreate(answered(409, "Conflict", "ConfigMap 'a' already exists"));

    assertThat(failure.transientFailure).isTrue();
    assertThat(failure.alreadyExists).isTrue();
    assertThat(failure.message).isEqualTo("created concurrently by someone else: ConfigMap 'a' already exists");
    assertThat(Failure.ofCreate(answered(422, "Invalid", "bad")).alreadyExists).isFalse();
  }

  @Test
  void aFieldManagerConflictNamesEveryFieldAndItsManager() {
    KubernetesClientException conflict = answered(409, "Conflict", "Apply failed with 2 conflicts");
    conflict.getStatus().setDetails(new io.fabric8.kubernetes.api.model.StatusDetailsBuilder()
        .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"helm\" using v1")
        .withField(".data.mode").endCause()
        .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"kubectl\" using apps/v1")
        .withField(".spec.replicas").endCause().build());

    Failure failure = Failure.of(conflict);

    assertThat(failure.transientFailure).isFalse();
    assertThat(failure.message).isEqualTo("conflict: field manager \"helm\" owns .data.mode; field manager"
        + " \"kubectl\" owns .spec.replicas — to take these fields over, apply with --force-conflicts"
        + " (KubernetesExecutor.Builder.forceConflicts(true)); to leave them to their managers, remove them from"
        + " the spec");
  }

  @Test
  void fieldsOfOneManagerAreListedTogetherAndAConflictWithoutCausesKeepsTheServerMessage() {
    KubernetesClientException conflict = answered(409, "Conflict", "Apply failed with 2 conflicts");
    conflict.getStatus().setDetails(new io.fabric8.kubernetes.api.model.StatusDetailsBuilder()
        .addNewCause().withMessage("conflict with \"team-a\"").withField(".spec.replicas").endCause()
        .addNewCause().withMessage("conflict with \"team-a\" using apps/v1").withField(".spec.paused").endCause()
        .build());

    assertThat(Failure.of(conflict).message).startsWith("conflict: field manager \"team-a\" owns .spec.replicas,"
        + " .spec.paused — ");
    assertThat(Failure.of(answered(409, "Conflict", "the object has been modified")).message)
        .isEqualTo("HTTP 409 conflict: the object has been modified");
  }
}
