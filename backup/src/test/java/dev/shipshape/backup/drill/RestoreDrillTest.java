package dev.shipshape.backup.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import java.util.List;
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
    assertThat(drill.cleanup()).containsExactly(CleanupTarget.object("v1", "Namespace", null, "t1-rehearsal"),
        CleanupTarget.volumesClaimedIn("velero.io/restore-name", "t1-daily-drill", List.of("t1-rehearsal")),
        CleanupTarget.object("velero.io/v1", "Restore", "velero", "t1-daily-drill"));
    assertThat(drill.instructions()).isEqualTo(String.join("\n",
        "# Restore drill: newest backup of Schedule velero/t1-daily, namespaces t1 -> t1-rehearsal",
        "# 1. Apply the Restore (drill.spec(...)), then wait for it:",
        "kubectl -n velero wait restore/t1-daily-drill --for=jsonpath='{.status.phase}'=Completed --timeout=60m",
        "velero restore describe t1-daily-drill --details",
        "# 2. Check the restored workloads and data in: t1-rehearsal",
        "# 3. Clean up, in this order: the scratch namespaces with their claims (kubectl waits until they are gone);"
            + " then the persistent volumes the restore created that are Released, their claim in a scratch"
            + " namespace gone (a volume claimed elsewhere is another restore's of the same name, such as another"
            + " Velero install's; volumes of reclaim policy Delete are left to the PersistentVolume controller, which"
            + " deletes them with their storage; the controller marks a volume Released a moment after its claim is"
            + " gone, so re-run the volume command until it lists nothing); the Restore itself",
        "kubectl delete namespace t1-rehearsal",
        "kubectl get persistentvolume -l velero.io/restore-name=t1-daily-drill --no-headers -o custom-columns="
            + "NAME:.metadata.name,PHASE:.status.phase,CLAIM:.spec.claimRef.namespace,POLICY:.spec"
            + ".persistentVolumeReclaimPolicy | awk '($3 == \"t1-rehearsal\") {if ($2 == \"Released\") {if ($4 !="
            + " \"Delete\") print $1} else print \"PersistentVolume \" $1 \" is \" $2 \", not Released yet: re-run"
            + " this command until it lists nothing\" > \"/dev/stderr\"}' | xargs -r kubectl delete persistentvolume",
        "kubectl -n velero delete restore.velero.io t1-daily-drill",
        ""));
  }

  @Test
  void jsonHoldsTheSameStepsAsTheInstructions() throws Exception {
    RestoreDrill drill = RestoreDrill.forSchedule(DAILY).namespaces("t1").suffix("-rehearsal").build();

    JsonNode json = new ObjectMapper().readTree(drill.toJson());

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
    assertThat(json.get("cleanup")).extracting(JsonNode::asText).containsExactly(
        "Namespace t1-rehearsal", "PersistentVolume labelled velero.io/restore-name=t1-daily-drill claimed in"
            + " t1-rehearsal",
        "Restore.velero.io velero/t1-daily-drill");
  }

  @Test
  void jsonCleanupListsEverythingTheCleanupStepDeletesVolumesToo() throws Exception {
    RestoreDrill drill = RestoreDrill.forSchedule(DAILY).build();

    JsonNode json = new ObjectMapper().readTree(drill.toJson());

    assertThat(json.get("cleanup")).extracting(JsonNode::asText).containsExactly("Namespace t1-drill",
        "Namespace t1-db-drill", "PersistentVolume labelled velero.io/restore-name=t1-daily-drill claimed in"
            + " t1-drill, t1-db-drill", "Restore.velero.io velero/t1-daily-drill");
    assertThat(json.get("steps").get(2).get("commands")).extracting(JsonNode::asText).containsExactly(
        "kubectl delete namespace t1-drill",
        "kubectl delete namespace t1-db-drill",
        "kubectl get persistentvolume -l velero.io/restore-name=t1-daily-drill --no-headers -o custom-columns="
            + "NAME:.metadata.name,PHASE:.status.phase,CLAIM:.spec.claimRef.namespace,POLICY:.spec"
            + ".persistentVolumeReclaimPolicy | awk '($3 == \"t1-drill\" || $3 == \"t1-db-drill\") {if ($2 =="
            + " \"Released\") {if ($4 != \"Delete\") print $1} else print \"PersistentVolume \" $1 \" is \" $2"
            + " \", not Released yet: re-run this command until it lists nothing\" > \"/dev/stderr\"}' | xargs -r"
            + " kubectl delete persistentvolume",
        "kubectl -n velero delete restore.velero.io t1-daily-drill");
  }

  @Test
  void volumesOfARestoreWithALongNameAreSelectedByTheLabelValueVeleroWrites() throws Exception {
    // Velero shortens label values over 63 characters: the first 57, then 6 hexadecimal digits of the SHA-256.
    String schedule = "t1-" + "x".repeat(57);
    RestoreDrill drill = RestoreDrill.forSchedule(VeleroSchedule.daily(schedule).namespaces("t1").build()).build();
    String label = "velero.io/restore-name=t1-" + "x".repeat(54) + "ac3482";

    JsonNode json = new ObjectMapper().readTree(drill.toJson());

    assertThat(json.get("cleanup").get(1).asText()).isEqualTo("PersistentVolume labelled " + label
        + " claimed in t1-drill");
    assertThat(json.get("steps").get(2).get("commands").get(1).asText())
        .startsWith("kubectl get persistentvolume -l " + label + " --no-headers");
  }

  @Test
  void restoreNameSourceNamespacesAndSuffixMustMakeValidNames() {
    VeleroSchedule invalid = VeleroSchedule.daily("T1_Daily").namespaces("T1", "t1").build();
    assertThatThrownBy(() -> RestoreDrill.forSchedule(invalid).suffix("_copy").build())
        .isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).problems()).extracting(Object::toString)
            .containsExactly(
                "ERROR Restore.velero.io velero/T1_Daily-drill metadata.name: restore name 'T1_Daily-drill' is not a"
                    + " DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a"
                    + " letter or digit) — name the Restore with restoreName(...); by default it is the schedule's"
                    + " name and '-drill' (command line: the schedule's name as the cluster has it)",
                "ERROR Restore.velero.io velero/T1_Daily-drill spec.includedNamespaces: namespace 'T1' is not a"
                    + " DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or"
                    + " digit) — name the namespaces to restore as they are in the cluster",
                "ERROR Restore.velero.io velero/T1_Daily-drill spec.namespaceMapping.t1: scratch namespace"
                    + " 't1_copy' is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending"
                    + " with a letter or digit) — use a suffix(...) of lower-case letters, digits and '-' (command"
                    + " line: --suffix)"));
  }

  @Test
  void allNamespacesScheduleNeedsExplicitNamespaces() {
    VeleroSchedule all = VeleroSchedule.daily("all").build();
    assertThatThrownBy(() -> RestoreDrill.forSchedule(all).build()).isInstanceOf(SpecValidationException.class)
        .hasMessage("RestoreDrill all-drill is invalid: 1 error\n  ERROR Restore.velero.io velero/all-drill"
            + " spec.includedNamespaces: schedule 'all' covers every namespace, so the drill does not know which"
            + " namespaces to restore — name them with namespaces(...) (command line: --namespace NS)"
            .replace("\n", System.lineSeparator()));
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
                    + "x".repeat(62) + "' is 65 characters long, more than 63 — use a shorter suffix(...) (command"
                    + " line: --suffix)"));
  }
}
