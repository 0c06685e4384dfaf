package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pod hooks added to the pod templates of workloads the spec already has. */
class PodBackupHooksSelectingTest {
  private static final String WORKLOADS = String.join("\n",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: t1}",
      "---",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: db, namespace: t1, annotations: {owner: team-a}}",
      "spec:",
      "  selector: {matchLabels: {app: db}}",
      "  template:",
      "    metadata: {labels: {app: db}, annotations: {'pre.hook.backup.velero.io/timeout': 2m}}",
      "    spec: {containers: [{name: db, image: 'example/db:1'}, {name: metrics, image: 'example/metrics:1'}]}",
      "---",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: web, namespace: t1}",
      "spec:",
      "  selector: {matchLabels: {app: web}}",
      "  template:",
      "    metadata: {labels: {app: web}}",
      "    spec: {containers: [{name: web, image: 'example/web:1'}]}",
      "");

  private static final ResourceRef DB = ResourceRef.namespaced("apps", "Deployment", "t1", "db");
  private static final ResourceRef WEB = ResourceRef.namespaced("apps", "Deployment", "t1", "web");

  private static ClusterSpec with(PodBackupHooks hooks) {
    return ClusterSpec.builder().name("prod").yaml(WORKLOADS).component(hooks).build();
  }

  private static Map<String, String> podAnnotations(Plan plan, ResourceRef ref) {
    HasMetadata workload = plan.find(ref).orElseThrow().object();
    Map<String, String> annotations = Workloads.podTemplate(workload).orElseThrow().getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  @Test
  void annotatesThePodTemplatesOfTheSelectedWorkloadsOfTheSpec() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("db-hooks").selecting("t1", Map.of("app", "db"))
        .pre(ExecHook.in("db", "/bin/sh", "-c", "sync").timeout("2m").build())
        .post(ExecHook.builder().addCommand("/bin/true").build())
        .build();

    Plan plan = with(hooks).plan();

    assertThat(podAnnotations(plan, DB)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "pre.hook.backup.velero.io/container", "db",
        "pre.hook.backup.velero.io/command", "[\"/bin/sh\",\"-c\",\"sync\"]",
        "pre.hook.backup.velero.io/timeout", "2m",
        "post.hook.backup.velero.io/command", "[\"/bin/true\"]"));
    assertThat(plan.find(DB).orElseThrow().object().getMetadata().getAnnotations())
        .doesNotContainKey("pre.hook.backup.velero.io/container");
    assertThat(podAnnotations(plan, WEB)).isEmpty();
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void noPodLabelsSelectsEveryWorkloadOfTheNamespace() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("sync").selecting("t1", Map.of())
        .pre(ExecHook.builder().addCommand("/bin/sync").build()).build();

    Plan plan = with(hooks).plan();

    assertThat(podAnnotations(plan, DB)).containsEntry("pre.hook.backup.velero.io/command", "[\"/bin/sync\"]");
    assertThat(podAnnotations(plan, WEB)).containsEntry("pre.hook.backup.velero.io/command", "[\"/bin/sync\"]");
  }

  @Test
  void theContainerMustExistInEachSelectedWorkload() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("h").selecting("t1", Map.of())
        .pre(ExecHook.in("db", "sync").build()).build();

    assertThat(problems(with(hooks))).containsExactly("ERROR [h] Deployment.apps t1/web spec.template.metadata"
        + ".annotations.pre.hook.backup.velero.io/container: container 'db' is not in Deployment t1/web; its"
        + " containers are [web] — use one of [web]");
  }

  @Test
  void aSelectorThatTakesNoWorkloadIsAnError() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("h").selecting("t1", Map.of("app", "postgres"))
        .pre(ExecHook.in("postgres", "sync").build()).build();

    assertThat(problems(with(hooks))).containsExactly(
        "ERROR [h] selectors[0]: selects no workload of the spec: no workload in t1 has pod labels {app=postgres};"
            + " workloads there: Deployment t1/db with pod labels {app=db}, Deployment t1/web with pod labels"
            + " {app=web} — fix the namespace or pod labels of selecting(...), or add the workload to the spec",
        "WARNING [h]: amendment 'backup hooks 'h' on workloads in t1 with pod labels {app=postgres}' matches no"
            + " object of the spec — check the amendment's target, or add the objects it is meant for");
  }

  @Test
  void aSelectorInANamespaceWithoutWorkloadsSaysSo() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("h").selecting("t2", Map.of())
        .pre(ExecHook.in("db", "sync").build()).build();

    assertThat(problems(with(hooks))).first().isEqualTo("ERROR [h] selectors[0]: selects no workload of the spec:"
        + " no workload in t2 has pod labels {}; the spec has no workloads in t2 — fix the namespace or pod labels"
        + " of selecting(...), or add the workload to the spec");
  }

  @Test
  void aHookAnnotationTheWorkloadSetsDifferentlyIsAnError() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("h").selecting("t1", Map.of("app", "db"))
        .pre(ExecHook.in("db", "sync").timeout("30s").build()).build();

    assertThat(problems(with(hooks))).containsExactly("ERROR [h] Deployment.apps t1/db spec.template.metadata"
        + ".annotations.pre.hook.backup.velero.io/timeout: amendment 'backup hooks 'h' on workloads in t1 with pod"
        + " labels {app=db}' would change '2m' to '30s', set by component 'resources' — set the same value in both"
        + " places, or leave the key to one of them");
  }

  @Test
  void needsWorkloadsOrSelectors() {
    assertThat(problems(with(PodBackupHooks.builder().name("h").pre(ExecHook.in("db", "sync").build()).build())))
        .containsExactly("ERROR [h]: has no workloads to annotate — select the spec's workloads with"
            + " selecting(namespace, podLabels), or pass workloads");
  }

  @Test
  void selectorsAreCheckedWhenBuilt() {
    assertThatThrownBy(() -> WorkloadSelector.of("T1", Map.of("app/", "d b")))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("Namespace T1 metadata.name: namespace 'T1' is not a DNS-1123 label")
        .hasMessageContaining("Namespace T1 podLabels: pod label 'app/': key name is empty — use a label key such"
            + " as 'app' or 'example.com/app'")
        .hasMessageContaining("Namespace T1 podLabels.app/: pod label 'app/': value 'd b' must consist of"
            + " alphanumerics");
  }
}
