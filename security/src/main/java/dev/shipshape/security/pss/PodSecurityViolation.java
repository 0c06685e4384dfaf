package dev.shipshape.security.pss;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import org.immutables.value.Value;

/**
 * A workload whose pods a namespace's enforced Pod Security level would reject: which control fails
 * (Pod Security Admission's check id, such as {@code allowPrivilegeEscalation}) and why.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class PodSecurityViolation {

  public abstract ResourceRef workload();

  public abstract PodSecurityLevel level();

  /** The policy version the level was evaluated at, {@code latest} or {@code v1.N}. */
  public abstract String version();

  public abstract String check();

  public abstract String reason();

  public abstract String detail();

  public static Builder builder() {
    return ImmutablePodSecurityViolation.builder();
  }

  /**
   * This violation as a finding of rule {@code pod-security-<check>} ({@code pod-security-privileged}, …),
   * {@link Severity#HIGH}: the pods would not be admitted.
   */
  public Finding toFinding() {
    return Finding.builder().ruleId("pod-security-" + check()).severity(Severity.HIGH).addResources(workload())
        .message("pods would violate PodSecurity \"" + level().label() + ":" + version() + "\": " + reason() + " ("
            + detail() + ")")
        .remediation("change the pod template to meet the " + level().label() + " level, or label the namespace"
            + " with a lower pod-security.kubernetes.io/enforce level")
        .build();
  }

  /** Like the admission message: {@code … would violate PodSecurity "restricted:latest": reason (detail)}. */
  @Override
  public String toString() {
    return workload() + " would violate PodSecurity \"" + level().label() + ":" + version() + "\": " + reason()
        + " (" + detail() + ")";
  }

  /** Builds {@link PodSecurityViolation}s. */
  public interface Builder {
    /** Starts from every attribute of {@code violation}. */
    Builder from(PodSecurityViolation violation);

    Builder workload(ResourceRef workload);

    Builder level(PodSecurityLevel level);

    Builder version(String version);

    Builder check(String check);

    Builder reason(String reason);

    Builder detail(String detail);

    PodSecurityViolation build();
  }
}
