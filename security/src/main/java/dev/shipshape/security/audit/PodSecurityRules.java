package dev.shipshape.security.audit;

import static dev.shipshape.security.audit.WorkloadRule.isFalse;
import static dev.shipshape.security.audit.WorkloadRule.isTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.audit.WorkloadRule.Violation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Rules on the security settings of pods and containers. */
final class PodSecurityRules {
  private static final Set<String> DANGEROUS_CAPABILITIES = Set.of("ALL", "SYS_ADMIN", "NET_ADMIN");

  private PodSecurityRules() {}

  static List<AuditRule> all() {
    return List.of(
        WorkloadRule.perContainer("privileged-container", Severity.HIGH,
            "container runs privileged, with every capability and access to the host's devices",
            "remove securityContext.privileged, or set it to false", true, false,
            (pod, c) -> isTrue(c.securityContext().path("privileged"))
                ? Violation.of(".securityContext.privileged", "is privileged") : Optional.empty(),
            "polaris:runAsPrivileged", "kube-linter:privileged-container", "kubescape:C-0057", "cis:5.2.2"),
        hostFlag("host-network", "hostNetwork", "polaris:hostNetworkSet", "kube-linter:host-network",
            "kubescape:C-0041", "cis:5.2.5"),
        hostFlag("host-pid", "hostPID", "polaris:hostPIDSet", "kube-linter:host-pid", "kubescape:C-0038",
            "cis:5.2.3"),
        hostFlag("host-ipc", "hostIPC", "polaris:hostIPCSet", "kube-linter:host-ipc", "kubescape:C-0038",
            "cis:5.2.4"),
        WorkloadRule.perPod("host-path", Severity.HIGH, "pod mounts a directory of the node (hostPath)",
            "use a PersistentVolumeClaim, ConfigMap, Secret or emptyDir volume instead of hostPath",
            (pod, in) -> {
              JsonNode volumes = pod.spec.path("volumes");
              for (int i = 0; i < volumes.size(); i++) {
                if (volumes.get(i).has("hostPath")) {
                  return Violation.of(".volumes[" + i + "].hostPath", "volume '" + volumes.get(i).path("name")
                      .asText() + "' mounts " + volumes.get(i).path("hostPath").path("path").asText("a host path")
                      + " of the node");
                }
              }
              return Optional.empty();
            }, "polaris:hostPathSet", "kubescape:C-0048", "cis:5.2.12"),
        WorkloadRule.perContainer("host-port", Severity.MEDIUM, "container binds a port of the node (hostPort)",
            "remove ports[].hostPort and expose the pod through a Service", true, false,
            (pod, c) -> {
              JsonNode ports = c.tree.path("ports");
              for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).path("hostPort").asInt(0) != 0) {
                  return Violation.of(".ports[" + i + "].hostPort", "binds host port "
                      + ports.get(i).path("hostPort").asInt());
                }
              }
              return Optional.empty();
            }, "polaris:hostPortSet", "kubescape:C-0044", "cis:5.2.13"),
        WorkloadRule.perContainer("run-as-root", Severity.HIGH, "container may run as root",
            "set securityContext.runAsNonRoot: true (or a runAsUser above 0) on the pod or on every container",
            true, false, PodSecurityRules::runAsRoot,
            "polaris:runAsRootAllowed", "kube-linter:run-as-non-root", "kubescape:C-0013", "cis:5.2.7"),
        WorkloadRule.perContainer("privilege-escalation", Severity.HIGH,
            "container may gain more privileges than its parent process (setuid binaries)",
            "set securityContext.allowPrivilegeEscalation: false on every container", true, false,
            PodSecurityRules::privilegeEscalation, "polaris:privilegeEscalationAllowed",
            "kube-linter:privilege-escalation-container", "kubescape:C-0016", "cis:5.2.6"),
        WorkloadRule.perContainer("dangerous-capabilities", Severity.HIGH,
            "container adds a capability that gives control of the node (ALL, SYS_ADMIN, NET_ADMIN)",
            "remove the capability from securityContext.capabilities.add; drop ALL and add only what is needed",
            true, false, (pod, c) -> {
              JsonNode add = c.securityContext().path("capabilities").path("add");
              for (int i = 0; i < add.size(); i++) {
                String cap = add.get(i).asText().toUpperCase(Locale.ROOT);
                if (DANGEROUS_CAPABILITIES.contains(cap)) {
                  return Violation.of(".securityContext.capabilities.add[" + i + "]", "adds capability " + cap);
                }
              }
              return Optional.empty();
            }, "polaris:dangerousCapabilities", "kubescape:C-0046", "cis:5.2.9"));
  }

  private static AuditRule hostFlag(String id, String field, String... equivalents) {
    return WorkloadRule.perPod(id, Severity.HIGH, "pod shares the node's " + field.substring(4) + " namespace ("
            + field + ")", "remove spec." + field + ", or set it to false",
        (pod, in) -> isTrue(pod.spec.path(field)) ? Violation.of("." + field, field + " is true")
            : Optional.empty(), equivalents);
  }

  /**
   * A container is non-root when it says so (runAsNonRoot true or runAsUser above 0), or inherits it from the pod
   * and does not undo it (runAsNonRoot false or runAsUser 0).
   */
  private static Optional<Violation> runAsRoot(AuditInput.PodTemplate pod, AuditInput.Container c) {
    JsonNode sc = c.securityContext();
    if (nonRoot(sc)) return Optional.empty();
    if (isFalse(sc.path("runAsNonRoot")) || (sc.has("runAsUser") && sc.path("runAsUser").asLong() == 0)) {
      return Violation.of(".securityContext", "explicitly allows running as root");
    }
    if (nonRoot(pod.spec.path("securityContext"))) return Optional.empty();
    return Violation.of(".securityContext.runAsNonRoot", "does not set runAsNonRoot, nor does its pod");
  }

  private static boolean nonRoot(JsonNode sc) {
    return isTrue(sc.path("runAsNonRoot")) || sc.path("runAsUser").asLong(0) > 0;
  }

  /**
   * Only an explicit false counts; a container's own value wins over the pod's. A container that writes an empty
   * {@code securityContext:} (null, not an object) declares its own context without the setting, so the pod's
   * value does not reach it, as in Polaris' schema.
   */
  private static Optional<Violation> privilegeEscalation(AuditInput.PodTemplate pod, AuditInput.Container c) {
    JsonNode own = c.securityContext().path("allowPrivilegeEscalation");
    if (isFalse(own)) return Optional.empty();
    if (isTrue(own)) return Violation.of(".securityContext.allowPrivilegeEscalation", "sets it to true");
    if (c.tree.has("securityContext") && c.tree.get("securityContext").isNull()) {
      return Violation.of(".securityContext", "has an empty securityContext, without allowPrivilegeEscalation");
    }
    if (isFalse(pod.spec.path("securityContext").path("allowPrivilegeEscalation"))) return Optional.empty();
    return Violation.of(".securityContext.allowPrivilegeEscalation", "does not set it to false");
  }
}
