package dev.shipshape.core.cluster;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ClusterProfileDetector} found on a live cluster: the profile, when the evidence names one, and the
 * evidence itself (for people: {@code 3 of 3 nodes have providerID aws://…}).
 *
 * @param profile the detected profile; empty when the cluster matches none (no nodes, mixed or unknown providers)
 * @param evidence what the detection saw, in words
 */
public record ProfileDetection(Optional<ClusterProfile> profile, List<String> evidence) {

  public ProfileDetection {
    Objects.requireNonNull(profile, "profile == null");
    evidence = List.copyOf(evidence);
  }

  /**
   * The detection checked against the profile a spec declares: a {@code HIGH} finding {@code
   * cluster-profile-mismatch} when they differ, a {@code LOW} {@code cluster-profile-undeclared} when the spec
   * declares none although the cluster's is known, an {@code INFO} {@code cluster-profile-unknown} when the
   * cluster matches no profile; none when they agree.
   */
  public List<Finding> check(Optional<ClusterProfile> declared) {
    List<Finding> findings = new ArrayList<>();
    String seen = String.join("; ", evidence);
    if (profile.isEmpty()) {
      findings.add(Finding.builder().ruleId("cluster-profile-unknown").severity(Severity.INFO)
          .message("the cluster matches no known profile (" + seen + ")"
              + declared.map(d -> "; the spec declares " + d.displayName()).orElse(""))
          .remediation("check the spec's clusterProfile against the cluster by hand").build());
    } else if (declared.isEmpty()) {
      findings.add(Finding.builder().ruleId("cluster-profile-undeclared").severity(Severity.LOW)
          .message("the cluster is " + profile.get().displayName() + " (" + seen + "), but the spec declares no "
              + "profile, so it may write objects the provider owns")
          .remediation("declare it: ClusterSpec.builder().clusterProfile(ClusterProfile." + profile.get().name() + ")")
          .build());
    } else if (declared.get() != profile.get()) {
      findings.add(Finding.builder().ruleId("cluster-profile-mismatch").severity(Severity.HIGH)
          .message("the spec is for " + declared.get().displayName() + ", but the cluster is "
              + profile.get().displayName() + " (" + seen + ")")
          .remediation("target the right cluster, or declare clusterProfile(ClusterProfile." + profile.get().name()
              + ") and plan again").build());
    }
    return findings;
  }
}
