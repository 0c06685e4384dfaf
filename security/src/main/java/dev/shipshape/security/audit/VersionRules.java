package dev.shipshape.security.audit;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.versions.ApiDeprecations;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Rules on keeping up to date: API versions the target removed or deprecated, and the supported version window. */
final class VersionRules {
  private VersionRules() {}

  static List<AuditRule> all(Optional<Path> deprecationsFile, Optional<KubernetesVersion> newest) {
    return List.of(new DeprecatedApis(deprecationsFile), new SupportWindow(newest));
  }

  private static final class DeprecatedApis extends AuditRule {
    private final Optional<Path> file;

    DeprecatedApis(Optional<Path> file) {
      super("deprecated-api-version", Severity.HIGH,
          "an object uses an apiVersion that the target Kubernetes version removed or deprecated",
          "move the object to the replacement apiVersion before upgrading");
      this.file = file;
    }

    @Override
    public Optional<String> skipReason(AuditInput input) {
      if (input.targetVersion().isEmpty()) return Optional.of(info().id() + " skipped: the target Kubernetes"
          + " version is unknown (--kubernetes-version V on the command line, targetVersion(...) in the SDK)");
      return Optional.empty();
    }

    @Override
    public void check(AuditInput input, Results results) {
      // The SDK's bundled data unless a newer file in Pluto's format is given.
      ApiDeprecations data = file.map(ApiDeprecations::read).orElseGet(ApiDeprecations::bundled);
      KubernetesVersion target = input.targetVersion().get();
      for (AuditInput.Item item : input.items()) {
        results.applied();
        String apiVersion = item.object.getApiVersion();
        data.find(apiVersion, item.kind()).ifPresent(e -> {
          String use = e.replacement().map(r -> "; use " + r).orElse("; it has no replacement");
          if (e.removedBy(target)) {
            results.fail(Optional.of(item.ref), "apiVersion", apiVersion + " " + item.kind() + " was removed in"
                + " Kubernetes " + e.removedIn().get() + " (target " + target + ")" + use, Severity.HIGH);
          } else if (e.deprecatedBy(target)) {
            results.fail(Optional.of(item.ref), "apiVersion", apiVersion + " " + item.kind() + " is deprecated since"
                + " Kubernetes " + e.deprecatedIn().get() + e.removedIn().map(r -> " and removed in " + r).orElse("")
                + use, Severity.MEDIUM);
          }
        });
      }
    }
  }

  /** The three newest minor versions are supported ("Version Skew Policy" in the Kubernetes documentation). */
  private static final class SupportWindow extends AuditRule {
    private final Optional<KubernetesVersion> newest;

    SupportWindow(Optional<KubernetesVersion> newest) {
      super("unsupported-kubernetes-version", Severity.HIGH,
          "the target Kubernetes version no longer gets patches (outside the three newest minor versions)",
          "upgrade the cluster one minor version at a time until it is within the supported window");
      this.newest = newest;
    }

    @Override
    public Optional<String> skipReason(AuditInput input) {
      if (newest.isEmpty()) return Optional.of(info().id() + " skipped: the newest Kubernetes version is not"
          + " configured (--newest-version V on the command line, newestVersion(...) in the SDK)");
      if (input.targetVersion().isEmpty()) return Optional.of(info().id() + " skipped: the target Kubernetes"
          + " version is unknown (--kubernetes-version V on the command line, targetVersion(...) in the SDK)");
      return Optional.empty();
    }

    @Override
    public void check(AuditInput input, Results results) {
      results.applied();
      KubernetesVersion target = input.targetVersion().get();
      KubernetesVersion top = newest.get();
      KubernetesVersion oldest = KubernetesVersion.of(top.major(), Math.max(0, top.minor() - 2));
      if (target.compareTo(oldest) < 0) {
        results.fail(Optional.empty(), null, "target Kubernetes " + target + " is outside the supported window "
            + oldest + "–" + top, info().severity());
      }
    }
  }
}
