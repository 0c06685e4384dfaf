package dev.shipshape.core.findings;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One thing a check found: which rule, how serious, on which objects and field, what is wrong and how to fix it,
 * and the ids of the same check in other tools (Polaris, kube-linter, kubescape, CIS, Istio's {@code IST0101}, …).
 * The one finding type of the SDK: audit rules, backup checks, preflights, Pod Security checks, mesh analysis,
 * storage drift and readiness reports all produce it, and {@link FindingReport} renders it as text, JSON or SARIF.
 * Findings never contain Secret values.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Finding implements Comparable<Finding> {

  /** A stable rule id, such as {@code privileged-container} or {@code backup-location-unavailable}. */
  public abstract String ruleId();

  public abstract Severity severity();

  /** The objects involved, first the one the finding is about; empty for findings about the cluster as a whole. */
  public abstract List<ResourceRef> resources();

  /** The field path, such as {@code spec.template.spec.containers[0].securityContext.privileged}. */
  public abstract Optional<String> field();

  /** What is wrong, in words. */
  public abstract String message();

  /** How to fix it; empty for findings that need no fix. */
  public abstract Optional<String> remediation();

  /** Ids of equivalent checks of other tools. */
  public abstract List<String> equivalents();

  /**
   * A validation problem of a spec as a finding of rule {@code ruleId}: errors are {@link Severity#HIGH} (the spec
   * cannot be applied), warnings {@link Severity#MEDIUM}; the problem's fix is the remediation, and a problem on no
   * object names its component in the message.
   */
  public static Finding of(String ruleId, Problem problem) {
    Builder finding = builder().ruleId(ruleId).severity(problem.isError() ? Severity.HIGH : Severity.MEDIUM)
        .field(problem.field()).remediation(problem.fix());
    problem.resource().ifPresent(finding::addResources);
    String where = problem.resource().isPresent() ? "" : problem.component().map(c -> "component " + c + ": ")
        .orElse("");
    return finding.message(where + problem.message()).build();
  }

  /** The object the finding is about, if any. */
  public Optional<ResourceRef> resource() {
    return resources().stream().findFirst();
  }

  public static Builder builder() {
    return ImmutableFinding.builder();
  }

  /** Worst first, then by rule, object, field and message: the order reports print. */
  @Override
  public int compareTo(Finding other) {
    int c = other.severity().compareTo(severity());
    if (c == 0) c = ruleId().compareTo(other.ruleId());
    if (c == 0) c = compareResources(resource(), other.resource());
    if (c == 0) c = field().orElse("").compareTo(other.field().orElse(""));
    return c != 0 ? c : message().compareTo(other.message());
  }

  private static int compareResources(Optional<ResourceRef> a, Optional<ResourceRef> b) {
    if (a.isPresent() && b.isPresent()) return a.get().compareTo(b.get());
    return Boolean.compare(a.isPresent(), b.isPresent());
  }

  /** {@code HIGH privileged-container Deployment.apps shop/web spec…privileged: message — remediation}. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(severity().name()).append(' ').append(ruleId());
    resource().ifPresent(r -> line.append(' ').append(r));
    field().ifPresent(f -> line.append(' ').append(f));
    line.append(": ").append(message());
    remediation().ifPresent(r -> line.append(" — ").append(r));
    return line.toString();
  }

  /** Builds a {@link Finding}; rule id, severity and message are required. */
  public interface Builder {
    /** Starts from every attribute of {@code finding}. */
    Builder from(Finding finding);

    Builder ruleId(String ruleId);

    Builder severity(Severity severity);

    /** Adds an object involved; the first one added is the object the finding is about. */
    Builder addResources(ResourceRef resource);

    Builder addResources(ResourceRef... resources);

    Builder addAllResources(Iterable<? extends ResourceRef> resources);

    /** Replaces the objects involved. */
    Builder resources(Iterable<? extends ResourceRef> resources);

    Builder field(String field);

    Builder field(Optional<String> field);

    Builder message(String message);

    Builder remediation(String remediation);

    Builder remediation(Optional<String> remediation);

    Builder addEquivalents(String... equivalents);

    Builder addAllEquivalents(Iterable<String> equivalents);

    Finding build();
  }
}
