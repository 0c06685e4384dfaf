package dev.shipshape.readiness;

import dev.shipshape.core.Component;
import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.findings.FindingRule;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where a check of a file the API server reads at start (the encryption configuration, the audit policy) finds its
 * evidence: the provider's setting on a managed profile, else the spec's components, else the live API server's
 * pods. A plan alone shows none, as such files compile to no object: that is noted.
 */
final class ApiServerFileEvidence {
  private ApiServerFileEvidence() {}

  static void run(ReadinessInput input, Outcome out, FindingRule rule, String file, Consumer<ClusterProfile> provider,
      Consumer<List<Component>> spec, Runnable live) {
    out.rule(rule);
    if (input.managedProfile().isPresent()) {
      provider.accept(input.managedProfile().get());
    } else if (input.components().isPresent()) {
      spec.accept(input.components().get());
    } else if (input.live()) {
      live.run();
    } else {
      out.note(rule.id() + " skipped: a plan alone does not show the API server's " + file + " (it compiles to no"
          + " object); check the spec instead");
    }
  }
}
