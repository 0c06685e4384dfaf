package dev.shipshape.core.findings;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a rule of a check looks for: a stable id, its severity, what a finding means, how to fix it, and the ids
 * of equivalent checks of other tools ({@code polaris:runAsPrivileged}, {@code kube-linter:privileged-container},
 * {@code kubescape:C-0057}, {@code cis:5.2.2}) to correlate findings. A {@link FindingReport} lists the rules that
 * ran; SARIF output describes them to code-scanning user interfaces.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class FindingRule {

  public abstract String id();

  public abstract Severity severity();

  /** What a finding means, in a few words. */
  public abstract String title();

  public abstract String remediation();

  public abstract List<String> equivalents();

  public static Builder builder() {
    return ImmutableFindingRule.builder();
  }

  /** The equivalent id of one tool ({@code polaris}, {@code kube-linter}, {@code kubescape}, {@code cis}). */
  public Optional<String> equivalent(String tool) {
    return equivalents().stream().filter(e -> e.startsWith(tool + ":")).map(e -> e.substring(tool.length() + 1))
        .findFirst();
  }

  @Override
  public String toString() {
    return id() + " (" + severity().label() + "): " + title();
  }

  /** Builds a {@link FindingRule}; every attribute but the equivalents is required. */
  public interface Builder {
    Builder id(String id);

    Builder severity(Severity severity);

    Builder title(String title);

    Builder remediation(String remediation);

    Builder addEquivalents(String... equivalents);

    Builder addAllEquivalents(Iterable<String> equivalents);

    FindingRule build();
  }
}
