package dev.shipshape.backup.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import org.junit.jupiter.api.Test;

class RestoreDrillTest {
  private static final VeleroSchedule DAILY = VeleroSchedule.daily("t1-daily").namespaces("t1", "t1-db").build();

  @Test
  void restoresTheScheduleIntoScratchNamespaces() {
    RestoreDrill drill = RestoreDrill.forSchedule(DAILY).build();
    Plan plan = drill.spec("t1-drill").plan();
    assertThat(plan.warnings()).isEmpty();
    assertThat(Manifests.toYaml(plan.find(drill.restore().ref()).orElseThrow().object())).isEqualTo(String.join("\n",
        "apiVersion: velero.io/v1",
        "kind: Restore",
        "metadata:",
        "  name: t1-daily-drill",
        "  namespace: velero",
        "spec:",
        "  scheduleName: t1-daily",
        "  includedNamespaces:",
        "  - t1",
        "  - t1-db",
        "  namespaceMapping:",
        "    t1: t1-drill",
        "    t1-db: t1-db-drill",
        "  restorePVs: true",
        "  existingResourcePolicy: none",
        ""));
  }

  @Test
  void cleanupAndInstructions() {
    RestoreDrill drill = RestoreDrill.forSchedule(DAILY).namespaces("t1").suffix("-rehearsal").build();
    assertThat(drill.cleanup()).containsExactly(ResourceRef.core("Namespace", null, "t1-rehearsal"),
        ResourceRef.namespaced("velero.io", "Restore", "velero", "t1-daily-drill"));
    assertThat(drill.instructions()).isEqualTo(String.join("\n",
        "# Restore drill: newest backup of Schedule velero/t1-daily, namespaces t1 -> t1-rehearsal",
        "# 1. Apply the Restore (drill.spec(...)), then wait for it:",
        "kubectl -n velero wait restore/t1-daily-drill --for=jsonpath='{.status.phase}'=Completed --timeout=60m",
        "velero restore describe t1-daily-drill --details",
        "# 2. Check the restored workloads and data in: t1-rehearsal",
        "# 3. Clean up: scratch namespaces, cluster-scoped objects the restore created, the Restore itself",
        "kubectl delete namespace t1-rehearsal",
        "kubectl delete persistentvolumes -l velero.io/restore-name=t1-daily-drill",
        "kubectl -n velero delete restore t1-daily-drill",
        ""));
  }

  @Test
  void jsonHoldsTheSameStepsAsTheInstructions() throws Exception {
    RestoreDrill drill = RestoreDrill.forSchedule(DAILY).namespaces("t1").suffix("-rehearsal").build();

    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(drill.toJson());

    assertThat(json.get("schedule").asText()).isEqualTo("velero/t1-daily");
    assertThat(json.get("restore").asText()).isEqualTo("velero/t1-daily-drill");
    assertThat(json.get("namespaceMapping").get("t1").asText()).isEqualTo("t1-rehearsal");
    assertThat(json.get("steps")).hasSize(3);
    assertThat(json.get("steps").get(0).get("description").asText())
        .isEqualTo("Apply the Restore (drill.spec(...)), then wait for it");
    assertThat(json.get("steps").get(1).get("commands")).isEmpty();
    StringBuilder commands = new StringBuilder();
    json.get("steps").forEach(s -> s.path("commands").forEach(c -> commands.append(c.asText()).append('\n')));
    assertThat(drill.instructions().lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n")
        .reduce("", String::concat)).isEqualTo(commands.toString());
    assertThat(json.get("cleanup").toString())
        .isEqualTo("[\"Namespace t1-rehearsal\",\"Restore.velero.io velero/t1-daily-drill\"]");
  }

  @Test
  void allNamespacesScheduleNeedsExplicitNamespaces() {
    VeleroSchedule all = VeleroSchedule.daily("all").build();
    assertThatThrownBy(() -> RestoreDrill.forSchedule(all).build()).isInstanceOf(SpecValidationException.class)
        .hasMessage("RestoreDrill all-drill is invalid: 1 error\n  ERROR Restore.velero.io velero/all-drill"
            + " spec.includedNamespaces: schedule 'all' covers every namespace, so the drill does not know which"
            + " namespaces to restore — name them with namespaces(...)".replace("\n", System.lineSeparator()));
    assertThat(RestoreDrill.forSchedule(all).namespaces("shop").build().namespaceMapping())
        .containsEntry("shop", "shop-drill");
  }

  @Test
  void drilledNamespacesMustBeBackedUpAndScratchNamesValid() {
    assertThatThrownBy(() -> RestoreDrill.forSchedule(DAILY).namespaces("t2").suffix("-" + "x".repeat(62)).build())
        .isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).problems()).extracting(Object::toString)
            .containsExactly(
                "ERROR Restore.velero.io velero/t1-daily-drill spec.includedNamespaces: namespace 't2' is not backed"
                    + " up by schedule 't1-daily' — drill only namespaces the schedule covers",
                "ERROR Restore.velero.io velero/t1-daily-drill spec.namespaceMapping.t2: scratch namespace 't2-"
                    + "x".repeat(62) + "' is 65 characters long, more than 63 — use a shorter suffix(...)"));
  }
}
