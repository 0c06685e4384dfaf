package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompiledObjectsTest {

  private static ClusterSpec fullSpec() {
    return Fixtures.tenantSpec()
        .component(
            VolumeSnapshotLocation.builder().name("ebs").region("us-east-1").build(),
            VeleroSchedule.daily("t1-daily").namespaces("t1").storageLocation("primary")
                .addVolumeSnapshotLocations("ebs").snapshotVolumes(true).defaultVolumesToFsBackup(false)
                .includeClusterResources(false).addExcludedResources("events")
                .hook(BackupHook.named("db-checkpoint").namespaces("t1").label("app", "db")
                    .pre(ExecHook.in("db", "/bin/sh", "-c", "sync").onError(HookErrorMode.FAIL).timeout("2m").build())
                    .post(ExecHook.in("db", "/bin/true").onError(HookErrorMode.CONTINUE).build())
                    .build())
                .skipImmediately(true)
                .build(),
            VeleroSchedule.hourly("t1-hourly").namespaces("t1").addIncludedNamespaceScopedResources("*")
                .orLabelSelector(java.util.Map.of("app", "db")).useOwnerReferencesInBackup(true).paused(true)
                .build(),
            VeleroBackup.builder().name("before-migration").namespaces("t1").ttl(java.time.Duration.ofHours(36))
                .build(),
            VeleroRestore.fromSchedule("t1-copy", "t1-daily").namespaces("t1").mapNamespace("t1", "t1-copy")
                .restorePVs(true).existingResourcePolicy(ExistingResourcePolicy.UPDATE).build())
        .build();
  }

  @Test
  void scheduleCompilesToVeleroSchema() {
    Plan plan = fullSpec().plan();
    HasMetadata schedule = plan.find(VeleroSchedule.daily("t1-daily").build().ref()).orElseThrow().object();
    assertThat(Manifests.toYaml(schedule)).isEqualTo(String.join("\n",
        "apiVersion: velero.io/v1",
        "kind: Schedule",
        "metadata:",
        "  name: t1-daily",
        "  namespace: velero",
        "spec:",
        "  schedule: 0 2 * * *",
        "  template:",
        "    includedNamespaces:",
        "    - t1",
        "    excludedResources:",
        "    - events",
        "    includeClusterResources: false",
        "    ttl: 720h0m0s",
        "    snapshotVolumes: true",
        "    defaultVolumesToFsBackup: false",
        "    storageLocation: primary",
        "    volumeSnapshotLocations:",
        "    - ebs",
        "    hooks:",
        "      resources:",
        "      - name: db-checkpoint",
        "        includedNamespaces:",
        "        - t1",
        "        labelSelector:",
        "          matchLabels:",
        "            app: db",
        "        pre:",
        "        - exec:",
        "            container: db",
        "            command:",
        "            - /bin/sh",
        "            - -c",
        "            - sync",
        "            onError: Fail",
        "            timeout: 2m",
        "        post:",
        "        - exec:",
        "            container: db",
        "            command:",
        "            - /bin/true",
        "            onError: Continue",
        "  skipImmediately: true",
        ""));
  }

  @Test
  void storageLocationAndCredentialsCompile() {
    Plan plan = fullSpec().plan();
    assertThat(Manifests.toYaml(plan.find(Fixtures.primary().ref()).orElseThrow().object()))
        .isEqualTo(String.join("\n",
            "apiVersion: velero.io/v1",
            "kind: BackupStorageLocation",
            "metadata:",
            "  name: primary",
            "  namespace: velero",
            "spec:",
            "  provider: aws",
            "  objectStorage:",
            "    bucket: backups",
            "    prefix: prod",
            "  config:",
            "    region: us-east-1",
            "    s3Url: https://s3.example.com",
            "    s3ForcePathStyle: \"true\"",
            "  credential:",
            "    key: cloud",
            "    name: cloud-credentials",
            "  default: true",
            "  accessMode: ReadWrite",
            ""));
    HasMetadata secret = plan.find(Fixtures.credentials().ref()).orElseThrow().object();
    String file = new String(java.util.Base64.getDecoder().decode(
        ((io.fabric8.kubernetes.api.model.Secret) secret).getData().get("cloud")), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(file).isEqualTo("[default]\naws_access_key_id=AKIAEXAMPLEKEY\naws_secret_access_key=s3cr3t-value\n");
  }

  @Test
  void everyCompiledVeleroObjectConformsToVelerosCrdSchemas() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    List<HasMetadata> objects = fullSpec().plan().resources().stream().map(PlannedResource::object)
        .collect(Collectors.toList());
    assertThat(objects.stream().map(HasMetadata::getKind).filter(k -> !k.equals("Namespace")
        && !k.equals("Deployment") && !k.equals("Secret")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("Schedule", "Backup", "Restore", "BackupStorageLocation",
            "VolumeSnapshotLocation");
    assertThat(schemas.validateAll(objects)).isEmpty();
  }

  @Test
  void schemaValidationCatchesAWrongField() {
    KubernetesSchemas schemas = KubernetesSchemas.load();
    HasMetadata schedule = Manifests.copy(fullSpec().plan().find(VeleroSchedule.daily("t1-daily").build().ref())
        .orElseThrow().object());
    io.fabric8.kubernetes.api.model.GenericKubernetesResource generic =
        Manifests.convert(schedule, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    ((java.util.Map<String, Object>) generic.getAdditionalProperties().get("spec")).put("scheduel", "x");
    assertThat(schemas.validate(generic)).anySatisfy(m -> assertThat(m).contains("scheduel"));
  }

  @Test
  void veleroObjectsWaitForVelerosCrdsWhenTheSpecInstallsThem() {
    Plan plan = ClusterSpec.builder().from(fullSpec())
        .yamlFile(dev.shipshape.core.testing.SharedData.require("k8s-reference/crds/velero")).build().plan();
    PlannedResource schedule = plan.find(VeleroSchedule.daily("t1-daily").build().ref()).orElseThrow();
    PlannedResource crd = plan.find(dev.shipshape.core.ResourceRef.clusterScoped("apiextensions.k8s.io",
        "CustomResourceDefinition", "schedules.velero.io")).orElseThrow();
    assertThat(schedule.wave()).isGreaterThan(crd.wave());
    assertThat(schedule.prerequisites()).contains(crd.ref());
    assertThat(schedule.object().getApiVersion()).isEqualTo(Velero.API_VERSION);
  }

  @Test
  void credentialsNeverPrintTheirKeys() {
    BackupCredentials credentials = Fixtures.credentials();
    assertThat(credentials.toString()).doesNotContain("AKIAEXAMPLEKEY").doesNotContain("s3cr3t-value");
    assertThat(Fixtures.primary().toString()).doesNotContain("s3cr3t-value");
  }
}
