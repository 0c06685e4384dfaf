package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.apply.ApplyInterceptor;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.apply.RetryPolicy;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each built-in step of the write path alone: the step, then a scripted last step that stands for the rest of the
 * chain (it answers or fails as told and records what it was handed).
 */
class WriteStepsTest {
  private static final Plan PLAN = ClusterSpec.builder().name("shop").preExistingNamespace("shop")
      .resource(new ConfigMapBuilder().withNewMetadata().withName("config").withNamespace("shop").endMetadata()
          .addToData("mode", "production").build())
      .resource(new SecretBuilder().withNewMetadata().withName("token").withNamespace("shop").endMetadata()
          .addToData("token", "czNjcjN0").build())
      .build().plan();
  private static final PlannedResource CONFIG = PLAN.resources().stream().filter(r -> !r.isSecret()).findFirst()
      .orElseThrow();
  private static final PlannedResource SECRET = PLAN.resources().stream().filter(PlannedResource::isSecret)
      .findFirst().orElseThrow();

  /** The rest of the chain: fails with the queued errors first, then writes; records each call's strategy. */
  private static final class Script implements ApplyInterceptor {
    final Deque<RuntimeException> failures = new ArrayDeque<>();
    final List<ApplyStrategy> strategies = new ArrayList<>();
    final List<GenericKubernetesResource> handed = new ArrayList<>();

    Script failWith(RuntimeException... errors) {
      failures.addAll(List.of(errors));
      return this;
    }

    @Override
    public ResourceResult intercept(Chain chain) {
      WriteState state = WriteChain.state(chain);
      state.attempts++;
      strategies.add(state.strategy);
      handed.add(chain.desired());
      RuntimeException next = failures.poll();
      if (next != null) {
        Failure failure = Failure.of(next);
        if (failure.alreadyExists) state.exists = true;
        throw new WriteFailure(failure, next);
      }
      return ResourceResult.builder().ref(chain.resource().ref()).wave(chain.resource().wave())
          .outcome(state.exists ? Outcome.UPDATED : Outcome.CREATED).attempts(state.attempts).build();
    }
  }

