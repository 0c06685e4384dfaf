package dev.shipshape.security.audit;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.FindingsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule with a manifest it passes and one it fails, and the report around them. */
@EnableKubernetesMockClient(crud = true)
class AuditRulesTest {
  KubernetesClient client;

  static final String GOOD = String.join("\n",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: web, namespace: shop}",
      "spec:",
      "  replicas: 2",
      "  selector: {matchLabels: {app: web}}",
      "  template:",
      "    metadata: {labels: {app: web}}",
      "    spec:",
      "      automountServiceAccountToken: false",
      "      securityContext: {runAsNonRoot: true}",
      "      containers:",
      "      - name: web",
      "        image: nginx:1.27",
      "        securityContext: {allowPrivilegeEscalation: false, privileged: false, capabilities: {drop: [ALL]}}",
      "        resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 200m, memory: 128Mi}}",
      "        readinessProbe: {httpGet: {path: /, port: 80}}",
      "        livenessProbe: {httpGet: {path: /, port: 80}}",
      "        env: [{name: MODE, value: prod}]",
      "        ports: [{containerPort: 80}]",
      "");

  private static final String SPEC_LINE = "      automountServiceAccountToken: false";

  static String rbac(String roleKind, String ns, String rules, String bindingKind, String roleRefKind,
      String roleName) {
    String nsLine = ns.isEmpty() ? "" : ", namespace: " + ns;
    return String.join("\n",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: " + roleKind,
        "metadata: {name: r" + (roleKind.equals("Role") ? nsLine : "") + "}",
        "rules: [" + rules + "]",
        "---",
        "apiVersion: rbac.authorization.k8s.io/v1",
        "kind: " + bindingKind,
        "metadata: {name: b" + (bindingKind.equals("RoleBinding") ? nsLine : "") + "}",
        "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: " + roleRefKind + ", name: " + roleName + "}",
        "subjects: [{kind: User, name: alice}]", "");
  }

  private static final String PODS = "{apiGroups: [''], resources: [pods], verbs: [get]}";
  private static final String EXEC = "{apiGroups: [''], resources: [pods/exec], verbs: [create]}";

  static String service(String spec) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec: " + spec + "\n";
  }

  /** The plan of a spec that assigns {@code persona} in namespace shop to {@code subject}. */
  private static dev.shipshape.core.plan.Plan personaPlan(dev.shipshape.security.rbac.Persona persona,
      dev.shipshape.security.rbac.RbacSubject subject) {
    return ClusterSpec.builder().name("s").preExistingNamespace("shop")
        .component(dev.shipshape.security.rbac.RbacProfile.builder().name("access").assign(persona, "shop", subject)
            .build())
        .build().plan();
  }

  @Test
  void risksThatPersonasCarryByDesignAreInformationOnly() {
    dev.shipshape.core.plan.Plan plan = personaPlan(dev.shipshape.security.rbac.Persona.DEVELOPER,
        dev.shipshape.security.rbac.RbacSubject.group("devs"));
    SecurityAudit audit = SecurityAudit.builder().only("rbac-risky-permission").build();
    List<Finding> chosen = audit.run(plan).findings();
    assertThat(chosen).isNotEmpty().allSatisfy(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.message()).endsWith("(acknowledged on the role, so reported as INFO)");
    });
    List<HasMetadata> unannotated = plan.resources().stream().map(r -> {
      HasMetadata copy = Manifests.copy(r.object());
      copy.getMetadata().setAnnotations(null);
      return copy;
    }).collect(Collectors.toList());
    assertThat(audit.run(unannotated).findings()).extracting(Finding::severity)
        .contains(Severity.MEDIUM);
  }

  @Test
  void aCiDeployerReadsSecretsThroughPatchOrDeleteByDesign() {
    dev.shipshape.core.plan.Plan plan = personaPlan(dev.shipshape.security.rbac.Persona.CI_DEPLOYER,
        dev.shipshape.security.rbac.RbacSubject.user("ci"));
    SecurityAudit audit = SecurityAudit.builder().only("rbac-risky-permission").build();
    String message = "[User ci] may read Secrets through patch or delete (the response carries the stored Secret)"
        + " through Role.rbac.authorization.k8s.io shop/ci-deployer: verbs [create, update, patch, delete] on secrets"
        + " (group \"\") in namespace shop";
    assertThat(audit.run(plan).findings()).filteredOn(f -> f.message().startsWith(message)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO))
        .satisfies(f -> assertThat(f.message()).isEqualTo(message + " (acknowledged on the role, so reported as"
            + " INFO)"));
    List<HasMetadata> unannotated = plan.resources().stream().map(r -> {
      HasMetadata copy = Manifests.copy(r.object());
      copy.getMetadata().setAnnotations(null);
      return copy;
    }).collect(Collectors.toList());
    assertThat(audit.run(unannotated).findings()).filteredOn(f -> f.message().equals(message)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH))
        .satisfies(f -> assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r).contains("patch or"
            + " delete, whose answers carry the Secret: drop them or limit them with resourceNames to the Secrets"
            + " that must change")));
  }

  @Test
  void isolatedWorkloadsKeepTheNamespaceDefaultDeny() {
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n";
    String deny = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\n"
        + "spec:\n  podSelector: {matchExpressions: [{key: app, operator: NotIn, values: [db]}]}\n"
        + "  policyTypes: [Ingress, Egress]\n---\n";
    String isolate = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: isolate-db, namespace: "
        + "shop}\nspec:\n  podSelector: {matchLabels: {app: db}}\n  policyTypes: [Ingress, Egress]\n"
        + "  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]\n";
    SecurityAudit audit = SecurityAudit.builder().only("namespace-without-default-deny").build();
    assertThat(audit.runYaml(ns + deny + isolate).findings()).isEmpty();
    assertThat(audit.runYaml(ns + deny).findings()).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("has no default-deny ingress NetworkPolicy"));
    assertThat(audit.runYaml(ns + deny + isolate.replace("[{from: [{podSelector: {matchLabels: {app: api}}}]}]",
        "[{}]")).findings()).hasSize(1);
  }

  static String namespace(boolean denyPolicy) {
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    return denyPolicy ? ns + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny,"
        + " namespace: shop}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n" : ns;
  }

  /** rule id, passing manifest, failing manifest, a fragment of the failing message. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("privileged-container", GOOD, GOOD.replace("privileged: false", "privileged: true"),
            "container 'web' is privileged"),
        Arguments.of("host-network", GOOD, GOOD.replace(SPEC_LINE, SPEC_LINE + "\n      hostNetwork: true"),
            "hostNetwork is true"),
        Arguments.of("host-pid", GOOD, GOOD.replace(SPEC_LINE, SPEC_LINE + "\n      hostPID: true"),
            "hostPID is true"),
        Arguments.of("host-ipc", GOOD, GOOD.replace(SPEC_LINE, SPEC_LINE + "\n      hostIPC: true"),
            "hostIPC is true"),
        Arguments.of("host-path", GOOD, GOOD.replace(SPEC_LINE, SPEC_LINE
            + "\n      volumes: [{name: sock, hostPath: {path: /var/run/docker.sock}}]"),
            "volume 'sock' mounts /var/run/docker.sock of the node"),
        Arguments.of("host-port", GOOD, GOOD.replace("{containerPort: 80}", "{containerPort: 80, hostPort: 8080}"),
            "container 'web' binds host port 8080"),
        Arguments.of("run-as-root", GOOD, GOOD.replace("{runAsNonRoot: true}", "{runAsNonRoot: false}"),
            "container 'web' does not set runAsNonRoot, nor does its pod"),
        Arguments.of("privilege-escalation", GOOD, GOOD.replace("allowPrivilegeEscalation: false",
            "allowPrivilegeEscalation: true"), "container 'web' sets it to true"),
        Arguments.of("dangerous-capabilities", GOOD, GOOD.replace("drop: [ALL]", "drop: [ALL], add: [sys_admin]"),
            "container 'web' adds capability SYS_ADMIN"),
        Arguments.of("cpu-requests-missing", GOOD, GOOD.replace("requests: {cpu: 100m, memory: 64Mi}",
            "requests: {memory: 64Mi}"), "container 'web' has no cpu request"),
        Arguments.of("cpu-limits-missing", GOOD, GOOD.replace("limits: {cpu: 200m, memory: 128Mi}",
            "limits: {memory: 128Mi}"), "container 'web' has no cpu limit"),
        Arguments.of("memory-requests-missing", GOOD, GOOD.replace("requests: {cpu: 100m, memory: 64Mi}",
            "requests: {cpu: 100m}"), "container 'web' has no memory request"),
        Arguments.of("memory-limits-missing", GOOD, GOOD.replace("limits: {cpu: 200m, memory: 128Mi}",
            "limits: {cpu: 200m}"), "container 'web' has no memory limit"),
        Arguments.of("readiness-probe-missing", GOOD, GOOD.replace("        readinessProbe: {httpGet: {path: /,"
            + " port: 80}}\n", ""), "container 'web' has no readinessProbe"),
        Arguments.of("liveness-probe-missing", GOOD, GOOD.replace("        livenessProbe: {httpGet: {path: /,"
            + " port: 80}}\n", ""), "container 'web' has no livenessProbe"),
        Arguments.of("image-tag-missing", GOOD, GOOD.replace("nginx:1.27", "registry:5000/nginx"),
            "image 'registry:5000/nginx' has no tag"),
        Arguments.of("service-account-token-automount", GOOD, GOOD.replace(SPEC_LINE,
            "      serviceAccountName: web"), "is not set to false, nor on ServiceAccount web"),
        Arguments.of("secret-env-literal", GOOD, GOOD.replace("{name: MODE, value: prod}",
            "{name: DB_PASSWORD, value: hunter2}"), "container 'web' sets DB_PASSWORD from a literal value"),
        Arguments.of("default-namespace", GOOD, GOOD.replace("namespace: shop", "namespace: default"),
            "is in namespace default"),
        Arguments.of("namespace-without-default-deny", namespace(true), namespace(false),
            "has no default-deny ingress NetworkPolicy"),
        Arguments.of("nodeport-service", service("{type: ClusterIP, ports: [{port: 80}]}"),
            service("{type: NodePort, ports: [{port: 80}]}"), "is NodePort"),
        Arguments.of("loadbalancer-without-source-ranges",
            service("{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8], ports: [{port: 80}]}"),
            service("{type: LoadBalancer, ports: [{port: 80}]}"), "open to all"),
        Arguments.of("rbac-risky-permission", rbac("Role", "shop", PODS, "RoleBinding", "Role", "r"),
            rbac("Role", "shop", "{apiGroups: [''], resources: [secrets], verbs: [list]}", "RoleBinding", "Role",
                "r"), "[User alice] may read Secrets (get/list/watch) through Role.rbac.authorization.k8s.io"
                + " shop/r"),
        Arguments.of("cluster-admin-binding", rbac("ClusterRole", "", PODS, "ClusterRoleBinding", "ClusterRole",
            "r"), rbac("ClusterRole", "", PODS, "ClusterRoleBinding", "ClusterRole", "cluster-admin"),
            "grants ClusterRole cluster-admin, which may do anything"),
        Arguments.of("rolebinding-cluster-admin", rbac("ClusterRole", "shop", PODS, "RoleBinding", "ClusterRole",
            "r"), rbac("ClusterRole", "shop", "{apiGroups: ['*'], resources: ['*'], verbs: ['*']}", "RoleBinding",
            "ClusterRole", "r"), "grants ClusterRole r, which may do anything"),
        Arguments.of("rbac-role-pod-exec", rbac("Role", "shop", PODS, "RoleBinding", "Role", "r"),
            rbac("Role", "shop", EXEC, "RoleBinding", "Role", "r"), "allows exec or attach into the pods"),
        Arguments.of("rbac-rolebinding-role-pod-exec", rbac("Role", "shop", PODS, "RoleBinding", "Role", "r"),
            rbac("Role", "shop", EXEC, "RoleBinding", "Role", "r"),
            "grants Role.rbac.authorization.k8s.io shop/r, which allows exec or attach into pods"),
        Arguments.of("rbac-rolebinding-clusterrole-pod-exec", rbac("ClusterRole", "shop", PODS, "RoleBinding",
            "ClusterRole", "r"), rbac("ClusterRole", "shop", PODS, "RoleBinding", "ClusterRole", "missing"),
            "grants ClusterRole.rbac.authorization.k8s.io missing, which is not among the objects audited"),
        Arguments.of("rbac-clusterrolebinding-pod-exec", rbac("ClusterRole", "", PODS, "ClusterRoleBinding",
            "ClusterRole", "r"), rbac("ClusterRole", "", EXEC, "ClusterRoleBinding", "ClusterRole", "r"),
            "which allows exec or attach into pods"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFailsItsFailingManifestAndPassesItsPassingOne(String rule, String pass, String fail, String message) {
    SecurityAudit audit = SecurityAudit.builder().only(rule).build();
    FindingReport passed = audit.runYaml(pass);
    assertThat(passed.findings()).as(passed.toText()).isEmpty();
    assertThat(passed.checked().get(rule)).isPositive();
    FindingReport failed = audit.runYaml(fail);
    assertThat(failed.findings()).as(rule).isNotEmpty();
    Finding f = failed.findings().get(0);
    assertThat(f.message()).contains(message);
    assertThat(f.resource()).isPresent();
    FindingRule info = audit.rules().stream().filter(r -> r.id().equals(rule)).findFirst().orElseThrow();
    assertThat(f.toString()).contains(f.resource().get().toString()).contains(info.remediation());
    assertThat(f.equivalents()).isEqualTo(info.equivalents());
    assertThat(failed.toJson()).doesNotContain("hunter2");
  }

  @Test
  void everyRuleHasACase() {
    Set<String> tested = cases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    tested.addAll(Set.of("deprecated-api-version", "unsupported-kubernetes-version"));
    assertThat(SecurityAudit.builder().build().rules()).extracting(FindingRule::id)
        .containsExactlyInAnyOrderElementsOf(tested).doesNotHaveDuplicates();
  }

  @Test
  void removedAndDeprecatedApiVersionsComeFromTheDataFileAtRunTime() {
    Path versions = SharedData.require("k8s-reference/deprecations/versions.yaml");
    SecurityAudit audit = SecurityAudit.builder().deprecationsFile(versions).targetVersion("1.35")
        .only("deprecated-api-version").build();
    assertThat(audit.runYaml(GOOD).findings()).isEmpty();
    FindingReport removed = audit.runYaml(GOOD.replace("apps/v1", "extensions/v1beta1"));
    assertThat(removed.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).isEqualTo("extensions/v1beta1 Deployment was removed in Kubernetes 1.16 (target"
          + " 1.35); use apps/v1");
    });
    FindingReport deprecatedOnly = SecurityAudit.builder().deprecationsFile(versions).targetVersion("1.34")
        .only("deprecated-api-version").build().runYaml("apiVersion: storage.k8s.io/v1beta1\n"
            + "kind: VolumeAttributesClass\nmetadata: {name: fast}\ndriverName: x\n");
    assertThat(deprecatedOnly.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.message()).contains("is deprecated since Kubernetes 1.34");
    });
  }

  @Test
  void withoutADataFileTheBundledDeprecationsAreUsed() {
    FindingReport report = SecurityAudit.builder().targetVersion("1.34").only("deprecated-api-version").build()
        .runYaml("apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: shop}\n"
            + "spec: {minAvailable: 1}\n");
    assertThat(report.findings()).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).isEqualTo("policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25"
          + " (target 1.34); use policy/v1");
    });
  }

  @Test
  void rulesThatLackConfigurationAreSkippedWithANote() {
    FindingReport report = SecurityAudit.builder().build().runYaml(GOOD);
    assertThat(report.notes()).containsExactly(
        "deprecated-api-version skipped: the target Kubernetes version is unknown"
            + " (--kubernetes-version V on the command line, targetVersion(...) in the SDK)",
        "unsupported-kubernetes-version skipped: the newest Kubernetes version is not configured"
            + " (--newest-version V on the command line, newestVersion(...) in the SDK)");
    assertThat(report.toText()).contains("note: deprecated-api-version skipped");
  }

  @Test
  void supportedWindowIsTheThreeNewestMinors() {
    SecurityAudit audit = SecurityAudit.builder().newestVersion("1.36").only("unsupported-kubernetes-version")
        .build();
    Map<String, Integer> counts = Map.of("1.34", 0, "1.33", 1, "1.36", 0);
    counts.forEach((target, expected) -> assertThat(SecurityAudit.builder().from(audit).targetVersion(target)
        .build().runYaml(GOOD).findings()).as(target).hasSize(expected));
    assertThat(SecurityAudit.builder().from(audit).targetVersion("1.30").build().runYaml(GOOD).findings().get(0)
        .message()).isEqualTo("target Kubernetes 1.30 is outside the supported window 1.34–1.36");
  }

  @Test
  void reportRendersAndFailsAboveTheChosenSeverity() {
    String bad = GOOD.replace("privileged: false", "privileged: true").replace("nginx:1.27", "nginx");
    SecurityAudit audit = SecurityAudit.builder().build();
    assertThat(audit.failOn()).as("the SDK's audit fails at HIGH unless told otherwise").isEqualTo(Severity.HIGH);
    FindingReport report = audit.runYaml(bad);
    assertThat(report.failed()).isTrue();
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("privileged-container",
        "image-tag-missing");
    assertThat(report.toText()).startsWith("HIGH privileged-container Deployment.apps shop/web"
        + " spec.template.spec.containers[0].securityContext.privileged: container 'web' is privileged — remove"
        + " securityContext.privileged, or set it to false\n").contains("2 findings, 1 high, 1 medium")
        .contains("FAILED at --fail-on high");
    assertThat(report.toSarif()).contains("\"shortDescription\"").contains("\"cis:5.2.2\"");
    assertThat(report.checked()).containsKey("privileged-container");
    assertThat(report.toJson()).contains("\"ruleId\" : \"privileged-container\"")
        .contains("\"polaris:runAsPrivileged\"").contains("\"cis:5.2.2\"").contains("\"failed\" : true");
    assertThatThrownBy(report::throwIfFailed).isInstanceOf(FindingsException.class)
        .hasMessageContaining("privileged-container");
    FindingReport lenient = SecurityAudit.builder().failOn(Severity.CRITICAL).build().runYaml(bad);
    assertThat(lenient.failed()).isFalse();
    assertThat(lenient.throwIfFailed()).isSameAs(lenient);
  }

  @Test
  void unknownRuleIdsAreRejected() {
    assertThatThrownBy(() -> SecurityAudit.builder().only("privileged").build())
        .hasMessageStartingWith("SecurityAudit: unknown rule ids [privileged] — use ids of SecurityAudit.rules():");
  }

  @Test
  void auditsAPlanForItsVersion() {
    ClusterSpec spec = ClusterSpec.builder().name("prod").kubernetesVersion("1.31").yaml(namespace(true))
        .yaml(GOOD).build();
    FindingReport report = SecurityAudit.builder().newestVersion("1.35").build().run(spec.plan());
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("unsupported-kubernetes-version");
  }

  @Test
  void auditsALiveClusterReadOnly() {
    List<HasMetadata> objects = Manifests.parse(namespace(false) + "---\n"
        + GOOD.replace("privileged: false", "privileged: true"));
    for (HasMetadata o : objects) client.resource(o).create();
    FindingReport report = SecurityAudit.builder().build().runLive(client);
    assertThat(report.findings()).extracting(Finding::ruleId)
        .containsExactlyInAnyOrder("privileged-container", "namespace-without-default-deny");
  }
}
