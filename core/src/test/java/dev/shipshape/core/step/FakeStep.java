package dev.shipshape.core.step;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.diff.ResourceDiff;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step for tests: answers a fixed outcome and message, and logs every call ({@code run <id> dryRun=<b>
 * timeout=<d>}, {@code diff <id>}) into a log shared by the steps of a test. Equal when id and answers are.
 */
public final class FakeStep implements ExternalStep {
  private final String id;
  private final Optional<String> namespace;
  private final List<ResourceRef> requires;
  private final List<ResourceRef> requiredBy;
  private final StepOutcome outcome;
  private final String message;
  private final List<String> log;

  private FakeStep(String id, Optional<String> namespace, List<ResourceRef> requires, List<ResourceRef> requiredBy,
      StepOutcome outcome, String message, List<String> log) {
    this.id = id;
    this.namespace = namespace;
    this.requires = requires;
    this.requiredBy = requiredBy;
    this.outcome = outcome;
    this.message = message;
    this.log = log;
  }

  /** A step that succeeds with {@link StepOutcome#CREATED}, logging into a new log. */
  public static FakeStep of(String id) {
    return new FakeStep(id, Optional.empty(), List.of(), List.of(), StepOutcome.CREATED, "done",
        Collections.synchronizedList(new ArrayList<>()));
  }

  public FakeStep inNamespace(String ns) {
    return new FakeStep(id, Optional.of(ns), requires, requiredBy, outcome, message, log);
  }

  public FakeStep requiring(ResourceRef... refs) {
    return new FakeStep(id, namespace, List.of(refs), requiredBy, outcome, message, log);
  }

  public FakeStep requiredBy(ResourceRef... refs) {
    return new FakeStep(id, namespace, requires, List.of(refs), outcome, message, log);
  }

  public FakeStep answering(StepOutcome answer, String text) {
    return new FakeStep(id, namespace, requires, requiredBy, answer, text, log);
  }

  /** The same step, logging into {@code other}'s log. */
  public FakeStep sharingLogWith(FakeStep other) {
    return new FakeStep(id, namespace, requires, requiredBy, outcome, message, other.log);
  }

  public List<String> log() {
    return List.copyOf(log);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "fake " + id + ": run";
  }

  @Override
  public Optional<String> namespace() {
    return namespace;
  }

  @Override
  public List<ResourceRef> requires() {
    return requires;
  }

  @Override
  public List<ResourceRef> requiredBy() {
    return requiredBy;
  }

  @Override
  public StepResult run(StepContext context) {
    log.add("run " + id + " dryRun=" + context.dryRun() + " timeout=" + context.timeout());
    return StepResult.builder().step(id).description(description()).outcome(outcome).message(message).build();
  }

  @Override
  public StepDiff diff(StepContext context) {
    log.add("diff " + id);
    return StepDiff.builder().step(id).description(description()).action(ResourceDiff.Action.UPDATE)
        .addDetails("~ " + message).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FakeStep && ((FakeStep) o).id.equals(id) && ((FakeStep) o).outcome == outcome
        && ((FakeStep) o).message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, outcome, message);
  }
}
