package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.List;
import org.immutables.value.Value;

/** A risky permission held by subjects, with the binding, role and rule that grant it. */
@Value.Immutable
@ShipshapeStyle
public abstract class RiskFinding {

  public abstract Risk risk();

  /** By default, the risk's own severity. */
  @Value.Default
  public Severity severity() {
    return risk().severity();
  }

  public abstract List<RbacSubject> subjects();

  public abstract RbacPath path();

  public static Builder builder() {
    return ImmutableRiskFinding.builder();
  }

  /** {@code CRITICAL ESCALATE: User alice may grant itself … via …}. */
  @Override
  public String toString() {
    return severity().name() + " " + risk().name() + ": " + subjects() + " " + risk().description() + " via "
        + path();
  }

  /** Builds {@link RiskFinding}s. */
  public interface Builder {
    /** Starts from every attribute of {@code finding}. */
    Builder from(RiskFinding finding);

    Builder risk(Risk risk);

    Builder severity(Severity severity);

    Builder addSubjects(RbacSubject... subjects);

    Builder subjects(Iterable<? extends RbacSubject> subjects);

    Builder path(RbacPath path);

    RiskFinding build();
  }
}
