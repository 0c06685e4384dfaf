package dev.shipshape.security.audit;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Severity;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** One thing an audit rule found, on an object (or on the cluster as a whole), with how to fix it. */
@Value.Immutable
@ShipshapeStyle
public abstract class Finding {

  public abstract String ruleId();

  public abstract Severity severity();

  /** The object; empty for findings about the cluster, such as its version. */
  public abstract Optional<ResourceRef> resource();

  /** The field path, such as {@code spec.template.spec.containers[0].securityContext.privileged}. */
  public abstract Optional<String> field();

  public abstract String message();

  public abstract String remediation();

  /** Ids of equivalent checks of other tools. */
  public abstract List<String> equivalents();

  public static Builder builder() {
    return new Builder();
  }

  /** {@code HIGH privileged-container Deployment.apps shop/web spec…privileged: … — fix}. */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(severity().name()).append(' ').append(ruleId());
    resource().ifPresent(r -> line.append(' ').append(r));
    field().ifPresent(f -> line.append(' ').append(f));
    return line.append(": ").append(message()).append(" — ").append(remediation()).toString();
  }

  /** Builds {@link Finding}s. */
  public static final class Builder extends ImmutableFinding.Builder {}
}
