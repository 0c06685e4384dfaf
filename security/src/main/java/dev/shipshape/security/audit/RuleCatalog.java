package dev.shipshape.security.audit;

import dev.shipshape.core.KubernetesVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every audit rule, in report order. */
final class RuleCatalog {
  private RuleCatalog() {}

  static List<AuditRule> rules(Optional<Path> deprecationsFile, Optional<KubernetesVersion> newest) {
    List<AuditRule> rules = new ArrayList<>();
    rules.addAll(PodSecurityRules.all());
    rules.addAll(WorkloadHygieneRules.all());
    rules.addAll(RbacRules.all());
    rules.addAll(NetworkExposureRules.all());
    rules.addAll(VersionRules.all(deprecationsFile, newest));
    return rules;
  }
}