  private static KubernetesClientException answered(int code, String reason, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withReason(reason).withMessage(message)
        .build());
  }

  private static ResourceResult run(PlannedResource r, Optional<GenericKubernetesResource> live,
      ApplyStrategy strategy, ApplyInterceptor... steps) {
    GenericKubernetesResource desired = Manifests.convert(r.object(), GenericKubernetesResource.class);
    WriteState state = new WriteState(live.isPresent(), strategy);
    return new WriteChain(List.of(steps), 0, r, desired, live, false, state).proceed(desired);
  }

  private static ResourceResult run(PlannedResource r, ApplyInterceptor... steps) {
    return run(r, Optional.empty(), ApplyStrategy.SERVER_SIDE, steps);
  }

  private static ResourceResult runWithReporting(PlannedResource r, RecordingEvents events,
      ApplyInterceptor... steps) {
    List<ApplyInterceptor> all = new ArrayList<>();
    all.add(new ReportingStep(events));
    all.addAll(List.of(steps));
    return run(r, all.toArray(new ApplyInterceptor[0]));
  }

  /** Object events as lines. */
  private static final class RecordingEvents implements ApplyListener {
    final List<String> lines = new ArrayList<>();
    final List<Throwable> causes = new ArrayList<>();

    @Override
    public void resourceStart(PlannedResource resource) {
      lines.add("start " + resource.ref());
    }

    @Override
    public void resourceRetry(PlannedResource resource, int attempt, Duration delay, Throwable cause) {
      lines.add("retry " + resource.ref() + " after attempt " + attempt);
      causes.add(cause);
    }

    @Override
    public void resourceEnd(ResourceResult result) {
      lines.add("end " + result);
    }

    @Override
    public void resourceFailed(ResourceResult result, Throwable cause) {
      lines.add("failed " + result);
      causes.add(cause);
    }
  }

  private static final RetryPolicy FAST = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
      .maxBackoff(Duration.ofMillis(2)).jitter(0).build();

  @Test
  void theUnchangedStepAnswersForAnObjectEqualToTheLiveOneWithoutGoingOn() {
    Script rest = new Script();
    GenericKubernetesResource live = Manifests.convert(CONFIG.object(), GenericKubernetesResource.class);

    ResourceResult result = run(CONFIG, Optional.of(live), ApplyStrategy.SERVER_SIDE,
        new UnchangedStep("shipshape"), rest);

    assertThat(result.outcome()).isEqualTo(Outcome.UNCHANGED);
    assertThat(result.attempts()).isZero();
    assertThat(rest.handed).isEmpty();
  }

  @Test
  void theUnchangedStepPassesAChangedObjectOnAndListsTheChanges() {
    Script rest = new Script();
    GenericKubernetesResource live = Manifests.convert(CONFIG.object(), GenericKubernetesResource.class);
    live.setAdditionalProperty("data", java.util.Map.of("mode", "staging"));

    ResourceResult result = run(CONFIG, Optional.of(live), ApplyStrategy.SERVER_SIDE,
        new UnchangedStep("shipshape"), rest);

    assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(result.changes()).extracting(c -> c.path()).containsExactly("data.mode");
    assertThat(rest.handed).hasSize(1);
  }

  @Test
  void theRetryStepRetriesTransientFailuresAndAnnouncesEachRetry() {
    RecordingEvents events = new RecordingEvents();
    Script rest = new Script().failWith(answered(503, "ServiceUnavailable", "busy"),
        answered(429, "TooManyRequests", "slow down"));

    ResourceResult result = run(CONFIG, new RetryStep(FAST, events), rest);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(result.attempts()).isEqualTo(3);
    assertThat(events.lines).containsExactly("retry ConfigMap shop/config after attempt 1",
        "retry ConfigMap shop/config after attempt 2");
  }

  @Test
  void theRetryStepGivesUpAfterTheAttemptsAllowedAndSaysSo() {
    Script rest = new Script().failWith(answered(503, "ServiceUnavailable", "busy"),
        answered(503, "ServiceUnavailable", "busy"), answered(503, "ServiceUnavailable", "busy"));

    assertThatThrownBy(() -> run(CONFIG, new RetryStep(FAST, ApplyListener.NONE), rest))
        .isInstanceOf(WriteFailure.class).hasMessage("HTTP 503: busy (gave up after 3 attempts)");
  }

  @Test
  void theRetryStepDoesNotRetryAFinalFailure() {
    Script rest = new Script().failWith(answered(422, "Invalid", "spec.x: Invalid value"));

    assertThatThrownBy(() -> run(CONFIG, new RetryStep(FAST, ApplyListener.NONE), rest))
        .isInstanceOf(WriteFailure.class).hasMessage("HTTP 422: spec.x: Invalid value");
    assertThat(rest.handed).hasSize(1);
  }

  @Test
  void withAutoA415SwitchesTheRunToClientSideWrites() {
    StrategyFallbackStep fallback = new StrategyFallbackStep(ApplyStrategy.AUTO);
    Script rest = new Script().failWith(answered(415, "UnsupportedMediaType", "no apply"));

    ResourceResult first = run(CONFIG, Optional.empty(), ApplyStrategy.AUTO, fallback, rest);
    ResourceResult second = run(SECRET, Optional.empty(), ApplyStrategy.AUTO, fallback, rest);

    assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(rest.strategies).containsExactly(ApplyStrategy.AUTO, ApplyStrategy.CLIENT_SIDE,
        ApplyStrategy.CLIENT_SIDE);
  }

  @Test
  void withAutoA404ForANewObjectTriesAClientSideCreateAndReportsItsAnswer() {
    Script rest = new Script().failWith(answered(404, "NotFound", "not found"),
        answered(404, "NotFound", "namespaces \"shop\" not found"));

    assertThatThrownBy(() -> run(CONFIG, Optional.empty(), ApplyStrategy.AUTO,
        new StrategyFallbackStep(ApplyStrategy.AUTO), rest))
        .isInstanceOf(WriteFailure.class).hasMessage("HTTP 404: namespaces \"shop\" not found");
    assertThat(rest.strategies).containsExactly(ApplyStrategy.AUTO, ApplyStrategy.CLIENT_SIDE);
  }

  @Test
  void withAStrategyChosenTheFallbackPassesFailuresOn() {
    Script rest = new Script().failWith(answered(404, "NotFound", "not found"));

    assertThatThrownBy(() -> run(CONFIG, Optional.empty(), ApplyStrategy.SERVER_SIDE,
        new StrategyFallbackStep(ApplyStrategy.SERVER_SIDE), rest)).hasMessage("HTTP 404: not found");
    assertThat(rest.strategies).containsExactly(ApplyStrategy.SERVER_SIDE);
  }

  @Test
  void aQuotedValueInAFailureAboutASecretIsHiddenFromMessageAndCause() {
    Script rest = new Script().failWith(answered(422, "Invalid",
        "Secret \"token\" is invalid: data[token]: Invalid value: \"n0t-in-the-plan\": bad"));

    assertThatThrownBy(() -> run(SECRET, new SecretMessageStep(), rest))
        .isInstanceOf(WriteFailure.class)
        .hasMessage("HTTP 422: Secret \"token\" is invalid: data[token]: Invalid value: (hidden): bad")
        .satisfies(e -> assertThat(((WriteFailure) e).shown().getMessage()).doesNotContain("n0t-in-the-plan"));
  }

  @Test
  void failuresAboutOtherKindsKeepTheServersMessageAndCause() {
    KubernetesClientException invalid = answered(422, "Invalid", "data[mode]: Invalid value: \"x\": bad");
    Script rest = new Script().failWith(invalid);

    assertThatThrownBy(() -> run(CONFIG, new SecretMessageStep(), rest))
        .hasMessage("HTTP 422: data[mode]: Invalid value: \"x\": bad")
        .satisfies(e -> assertThat(((WriteFailure) e).shown()).isSameAs(invalid));
  }

  @Test
  void theReportingStepTurnsAFailureIntoAResultAndAnnouncesIt() {
    RecordingEvents events = new RecordingEvents();
    KubernetesClientException forbidden = answered(403, "Forbidden", "configmaps is forbidden");

    ResourceResult result = runWithReporting(CONFIG, events, new Script().failWith(forbidden));

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(result.statusCode()).contains(403);
    assertThat(events.lines).containsExactly("start ConfigMap shop/config",
        "failed failed ConfigMap shop/config: HTTP 403: configmaps is forbidden");
    assertThat(events.causes).containsExactly(forbidden);
  }

  @Test
  void aStepThatThrowsFailsTheObjectWithItsMessageAndNothingIsSent() {
    RecordingEvents events = new RecordingEvents();
    Script rest = new Script();
    ApplyInterceptor refuse = chain -> {
      throw new IllegalStateException("not approved");
    };

    ResourceResult result = runWithReporting(CONFIG, events, refuse, rest);

    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.message()).contains("not approved");
    assertThat(result.attempts()).isZero();
    assertThat(rest.handed).isEmpty();
    assertThat(events.lines).containsExactly("start ConfigMap shop/config",
        "failed failed ConfigMap shop/config: not approved");
  }

  @Test
  void aStepMayHandAChangedObjectToTheNext() {
    Script rest = new Script();
    ApplyInterceptor stamp = chain -> {
      GenericKubernetesResource changed = chain.desired();
      changed.getMetadata().setAnnotations(java.util.Map.of("example.com/approved-by", "alice"));
      return chain.proceed(changed);
    };

    run(CONFIG, stamp, rest);

    assertThat(rest.handed).singleElement().satisfies(sent -> assertThat(sent.getMetadata().getAnnotations())
        .containsEntry("example.com/approved-by", "alice"));
  }

  @Test
  void theLastStepMustNotProceed() {
    ApplyInterceptor proceeds = chain -> chain.proceed(chain.desired());

    assertThatThrownBy(() -> run(CONFIG, proceeds))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the last step of the write path must not proceed");
  }
}
