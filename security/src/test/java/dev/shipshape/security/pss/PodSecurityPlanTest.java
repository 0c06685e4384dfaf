package dev.shipshape.security.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Planning rejects every workload whose pods the enforce level of its namespace in the spec would reject. */
class PodSecurityPlanTest {
  private static final String POD_SPEC = "{containers: [{name: app, image: 'nginx:1.27'}]}";
  private static final String TEMPLATE = "{metadata: {labels: {app: x}}, spec: " + POD_SPEC + "}";

  private static String namespace(String name, String enforce) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n"
        + (enforce.isEmpty() ? "" : "  labels: {pod-security.kubernetes.io/enforce: " + enforce + "}\n");
  }

  /** One object of every kind that runs pods, in namespace {@code ns}. */
  private static List<String> workloads(String ns) {
    String meta = "metadata: {name: w, namespace: " + ns + "}\n";
    String selector = "selector: {matchLabels: {app: x}}, ";
    return List.of(
        "apiVersion: v1\nkind: Pod\n" + meta + "spec: " + POD_SPEC + "\n",
        "apiVersion: apps/v1\nkind: Deployment\n" + meta + "spec: {" + selector + "template: " + TEMPLATE + "}\n",
        "apiVersion: apps/v1\nkind: StatefulSet\n" + meta + "spec: {serviceName: w, " + selector + "template: "
            + TEMPLATE + "}\n",
        "apiVersion: apps/v1\nkind: DaemonSet\n" + meta + "spec: {" + selector + "template: " + TEMPLATE + "}\n",
        "apiVersion: apps/v1\nkind: ReplicaSet\n" + meta + "spec: {" + selector + "template: " + TEMPLATE + "}\n",
        "apiVersion: batch/v1\nkind: Job\n" + meta + "spec: {template: {spec: {restartPolicy: Never, containers:"
            + " [{name: app, image: 'busybox:1.36'}]}}}\n",
        "apiVersion: batch/v1\nkind: CronJob\n" + meta + "spec: {schedule: '0 * * * *', jobTemplate: {spec:"
            + " {template: {spec: {restartPolicy: Never, containers: [{name: app, image: 'busybox:1.36'}]}}}}}\n");
  }

  private static ClusterSpec spec(String namespaceYaml, String ns) {
    ClusterSpec.Builder b = ClusterSpec.builder().name("prod").yaml(namespaceYaml);
    workloads(ns).forEach(b::yaml);
    return b.build();
  }

  @Test
  void everyKindOfWorkloadInARestrictedNamespaceOfRawYamlIsAnError() {
    ClusterSpec spec = spec(namespace("locked", "restricted"), "locked");

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> {
      List<Problem> problems = e.problems();
      assertThat(problems).allSatisfy(p -> assertThat(p.isError()).isTrue());
      assertThat(problems).extracting(p -> p.resource().get().kind() + " " + p.field().get()).containsExactlyInAnyOrder(
          "Pod spec", "Deployment spec.template.spec", "StatefulSet spec.template.spec",
          "DaemonSet spec.template.spec", "ReplicaSet spec.template.spec", "Job spec.template.spec",
          "CronJob spec.jobTemplate.spec.template.spec");
      assertThat(problems).allSatisfy(p -> assertThat(p.message()).startsWith("its pods would be rejected by"
          + " namespace locked, which enforces PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"));
    });
  }

  @Test
  void theSameWorkloadsPlanInBaselineUnlabelledAndUnknownNamespaces() {
    assertThat(spec(namespace("open", "baseline"), "open").plan().resources()).hasSize(8);
    assertThat(spec(namespace("open", ""), "open").plan().resources()).hasSize(8);
    ClusterSpec preExisting = ClusterSpec.builder().name("prod").preExistingNamespace("elsewhere")
        .yaml(workloads("elsewhere").get(0)).build();
    assertThat(preExisting.plan().resources()).hasSize(1);
  }

  @Test
  void aRestrictedWorkloadPlansAndABaselineViolationIsNamed() {
    String hardened = "apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: locked}\nspec:\n"
        + "  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}\n"
        + "  containers: [{name: app, image: 'nginx:1.27', securityContext: {allowPrivilegeEscalation: false,"
        + " capabilities: {drop: [ALL]}}}]\n";
    assertThat(ClusterSpec.builder().name("prod").yaml(namespace("locked", "restricted")).yaml(hardened).build()
        .plan().resources()).hasSize(2);

    String hostNetwork = "apiVersion: v1\nkind: Pod\nmetadata: {name: net, namespace: base}\nspec:\n"
        + "  hostNetwork: true\n  containers: [{name: app, image: 'nginx:1.27'}]\n";
    ClusterSpec spec = ClusterSpec.builder().name("prod").yaml(namespace("base", "baseline")).yaml(hostNetwork)
        .build();
    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.problems().stream().map(Object::toString).collect(Collectors.toList())).containsExactly(
            "ERROR [pod-security] Pod base/net spec: its pods would be rejected by namespace base, which enforces"
                + " PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true) — remove what the baseline"
                + " level forbids (host namespaces, privileged containers, added capabilities, hostPath volumes,"
                + " host ports…), or lower the namespace's pod-security.kubernetes.io/enforce label"));
  }
}
