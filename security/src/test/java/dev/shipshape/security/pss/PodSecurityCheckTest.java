package dev.shipshape.security.pss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodSecurityCheckTest {
  /** A pod that passes restricted; each test row changes one field with a YAML fragment. */
  private static final String RESTRICTED_POD = String.join("\n",
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: p, namespace: ns}",
      "spec:",
      "  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}",
      "  containers:",
      "  - name: app",
      "    image: app:1",
      "    securityContext:",
      "      allowPrivilegeEscalation: false",
      "      capabilities: {drop: [ALL]}");

  private static List<String> failures(String podYaml, PodSecurityLevel level, String version) {
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n"
        + "    pod-security.kubernetes.io/enforce: " + level.label() + "\n"
        + "    pod-security.kubernetes.io/enforce-version: " + version + "\n---\n";
    List<HasMetadata> objects = Manifests.parse(ns + podYaml);
    return PodSecurityCheck.forVersion(KubernetesVersion.of(1, 35)).check(objects).stream()
        .map(PodSecurityViolation::check).collect(Collectors.toList());
  }

  private static String withContainerSecurity(String extra) {
    return RESTRICTED_POD + "\n      " + extra;
  }

  private static String withPodSpec(String extra) {
    return RESTRICTED_POD.replace("  securityContext: {runAsNonRoot", "  " + extra + "\n  securityContext:"
        + " {runAsNonRoot");
  }

  @Test
  void restrictedPodPassesEveryLevel() {
    for (PodSecurityLevel l : PodSecurityLevel.values()) assertThat(failures(RESTRICTED_POD, l, "latest")).isEmpty();
  }

  @ParameterizedTest(name = "baseline pod field {0} fails {1}")
  @CsvSource(delimiter = '|', value = {
      "hostNetwork: true | hostNamespaces",
      "hostPID: true | hostNamespaces",
      "hostIPC: true | hostNamespaces",
      "volumes: [{name: h, hostPath: {path: /etc}}] | hostPathVolumes",
      "securityContext: {sysctls: [{name: kernel.msgmax, value: '1'}]} | sysctls",
      "securityContext: {seccompProfile: {type: Unconfined}} | seccompProfile_baseline",
      "securityContext: {seLinuxOptions: {type: spc_t}} | seLinuxOptions",
      "securityContext: {seLinuxOptions: {user: root}} | seLinuxOptions",
      "securityContext: {windowsOptions: {hostProcess: true}} | hostProcess",
      "securityContext: {appArmorProfile: {type: Unconfined}} | appArmorProfile",
  })
  void baselinePodControls(String field, String check) {
    String pod = RESTRICTED_POD.replace("  securityContext: {runAsNonRoot: true, seccompProfile: {type:"
        + " RuntimeDefault}}", "  " + field);
    assertThat(failures(pod, PodSecurityLevel.BASELINE, "latest")).contains(check);
    assertThat(failures(pod, PodSecurityLevel.PRIVILEGED, "latest")).isEmpty();
  }

  @ParameterizedTest(name = "baseline container field {0} fails {1}")
  @CsvSource(delimiter = '|', value = {
      "privileged: true | privileged",
      "capabilities: {add: [SYS_ADMIN]} | capabilities_baseline",
      "procMount: Unmasked | procMount",
      "seccompProfile: {type: Unconfined} | seccompProfile_baseline",
      "seLinuxOptions: {role: sysadm_r} | seLinuxOptions",
  })
  void baselineContainerControls(String field, String check) {
    String pod = RESTRICTED_POD.replace("      capabilities: {drop: [ALL]}", "      " + field);
    assertThat(failures(pod, PodSecurityLevel.BASELINE, "latest")).contains(check);
  }

  @Test
  void baselineAllowsDefaultCapabilitiesSafeSysctlsAndAllowedSeLinuxTypes() {
    String pod = RESTRICTED_POD.replace("      capabilities: {drop: [ALL]}",
        "      capabilities: {add: [CHOWN, NET_BIND_SERVICE]}\n      seLinuxOptions: {type: container_init_t}")
        .replace("seccompProfile: {type: RuntimeDefault}}", "seccompProfile: {type: RuntimeDefault}, sysctls:"
            + " [{name: net.ipv4.ip_local_port_range, value: '1024 65535'}]}");
    assertThat(failures(pod, PodSecurityLevel.BASELINE, "latest")).isEmpty();
  }

  @Test
  void hostPortsAndProbeHostsAndAppArmorAnnotations() {
    String ports = RESTRICTED_POD + "\n    ports: [{containerPort: 80, hostPort: 8080}]";
    assertThat(failures(ports, PodSecurityLevel.BASELINE, "latest")).containsExactly("hostPorts");
    String probe = RESTRICTED_POD + "\n    readinessProbe: {httpGet: {host: 10.0.0.1, port: 80}}";
    assertThat(failures(probe, PodSecurityLevel.BASELINE, "latest")).containsExactly("hostProbesAndHostLifecycle");
    // The probe-host control exists from policy version 1.34.
    assertThat(failures(probe, PodSecurityLevel.BASELINE, "v1.33")).isEmpty();
    String apparmor = RESTRICTED_POD.replace("metadata: {name: p, namespace: ns}", "metadata: {name: p, namespace:"
        + " ns, annotations: {container.apparmor.security.beta.kubernetes.io/app: unconfined}}");
    assertThat(failures(apparmor, PodSecurityLevel.BASELINE, "latest")).containsExactly("appArmorProfile");
  }

  @Test
  void sysctlsAllowedDependOnPolicyVersion() {
    String pod = RESTRICTED_POD.replace("seccompProfile: {type: RuntimeDefault}}", "seccompProfile: {type:"
        + " RuntimeDefault}, sysctls: [{name: net.ipv4.tcp_keepalive_time, value: '60'}]}");
    assertThat(failures(pod, PodSecurityLevel.BASELINE, "v1.29")).isEmpty();
    assertThat(failures(pod, PodSecurityLevel.BASELINE, "v1.28")).containsExactly("sysctls");
  }

  @ParameterizedTest(name = "restricted: {0} fails {1}")
  @CsvSource(delimiter = '|', value = {
      "allowPrivilegeEscalation: false| allowPrivilegeEscalation",
      "capabilities: {drop: [ALL]}| capabilities_restricted",
  })
  void restrictedContainerControlsRemoved(String removed, String check) {
    String pod = RESTRICTED_POD.replace("      " + removed.trim(), "      readOnlyRootFilesystem: true");
    assertThat(failures(pod, PodSecurityLevel.RESTRICTED, "latest")).containsExactly(check);
    assertThat(failures(pod, PodSecurityLevel.BASELINE, "latest")).isEmpty();
  }

  @ParameterizedTest(name = "restricted: {0} fails {1}")
  @CsvSource(delimiter = '|', value = {
      "runAsNonRoot: false | runAsNonRoot",
      "runAsUser: 0 | runAsUser",
      "seccompProfile: {type: Unconfined} | seccompProfile_restricted",
      "capabilities: {drop: [ALL], add: [CHOWN]} | capabilities_restricted",
  })
  void restrictedContainerControls(String field, String check) {
    String pod = withContainerSecurity(field).replace("      capabilities: {drop: [ALL]}\n      capabilities:",
        "      capabilities:");
    assertThat(failures(pod, PodSecurityLevel.RESTRICTED, "latest")).contains(check);
  }

  @Test
  void restrictedPodLevelControls() {
    String noPodContext = RESTRICTED_POD.replace("  securityContext: {runAsNonRoot: true, seccompProfile: {type:"
        + " RuntimeDefault}}\n", "");
    assertThat(failures(noPodContext, PodSecurityLevel.RESTRICTED, "latest"))
        .containsExactly("runAsNonRoot", "seccompProfile_restricted");
    String nfs = withPodSpec("volumes: [{name: v, nfs: {server: x, path: /}}]");
    assertThat(failures(nfs, PodSecurityLevel.RESTRICTED, "latest")).containsExactly("restrictedVolumes");
    assertThat(failures(nfs, PodSecurityLevel.BASELINE, "latest")).isEmpty();
    String windows = withPodSpec("os: {name: windows}").replace("      allowPrivilegeEscalation: false\n", "")
        .replace("      capabilities: {drop: [ALL]}", "      readOnlyRootFilesystem: true");
    assertThat(failures(windows, PodSecurityLevel.RESTRICTED, "latest")).isEmpty();
    String userNamespace = withPodSpec("hostUsers: false").replace("runAsNonRoot: true, ", "");
    // The user-namespace relaxation is behind an alpha feature gate, off by default.
    assertThat(failures(userNamespace, PodSecurityLevel.RESTRICTED, "latest")).containsExactly("runAsNonRoot");
    assertThat(failures(userNamespace, PodSecurityLevel.RESTRICTED, "v1.33")).containsExactly("runAsNonRoot");
  }

  @Test
  void restrictedControlsReplaceTheBaselineControlsTheyTighten() {
    String hostPath = withPodSpec("volumes: [{name: h, hostPath: {path: /var/log}}]");
    assertThat(failures(hostPath, PodSecurityLevel.BASELINE, "latest")).containsExactly("hostPathVolumes");
    assertThat(failures(hostPath, PodSecurityLevel.RESTRICTED, "latest")).containsExactly("restrictedVolumes");
    String unconfined = RESTRICTED_POD.replace("type: RuntimeDefault", "type: Unconfined");
    assertThat(failures(unconfined, PodSecurityLevel.BASELINE, "latest")).containsExactly("seccompProfile_baseline");
    assertThat(failures(unconfined, PodSecurityLevel.RESTRICTED, "latest"))
        .containsExactly("seccompProfile_restricted");
  }

  @Test
  void initContainersAreChecked() {
    String pod = RESTRICTED_POD.replace("  containers:", "  initContainers:\n  - {name: init, image: i:1,"
        + " securityContext: {privileged: true}}\n  containers:");
    List<PodSecurityViolation> v = PodSecurityCheck.forVersion(KubernetesVersion.of(1, 35)).defaultLevel(
        PodSecurityLevel.BASELINE).check(Manifests.parse(pod));
    assertThat(v).singleElement().asString().isEqualTo("Pod ns/p would violate PodSecurity \"baseline:latest\":"
        + " privileged (container \"init\" must not set securityContext.privileged=true)");
  }

  @Test
  void planOfWorkloadsInLabelledNamespaces() {
    PodSecurityNamespaces psa = PodSecurityNamespaces.builder().name("psa")
        .namespace("locked", PodSecurityProfile.restricted())
        .tenant("team-a", PodSecurityProfile.enforce(PodSecurityLevel.BASELINE).warn(PodSecurityLevel.RESTRICTED)
            .build(), "a-dev")
        .build();
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: NS}\nspec:\n"
        + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
        + "    spec: {containers: [{name: web, image: 'nginx:1.27'}]}\n";
    ClusterSpec spec = ClusterSpec.builder().name("prod").component(psa)
        .yaml(deployment.replace("NS", "locked")).yaml(deployment.replace("NS", "a-dev")).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(spec::plan).hasMessageContaining("1 error").hasMessageContaining(
        "ERROR [pod-security] Deployment.apps locked/web spec.template.spec: its pods would be rejected by namespace"
            + " locked, which enforces PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container"
            + " \"web\" must set securityContext.allowPrivilegeEscalation=false), runAsNonRoot != true (pod or"
            + " container \"web\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container"
            + " \"web\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"),"
            + " unrestricted capabilities (container \"web\" must set securityContext.capabilities.drop=[\"ALL\"])"
            + " — change the pod spec to meet the restricted level (Hardening.restricted returns a compliant copy"
            + " of a pod spec), or lower the namespace's pod-security.kubernetes.io/enforce label");
    List<HasMetadata> objects = new ArrayList<>(psa.compile(null));
    objects.addAll(Manifests.parse(deployment.replace("NS", "locked")));
    objects.addAll(Manifests.parse(deployment.replace("NS", "a-dev")));
    List<PodSecurityViolation> v = PodSecurityCheck.forVersion(spec.kubernetesVersion()).check(objects);
    assertThat(v).extracting(x -> x.workload().qualifiedName()).containsOnly("locked/web");
    assertThat(v).extracting(PodSecurityViolation::check).containsExactly("allowPrivilegeEscalation",
        "runAsNonRoot", "seccompProfile_restricted", "capabilities_restricted");
    FindingReport report = PodSecurityCheck.forVersion(spec.kubernetesVersion()).report(objects);
    assertThat(report.check()).isEqualTo("pod security");
    assertThat(report.failed()).as("a violation fails the report as it comes").isTrue();
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("pod-security-allowPrivilegeEscalation",
        "pod-security-capabilities_restricted", "pod-security-runAsNonRoot", "pod-security-seccompProfile_restricted");
    assertThat(report.findings().get(0).toString()).isEqualTo("HIGH pod-security-allowPrivilegeEscalation"
        + " Deployment.apps locked/web: pods would violate PodSecurity \"restricted:latest\": " + v.get(0).reason()
        + " (" + v.get(0).detail() + ") — change the pod template to meet the restricted level, or label the"
        + " namespace with a lower pod-security.kubernetes.io/enforce level");
    HasMetadata ns = psa.compile(null).get(1);
    assertThat(ns.getMetadata().getLabels()).containsEntry("shipshape.dev/tenant", "team-a")
        .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
        .containsEntry("pod-security.kubernetes.io/warn", "restricted")
        .containsEntry("pod-security.kubernetes.io/warn-version", "latest");
  }

  @Test
  void invalidProfileAndNamespaceNamesAreRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PodSecurityProfile.enforce(PodSecurityLevel.BASELINE)
        .version("newest").build()).hasMessage("PodSecurityProfile version: 'newest' is neither 'latest' nor a"
        + " Kubernetes minor version — use 'latest' or a version such as 'v1.33'");
  }

  @Test
  void theNamesAndLabelsOfItsNamespacesAreReportedOnceAtTheNamespace() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterSpec.builder().name("s")
        .component(PodSecurityNamespaces.builder().name("psa").namespace("Bad_NS", PodSecurityProfile.restricted())
            .tenantLabelKey("not a key!").tenant("team a", PodSecurityProfile.restricted(), "a-dev").build())
        .build().plan())
        .isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(e.problems())
            .extracting(Object::toString).containsExactly(
                "ERROR [psa] Namespace Bad_NS metadata.name: name 'Bad_NS' is not a DNS-1123 label (lower-case"
                    + " letters, digits and '-', starting and ending with a letter or digit) — use at most 63"
                    + " lower-case letters, digits and '-', such as 'shop-api'",
                "ERROR [psa] Namespace a-dev metadata.labels.not a key!: key name 'not a key!' must consist of"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric — use an optional"
                    + " DNS prefix and '/', then at most 63 alphanumerics, '-', '_' or '.'",
                "ERROR [psa] Namespace a-dev metadata.labels.not a key!: value 'team a' must consist of"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric — use at most 63"
                    + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"));
  }

  @Test
  void tenantLabelKeyIsConfigurableAndPlainNamespacesGetNoLabels() {
    Plan plan = ClusterSpec.builder().name("s").component(PodSecurityNamespaces.builder().name("psa")
        .tenantLabelKey("example.com/tenant").tenant("team-a", PodSecurityProfile.restricted(), "a-dev")
        .plainNamespace("tools").build()).build().plan();
    assertThat(plan.resources()).extracting(r -> r.object().getMetadata().getName()).containsExactly("a-dev", "tools");
    assertThat(plan.resources().get(0).object().getMetadata().getLabels())
        .containsEntry("example.com/tenant", "team-a").doesNotContainKey(PodSecurityNamespaces.TENANT_LABEL);
    assertThat(plan.resources().get(1).object().getMetadata().getLabels()).isNullOrEmpty();
  }

  @Test
  void hardenedWorkloadsPassRestricted() {
    String deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ns}\nspec:\n"
        + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n"
        + "    spec:\n      securityContext: {runAsUser: 0}\n      initContainers: [{name: i, image: 'i:1'}]\n"
        + "      containers: [{name: web, image: 'nginx:1.27', securityContext: {privileged: true,"
        + " capabilities: {add: [NET_BIND_SERVICE, SYS_ADMIN]}}}]\n";
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata o : Manifests.parse(deployment)) objects.add(Hardening.restricted(o));
    assertThat(PodSecurityCheck.forVersion(KubernetesVersion.of(1, 35)).defaultLevel(PodSecurityLevel.RESTRICTED)
        .check(objects)).isEmpty();
    assertThat(Manifests.toYaml(objects.get(0))).contains("readOnlyRootFilesystem: true")
        .contains("- NET_BIND_SERVICE").doesNotContain("SYS_ADMIN");
    assertThat(PodSecurityCheck.forVersion(KubernetesVersion.of(1, 35)).defaultLevel(PodSecurityLevel.BASELINE)
        .check(Manifests.parse(deployment))).isNotEmpty();
  }
}
