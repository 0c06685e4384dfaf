package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodBackupHooksTest {
  private static final Deployment DB = Fixtures.deployment("t1", "db", "db", "metrics");

  private static ClusterSpec with(PodBackupHooks hooks) {
    return ClusterSpec.builder().name("prod").resource(TestManifests.namespace("t1")).component(hooks).build();
  }

  @Test
  void annotatesThePodTemplateOfACopy() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("db-hooks").workload(DB)
        .pre(ExecHook.in("db", "/bin/sh", "-c", "psql -c 'CHECKPOINT'").onError(HookErrorMode.FAIL).timeout("2m")
            .build())
        .post(ExecHook.builder().addCommand("/bin/true").build())
        .build();
    Deployment compiled = (Deployment) with(hooks).plan().find(ResourceRef.of(DB)).orElseThrow().object();
    assertThat(compiled.getSpec().getTemplate().getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "pre.hook.backup.velero.io/container", "db",
        "pre.hook.backup.velero.io/command", "[\"/bin/sh\",\"-c\",\"psql -c 'CHECKPOINT'\"]",
        "pre.hook.backup.velero.io/on-error", "Fail",
        "pre.hook.backup.velero.io/timeout", "2m",
        "post.hook.backup.velero.io/command", "[\"/bin/true\"]"));
    assertThat(compiled.getSpec().getTemplate().getMetadata().getAnnotations().keySet()).containsExactly(
        "pre.hook.backup.velero.io/container", "pre.hook.backup.velero.io/command",
        "pre.hook.backup.velero.io/on-error", "pre.hook.backup.velero.io/timeout",
        "post.hook.backup.velero.io/command");
    assertThat(DB.getSpec().getTemplate().getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(compiled.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void containerMustExistInTheWorkload() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("h").workload(DB).pre(ExecHook.in("pg", "sync").build())
        .build();
    assertThat(problems(with(hooks))).containsExactly("ERROR [h] Deployment.apps t1/db spec.template.metadata"
        + ".annotations.pre.hook.backup.velero.io/container: container 'pg' is not in Deployment t1/db; its"
        + " containers are [db, metrics] — use one of [db, metrics]");
  }

  @Test
  void onlyWorkloadsCarryPodHooks() {
    PodBackupHooks hooks = PodBackupHooks.builder().name("h").workload(TestManifests.configMap("t1", "cfg"))
        .post(ExecHook.in("db", "sync").build()).build();
    assertThat(problems(with(hooks))).containsExactly("ERROR [h] ConfigMap t1/cfg kind: ConfigMap runs no pods, so"
        + " it cannot carry pod hooks — pass Deployments, StatefulSets, DaemonSets, Jobs, CronJobs or Pods");
  }

  @Test
  void needsAHookAndAValidTimeout() {
    assertThat(problems(with(PodBackupHooks.builder().name("h").workload(DB).build())))
        .containsExactly("ERROR [h]: has neither a pre nor a post hook — set pre(...) or post(...)");
    assertThat(problems(with(PodBackupHooks.builder().name("h").workload(DB)
        .post(ExecHook.in("db", "sync").timeout("soon").build()).build()))).containsExactly("ERROR [h] Deployment.apps"
        + " t1/db spec.template.metadata.annotations.post.hook.backup.velero.io/timeout: 'soon' is not a Go duration:"
        + " it has an invalid number at 'soon' — write a Go duration such as '30s' (units h, m, s, ms, us, ns)");
  }
}
