package dev.shipshape.security.audit;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Severity;
import java.util.List;
import org.immutables.value.Value;

/**
 * What an audit rule checks: a stable id, its severity, what it finds, how to fix it, and the ids of equivalent
 * checks of other tools ({@code polaris:runAsPrivileged}, {@code kube-linter:privileged-container},
 * {@code kubescape:C-0057}, {@code cis:5.2.2}) to correlate findings.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RuleInfo {

  public abstract String id();

  public abstract Severity severity();

  /** What a finding means, in a few words. */
  public abstract String title();

  public abstract String remediation();

  public abstract List<String> equivalents();

  public static Builder builder() {
    return new Builder();
  }

  /** The equivalent id of one tool ({@code polaris}, {@code kube-linter}, {@code kubescape}, {@code cis}). */
  public java.util.Optional<String> equivalent(String tool) {
    return equivalents().stream().filter(e -> e.startsWith(tool + ":")).map(e -> e.substring(tool.length() + 1))
        .findFirst();
  }

  @Override
  public String toString() {
    return id() + " (" + severity().label() + "): " + title();
  }

  /** Builds {@link RuleInfo}s. */
  public static final class Builder extends ImmutableRuleInfo.Builder {}
}
