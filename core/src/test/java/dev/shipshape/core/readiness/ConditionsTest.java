package dev.shipshape.core.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static HasMetadata object(String yaml) {
    return Manifests.parse(yaml).get(0);
  }

  private static String evaluate(ReadinessCondition condition, String yaml) {
    return condition.evaluate(object(yaml)).toString();
  }

  /** A CRD whose NamesAccepted and Established conditions have these statuses. */
  private static String crd(String namesAccepted, String established) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        status:
          conditions:
          - type: NamesAccepted
            status: "%s"
            reason: SingularConflict
            message: '"knob" is already in use'
          - type: Established
            status: "%s"
        """.formatted(namesAccepted, established);
  }

  @Test
  void aCrdIsReadyWhenEstablished() {
    assertThat(evaluate(Conditions.crdEstablished(), crd("True", "True"))).isEqualTo("met: Established");
    assertThat(evaluate(Conditions.crdEstablished(), crd("True", "False")))
        .isEqualTo("not met: not Established yet");
    assertThat(Conditions.crdEstablished().description()).isEqualTo("CustomResourceDefinition Established");
  }

  @Test
  void aCrdWhoseNamesTheServerRefusedSaysWhy() {
    assertThat(evaluate(Conditions.crdEstablished(), crd("False", "False")))
        .isEqualTo("not met: the server refused its names (SingularConflict: \"knob\" is already in use)");
    // A CRD once Established keeps serving under its accepted names when a change of its names is refused.
    assertThat(evaluate(Conditions.crdEstablished(), crd("False", "True"))).isEqualTo("met: Established");
  }

  @Test
  void aNamespaceIsReadyWhenActive() {
    String namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n";

    assertThat(evaluate(Conditions.namespaceActive(), namespace + "status:\n  phase: Active\n"))
        .isEqualTo("met: Active");
    assertThat(evaluate(Conditions.namespaceActive(), namespace + "status:\n  phase: Terminating\n"))
        .isEqualTo("not met: phase Terminating");
    assertThat(evaluate(Conditions.namespaceActive(), namespace)).isEqualTo("not met: no phase yet");
  }

  private static String deployment(int generation, String status) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          generation: %d
        spec:
          replicas: 3
        status:
        %s
        """.formatted(generation, status.indent(2));
  }

  @Test
  void aDeploymentIsReadyWhenTheLatestGenerationIsAvailable() {
    ReadinessCondition ready = Conditions.replicasReady("Deployment");

    assertThat(evaluate(ready, deployment(2, "observedGeneration: 1\nupdatedReplicas: 3\navailableReplicas: 3")))
        .isEqualTo("not met: controller has not seen generation 2");
    assertThat(evaluate(ready, deployment(2, "observedGeneration: 2\nupdatedReplicas: 1\navailableReplicas: 3")))
        .isEqualTo("not met: 1/3 replicas updated");
    assertThat(evaluate(ready, deployment(2,
        "observedGeneration: 2\nreplicas: 4\nupdatedReplicas: 3\navailableReplicas: 3")))
        .isEqualTo("not met: 1 old replicas pending termination");
    assertThat(evaluate(ready, deployment(2, "observedGeneration: 2\nupdatedReplicas: 3\navailableReplicas: 2")))
        .isEqualTo("not met: 2/3 replicas ready");
    assertThat(evaluate(ready, deployment(2,
        "observedGeneration: 2\nreplicas: 3\nupdatedReplicas: 3\navailableReplicas: 3\nreadyReplicas: 3")))
        .isEqualTo("met: 3/3 replicas ready");
    assertThat(ready.description()).isEqualTo("Deployment ready");
  }

  @Test
  void aStatefulSetCountsReadyReplicasAndDefaultsToOneReplica() {
    String statefulSet = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec: {}
        status:
          updatedReplicas: 1
          readyReplicas: %d
        """;

    assertThat(evaluate(Conditions.replicasReady("StatefulSet"), statefulSet.formatted(0)))
        .isEqualTo("not met: 0/1 replicas ready");
    assertThat(evaluate(Conditions.replicasReady("StatefulSet"), statefulSet.formatted(1)))
        .isEqualTo("met: 1/1 replicas ready");
  }

  @Test
  void aDaemonSetIsReadyWhenEveryScheduledPodIs() {
    String daemonSet = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n";

    assertThat(evaluate(Conditions.daemonSetReady(), daemonSet)).isEqualTo("not met: not scheduled yet");
    assertThat(evaluate(Conditions.daemonSetReady(),
        daemonSet + "status:\n  desiredNumberScheduled: 3\n  numberReady: 2\n")).isEqualTo("not met: 2/3 pods ready");
    assertThat(evaluate(Conditions.daemonSetReady(),
        daemonSet + "status:\n  desiredNumberScheduled: 3\n  numberReady: 3\n")).isEqualTo("met: 3/3 pods ready");
  }

  @Test
  void aJobIsReadyWhenComplete() {
    String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n";

    assertThat(evaluate(Conditions.jobComplete(), job + "status:\n  succeeded: 0\n"))
        .isEqualTo("not met: 0 pods succeeded");
    assertThat(evaluate(Conditions.jobComplete(), job + """
        status:
          conditions:
          - type: Failed
            status: "True"
            message: Job has reached the specified backoff limit
        """)).isEqualTo("not met: failed: Job has reached the specified backoff limit");
    assertThat(evaluate(Conditions.jobComplete(), job + """
        status:
          succeeded: 1
          conditions:
          - type: Complete
            status: "True"
        """)).isEqualTo("met: complete");
  }

  @Test
  void aClaimIsReadyWhenBound() {
    String claim = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n";

    assertThat(evaluate(Conditions.pvcBound(), claim + "status:\n  phase: Pending\n")).isEqualTo("not met: phase Pending");
    assertThat(evaluate(Conditions.pvcBound(), claim)).isEqualTo("not met: no phase yet");
    assertThat(evaluate(Conditions.pvcBound(), claim + "status:\n  phase: Bound\n")).isEqualTo("met: Bound");
  }

  @Test
  void workloadKindsHaveABuiltInGateAndOthersNone() {
    for (String kind : new String[] {"Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job",
        "PersistentVolumeClaim"}) {
      assertThat(Conditions.workloadReadiness(kind)).as(kind).isPresent();
    }
    assertThat(Conditions.workloadReadiness("Job").orElseThrow().description()).isEqualTo("Job complete");
    assertThat(Conditions.workloadReadiness("ConfigMap")).isEmpty();
    assertThat(Conditions.workloadReadiness("CronJob")).isEmpty();
  }

  @Test
  void aUserPredicateExplainsWhatItWaitsFor() {
    ReadinessCondition labelled = ReadinessCondition.of("labelled ready", live -> live.getMetadata().getLabels() != null
        && "true".equals(live.getMetadata().getLabels().get("ready")));
    String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flag\n";

    assertThat(evaluate(labelled, configMap)).isEqualTo("not met: waiting for labelled ready");
    assertThat(evaluate(labelled, configMap + "  labels:\n    ready: \"true\"\n")).isEqualTo("met: labelled ready");
    assertThat(labelled).hasToString("labelled ready");
  }
}
