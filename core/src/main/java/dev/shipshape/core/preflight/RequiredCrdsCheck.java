package dev.shipshape.core.preflight;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Component;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The one "required CRDs are installed" check of the SDK: each {@link RequiredCrd} exists on the cluster, is
 * {@code Established} and serves the version its component writes. Planning checks the other half (the CRD is
 * in the spec or declared pre-existing). Reads only: one GET per CRD. Rule ids: {@code crd-missing}, {@code
 * crd-not-established}, {@code crd-version-not-served}, all {@link Severity#HIGH} because applying a custom
 * resource of such a kind fails; each CRD that is fine gives an {@link Severity#INFO} {@code crd-installed}.
 */
public final class RequiredCrdsCheck {
  private final List<RequiredCrd> crds;
  private final String installHint;

  private RequiredCrdsCheck(List<RequiredCrd> crds, String installHint) {
    this.crds = crds;
    this.installHint = installHint;
  }

  /**
   * A check of these CRDs; {@code installHint} says how to install the missing ones, such as {@code install
   * Velero (velero install, or its Helm chart)}.
   */
  public static RequiredCrdsCheck of(Collection<RequiredCrd> crds, String installHint) {
    Objects.requireNonNull(installHint, "installHint == null");
    return new RequiredCrdsCheck(List.copyOf(new LinkedHashSet<>(crds)), installHint);
  }

  /** A check of every CRD the spec's components require. */
  public static RequiredCrdsCheck forSpec(ClusterSpec spec) {
    List<RequiredCrd> crds = new ArrayList<>();
    for (Component component : spec.components()) crds.addAll(component.requiredCrds());
    return of(crds, "install the operator or chart that provides it, or add the CRD to the spec");
  }

  /** One finding per CRD. API errors (unreachable, forbidden) are thrown as fabric8's exception. */
  public List<Finding> findings(KubernetesClient client) {
    List<Finding> findings = new ArrayList<>();
    for (RequiredCrd required : crds) {
      CustomResourceDefinition crd =
          client.apiextensions().v1().customResourceDefinitions().withName(required.name()).get();
      findings.add(check(required, crd));
    }
    return findings;
  }

  /** The findings as a report of check {@code required CRDs}. */
  public FindingReport run(KubernetesClient client) {
    return FindingReport.builder().check("required CRDs").failOn(Severity.HIGH).addAllFindings(findings(client))
        .build();
  }

  private Finding check(RequiredCrd required, CustomResourceDefinition crd) {
    Finding.Builder finding = Finding.builder().addResources(required.ref());
    if (crd == null) {
      return finding.ruleId("crd-missing").severity(Severity.HIGH)
          .message(required.name() + " is not installed").remediation(installHint).build();
    }
    boolean served = crd.getSpec() != null && crd.getSpec().getVersions() != null && crd.getSpec().getVersions()
        .stream().anyMatch(v -> required.version().equals(v.getName()) && Boolean.TRUE.equals(v.getServed()));
    if (!served) {
      return finding.ruleId("crd-version-not-served").severity(Severity.HIGH).field("spec.versions")
          .message(required.name() + " does not serve " + required.version())
          .remediation("upgrade the CRD to a release that serves " + required.version()).build();
    }
    boolean established = crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!established) {
      return finding.ruleId("crd-not-established").severity(Severity.HIGH).field("status.conditions")
          .message(required.name() + " is not established")
          .remediation("kubectl get crd " + required.name() + " -o yaml shows in its status conditions why")
          .build();
    }
    return finding.ruleId("crd-installed").severity(Severity.INFO)
        .message(required.name() + " is established and serves " + required.version()).build();
  }
}
