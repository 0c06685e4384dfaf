package dev.shipshape.security.audit;

import static dev.shipshape.security.audit.WorkloadRule.isFalse;
import static dev.shipshape.security.audit.WorkloadRule.isTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.audit.WorkloadRule.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Rules on resources, probes, images, credentials and placement of workloads. */
final class WorkloadHygieneRules {
  private static final List<String> SENSITIVE_NAMES = List.of("AWS_SECRET_ACCESS_KEY",
      "GOOGLE_APPLICATION_CREDENTIALS", "OCI_CLI_KEY_CONTENT");
  private static final Pattern AZURE_KEY = Pattern.compile("AZURE_.*KEY");
  private static final List<String> SENSITIVE_WORDS = List.of("password", "token", "bearer", "secret");
  private static final Pattern PRIVATE_KEY = Pattern.compile("-BEGIN [A-Z ]*PRIVATE KEY-");

  private WorkloadHygieneRules() {}

  static List<AuditRule> all() {
    return List.of(
        resource("cpu-requests-missing", "requests", "cpu", Severity.LOW, "polaris:cpuRequestsMissing",
            "kube-linter:unset-cpu-requirements", "kubescape:C-0050"),
        resource("cpu-limits-missing", "limits", "cpu", Severity.LOW, "polaris:cpuLimitsMissing",
            "kube-linter:unset-cpu-requirements", "kubescape:C-0050"),
        resource("memory-requests-missing", "requests", "memory", Severity.LOW, "polaris:memoryRequestsMissing",
            "kube-linter:unset-memory-requirements", "kubescape:C-0004"),
        resource("memory-limits-missing", "limits", "memory", Severity.MEDIUM, "polaris:memoryLimitsMissing",
            "kube-linter:unset-memory-requirements", "kubescape:C-0004"),
        probe("readiness", "polaris:readinessProbeMissing", "kube-linter:no-readiness-probe", "kubescape:C-0018"),
        probe("liveness", "polaris:livenessProbeMissing", "kube-linter:no-liveness-probe", "kubescape:C-0056"),
        WorkloadRule.perContainer("image-tag-missing", Severity.MEDIUM,
            "image has no tag or uses 'latest', so what runs changes without a change to the spec",
            "pin the image to a version tag or, better, a digest (image@sha256:…)", true, false,
            (pod, c) -> imageProblem(c.tree.path("image").asText(""))
                .flatMap(p -> Violation.of(".image", p)),
            "polaris:tagNotSpecified", "kube-linter:latest-tag", "kubescape:C-0075"),
        WorkloadRule.perPod("service-account-token-automount", Severity.MEDIUM,
            "the ServiceAccount token is mounted into the pod although nothing says it is needed",
            "set automountServiceAccountToken: false on the pod (or on its ServiceAccount) unless it calls the"
                + " Kubernetes API", WorkloadHygieneRules::automount,
            "polaris:automountServiceAccountToken", "kubescape:C-0034", "cis:5.1.6"),
        WorkloadRule.perContainer("secret-env-literal", Severity.HIGH,
            "a credential is written in the spec as an environment variable value",
            "store it in a Secret and reference it with env[].valueFrom.secretKeyRef (or mount it as a file)",
            true, false, (pod, c) -> {
              JsonNode env = c.tree.path("env");
              for (int i = 0; i < env.size(); i++) {
                JsonNode e = env.get(i);
                if (!e.has("value")) continue;
                String name = e.path("name").asText("");
                if (sensitiveName(name) || PRIVATE_KEY.matcher(e.path("value").asText("")).find()) {
                  // Names only: the value is the secret and never goes into a finding.
                  return Violation.of(".env[" + i + "].value", "sets " + name + " from a literal value");
                }
              }
              return Optional.empty();
            }, "polaris:sensitiveContainerEnvVar", "kube-linter:env-var-secret", "kubescape:C-0012", "cis:5.4.1"),
        WorkloadRule.perPod("default-namespace", Severity.LOW, "workload runs in the default namespace",
            "give the workload a namespace of its own, with its own RBAC, quotas and NetworkPolicies",
            (pod, in) -> pod.owner.ref.namespace().filter("default"::equals).isPresent()
                ? Violation.of("", "is in namespace default") : Optional.empty(),
            "kube-linter:use-namespace", "kubescape:C-0061", "cis:5.7.4"));
  }

  private static AuditRule resource(String id, String kind, String resource, Severity severity,
      String... equivalents) {
    return WorkloadRule.perContainer(id, severity, "container has no " + resource + " " + kind.substring(0,
            kind.length() - 1), "set resources." + kind + "." + resource + " on every container", false, false,
        (pod, c) -> c.tree.path("resources").path(kind).path(resource).asText("").isEmpty()
            ? Violation.of(".resources." + kind + "." + resource, "has no " + resource + " " + kind.substring(0,
            kind.length() - 1)) : Optional.empty(), equivalents);
  }

  private static AuditRule probe(String which, String... equivalents) {
    return WorkloadRule.perContainer(which + "-probe-missing", Severity.LOW, "container has no " + which + " probe",
        "add a " + which + "Probe to every long-running container", false, true,
        (pod, c) -> c.tree.path(which + "Probe").isObject() ? Optional.empty()
            : Violation.of("." + which + "Probe", "has no " + which + "Probe"), equivalents);
  }

  /** No tag, or tag {@code latest}; a digest pins the image. */
  static Optional<String> imageProblem(String image) {
    if (image.isEmpty()) return Optional.of("has no image");
    if (image.contains("@")) return Optional.empty();
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) return Optional.of("image '" + image + "' has no tag");
    return image.substring(colon + 1).equals("latest")
        ? Optional.of("image '" + image + "' uses the tag latest") : Optional.empty();
  }

  private static boolean sensitiveName(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    String lower = name.toLowerCase(Locale.ROOT);
    return SENSITIVE_NAMES.contains(upper) || AZURE_KEY.matcher(upper).matches()
        || SENSITIVE_WORDS.stream().anyMatch(lower::contains);
  }

  /**
   * The pod's own setting wins; when it has none, its ServiceAccount's (when among the objects) decides.
   * Kubernetes mounts the token by default.
   */
  private static Optional<Violation> automount(AuditInput.PodTemplate pod, AuditInput input) {
    JsonNode own = pod.spec.path("automountServiceAccountToken");
    if (isFalse(own)) return Optional.empty();
    if (isTrue(own)) return Violation.of(".automountServiceAccountToken", "is true");
    String sa = pod.spec.path("serviceAccountName").asText(pod.spec.path("serviceAccount").asText("default"));
    Optional<AuditInput.Item> account = input.find("ServiceAccount", sa, pod.owner.ref.namespace().orElse(""));
    if (account.isPresent() && isFalse(account.get().tree.path("automountServiceAccountToken"))) {
      return Optional.empty();
    }
    return Violation.of(".automountServiceAccountToken", "is not set to false, nor on ServiceAccount " + sa);
  }
}
