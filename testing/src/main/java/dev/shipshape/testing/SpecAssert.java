package dev.shipshape.testing;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.PreflightException;
import dev.shipshape.core.diff.DiffReport;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link ClusterSpec}: its problems without a cluster, and one-call checks against any
 * cluster ({@link ShipshapeCluster} gives one): {@link #appliesCleanly} and {@link #isIdempotent}. The apply
 * checks use strategy {@code AUTO} (server-side apply, or client-side where the server cannot apply, as the embedded
 * server) unless {@link #withExecutor} says otherwise.
 */
public final class SpecAssert extends AbstractAssert<SpecAssert, ClusterSpec> {
  private static final UnaryOperator<KubernetesExecutor.Builder> DEFAULT_EXECUTOR =
      executor -> executor.strategy(ApplyStrategy.AUTO);

  private final UnaryOperator<KubernetesExecutor.Builder> executorSettings;

  SpecAssert(ClusterSpec spec) {
    this(spec, DEFAULT_EXECUTOR);
  }

  private SpecAssert(ClusterSpec spec, UnaryOperator<KubernetesExecutor.Builder> executorSettings) {
    super(spec, SpecAssert.class);
    this.executorSettings = executorSettings;
  }

  /**
   * The same assertions, applying with an executor set up by {@code settings} from the default one (strategy
   * {@code AUTO}, which {@code settings} may change), e.g. {@code withExecutor(e -> e.forceConflicts(true))} or
   * {@code withExecutor(e -> e.strategy(ApplyStrategy.SERVER_SIDE))}. Each call starts from the default executor,
   * not from the settings of an earlier call.
   */
  public SpecAssert withExecutor(UnaryOperator<KubernetesExecutor.Builder> settings) {
    Objects.requireNonNull(settings, "settings == null");
    return new SpecAssert(actual, executor -> settings.apply(DEFAULT_EXECUTOR.apply(executor)));
  }

  private KubernetesExecutor executor(KubernetesClient client) {
    return executorSettings.apply(KubernetesExecutor.builder(client)).build();
  }

  /** The spec plans without errors or warnings. */
  public SpecAssert hasNoProblems() {
    List<Problem> problems = problems();
    if (!problems.isEmpty()) failWithMessage("Expected spec <%s> to have no problems but had:%n%s", actual.name(),
        listing(problems));
    return this;
  }

  /** Among the spec's errors and warnings is one about {@code field} whose message contains {@code message}. */
  public SpecAssert hasProblem(String field, String message) {
    List<Problem> problems = problems();
    boolean found = problems.stream().anyMatch(p -> p.field().map(field::equals).orElse(false)
        && p.message().contains(message));
    if (!found) failWithMessage("Expected spec <%s> to have a problem at %s saying \"%s\" but had:%n%s",
        actual.name(), field, message, problems.isEmpty() ? "  (no problems)" : listing(problems));
    return this;
  }

  /** The spec plans (no errors); assertions on its plan. */
  public PlanAssert plan() {
    return new PlanAssert(planned());
  }

  /**
   * Applying the spec to the cluster succeeds for every object, and right after it {@code diff} finds nothing to
   * change.
   */
  public SpecAssert appliesCleanly(KubernetesClient client) {
    Plan plan = planned();
    ApplyReport report;
    try {
      report = executor(client).apply(plan);
    } catch (PreflightException e) {
      failWithMessage("Expected spec <%s> to apply cleanly but %s", actual.name(), e.getMessage());
      throw e;
    }
    if (!report.isSuccess()) failWithMessage("Expected spec <%s> to apply cleanly but:%n%s", actual.name(),
        report.toText());
    assertDiffClean(client, plan, "applying it");
    return this;
  }

  /**
   * The spec applies cleanly, a second apply sends zero write requests (counted on the wire) and reports every
   * object unchanged, and {@code diff} then finds nothing to change.
   */
  public SpecAssert isIdempotent(KubernetesClient client) {
    appliesCleanly(client);
    Plan plan = planned();
    WriteCounter counter = WriteCounter.create();
    ApplyReport again;
    try (KubernetesClient counting = counter.countingClient(client)) {
      again = executor(counting).apply(plan);
    }
    if (!again.isSuccess()) failWithMessage("Expected spec <%s> to re-apply cleanly but:%n%s", actual.name(),
        again.toText());
    if (counter.count() > 0 || again.withOutcome(Outcome.UNCHANGED).size() != plan.resources().size()) {
      failWithMessage("Expected re-applying spec <%s> to write nothing but it sent %s write request(s):%n  %s%n%s",
          actual.name(), counter.count(), String.join("\n  ", counter.writes()), again.toText());
    }
    assertDiffClean(client, plan, "re-applying it");
    return this;
  }

  private void assertDiffClean(KubernetesClient client, Plan plan, String after) {
    DiffReport diff = executor(client).diff(plan);
    if (diff.hasChanges()) failWithMessage("Expected no differences after %s spec <%s> but diff found:%n%s", after,
        actual.name(), diff.toText());
  }

  private Plan planned() {
    isNotNull();
    try {
      return actual.plan();
    } catch (SpecValidationException e) {
      failWithMessage("Expected spec <%s> to plan but it has problems:%n%s", actual.name(), listing(e.problems()));
      throw e;
    }
  }

  private List<Problem> problems() {
    isNotNull();
    try {
      return actual.plan().warnings();
    } catch (SpecValidationException e) {
      return e.problems();
    }
  }

  private static String listing(List<Problem> problems) {
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
