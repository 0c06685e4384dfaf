package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plan renders: multi-document YAML, a directory for GitOps, and a summary for people. */
class PlanOutputTest {
  private static final String DEPLOYMENT = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace:"
      + " shop}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels:"
      + " {app: web}}\n    spec:\n      serviceAccountName: web\n      containers: [{name: web, image: 'nginx:1.27'}]\n";

  @Test
  void toYamlIsMultiDocumentYamlInApplyOrder() {
    Plan plan = ClusterSpec.builder().name("shop")
        .commonLabel("app.kubernetes.io/managed-by", "shipshape")
        .yaml(DEPLOYMENT.replace("      serviceAccountName: web\n", ""))
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "settings", "mode", "fast")))
        .resource(TestManifests.namespace("shop"))
        .build().plan();
    assertThat(plan.toYaml()).isEqualTo(String.join("\n",
        "---",
        "apiVersion: v1",
        "kind: Namespace",
        "metadata:",
        "  labels:",
        "    app.kubernetes.io/managed-by: shipshape",
        "  name: shop",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  labels:",
        "    app.kubernetes.io/managed-by: shipshape",
        "  name: settings",
        "  namespace: shop",
        "data:",
        "  mode: fast",
        "---",
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  labels:",
        "    app.kubernetes.io/managed-by: shipshape",
        "  name: web",
        "  namespace: shop",
        "spec:",
        "  replicas: 2",
        "  selector:",
        "    matchLabels:",
        "      app: web",
        "  template:",
        "    metadata:",
        "      labels:",
        "        app: web",
        "    spec:",
        "      containers:",
        "      - image: nginx:1.27",
        "        name: web",
        ""));
  }

  @Test
  void summaryListsWavesKindsNamesComponentsGatesAndWarnings() {
    assertThat(spec().plan().summary()).isEqualTo(String.join("\n",
        "Plan shop for Kubernetes 1.33: 6 resources in 3 waves",
        "WAVE  KIND                   NAMESPACE/NAME  COMPONENT",
        "0     Namespace              shop            resources",
        "1     ServiceAccount         shop/web        resources",
        "1     Secret                 shop/db         resources",
        "1     ConfigMap              shop/settings   settings",
        "1     PersistentVolumeClaim  shop/data       resources",
        "2     Deployment.apps        shop/web        resources",
        "wave 1 waits for Namespace shop to be Active",
        "WARNING [resources] PersistentVolumeClaim shop/data spec.storageClassName: refers to"
            + " StorageClass.storage.k8s.io fast, which is not in the spec; the cluster may already hold it — add"
            + " StorageClass.storage.k8s.io fast to the spec, fix the name, or declare it with"
            + " preExistingResource(...)",
        ""));
  }

  @Test
  void secretDataNeverAppearsInTheSummaryOrToString() {
    Plan plan = spec().plan();
    assertThat(plan.toYaml()).contains("hunter2").contains("YWRtaW4=");
    for (String text : List.of(plan.summary(), plan.toString(), plan.resources().toString())) {
      assertThat(text).doesNotContain("hunter2").doesNotContain("YWRtaW4=").doesNotContain("password");
    }
  }

  @Test
  void writeToWritesOneFilePerObjectWithItsWaveAndAKustomizationInApplyOrder(@TempDir Path dir) throws IOException {
    Plan plan = spec().plan();
    List<Path> written = plan.writeTo(dir);
    List<String> files = List.of("00-0001-namespace-shop.yaml", "01-0002-serviceaccount-shop-web.yaml",
        "01-0003-secret-shop-db.yaml", "01-0004-configmap-shop-settings.yaml",
        "01-0005-persistentvolumeclaim-shop-data.yaml", "02-0006-deployment-shop-web.yaml");
    assertThat(written).extracting(p -> p.getFileName().toString())
        .containsExactlyElementsOf(Stream.concat(files.stream(), Stream.of("kustomization.yaml"))
            .collect(Collectors.toList()));
    assertThat(list(dir)).containsExactlyInAnyOrderElementsOf(
        Stream.concat(files.stream(), Stream.of("kustomization.yaml")).collect(Collectors.toList()));
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).isEqualTo(String.join("\n",
        "apiVersion: kustomize.config.k8s.io/v1beta1",
        "kind: Kustomization",
        "# keep the order below: it is the apply order of the plan",
        "sortOptions:",
        "  order: fifo",
        "resources:",
        "- 00-0001-namespace-shop.yaml",
        "- 01-0002-serviceaccount-shop-web.yaml",
        "- 01-0003-secret-shop-db.yaml",
        "- 01-0004-configmap-shop-settings.yaml",
        "- 01-0005-persistentvolumeclaim-shop-data.yaml",
        "- 02-0006-deployment-shop-web.yaml",
        ""));
    for (int i = 0; i < files.size(); i++) {
      assertThat(Files.readString(dir.resolve(files.get(i)))).isEqualTo(plan.resources().get(i).yaml());
    }
  }

  @Test
  void writeToRemovesFilesOfAnEarlierExportButKeepsOtherFiles(@TempDir Path dir) throws IOException {
    spec().plan().writeTo(dir);
    Files.writeString(dir.resolve("README.md"), "hand-written\n");
    ClusterSpec smaller = ClusterSpec.builder().name("shop")
        .resource(TestManifests.namespace("shop"), TestManifests.configMap("shop", "settings")).build();
    smaller.plan().writeTo(dir);
    assertThat(list(dir)).containsExactlyInAnyOrder("00-0001-namespace-shop.yaml",
        "01-0002-configmap-shop-settings.yaml", "kustomization.yaml", "README.md");
    assertThat(Files.readString(dir.resolve("kustomization.yaml")))
        .endsWith("resources:\n- 00-0001-namespace-shop.yaml\n- 01-0002-configmap-shop-settings.yaml\n");
  }

  @Test
  void writeToNeverRemovesFilesOfTheExportsShapeThatNoEarlierExportWrote(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("99-9999-anything.yaml"), "user\n");
    spec().plan().writeTo(dir);
    Files.writeString(dir.resolve("98-9998-later.yaml"), "user\n");
    ClusterSpec smaller = ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop")).build();

    smaller.plan().writeTo(dir);

    assertThat(list(dir)).containsExactlyInAnyOrder("00-0001-namespace-shop.yaml", "kustomization.yaml",
        "99-9999-anything.yaml", "98-9998-later.yaml");
    assertThat(Files.readString(dir.resolve("99-9999-anything.yaml"))).isEqualTo("user\n");
  }

  @Test
  void writeToStopsBeforeWritingAnythingWhenItWouldOverwriteFilesNoEarlierExportWrote(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("00-0001-namespace-shop.yaml"), "user\n");
    Files.writeString(dir.resolve("notes.yaml"), "user\n");
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: [notes.yaml]\n");

    assertThatThrownBy(() -> spec().plan().writeTo(dir))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot write the plan to " + dir)
        .cause().isInstanceOf(FileAlreadyExistsException.class)
        .hasMessage("the directory holds 2 files that the export would overwrite but no earlier export wrote "
            + "(00-0001-namespace-shop.yaml, kustomization.yaml; an export's own files are those its "
            + "kustomization.yaml lists) — export to an empty directory or to one an earlier export wrote, or move "
            + "those files away");
    assertThat(list(dir)).containsExactlyInAnyOrder("00-0001-namespace-shop.yaml", "notes.yaml",
        "kustomization.yaml");
    for (String name : list(dir)) {
      assertThat(Files.readString(dir.resolve(name))).as(name).isNotEqualTo(spec().plan().resources().get(0).yaml());
    }
    assertThat(Files.readString(dir.resolve("kustomization.yaml"))).isEqualTo("resources: [notes.yaml]\n");
  }

  @Test
  void writeToNeverWritesThroughALinkNorOverAFileThatDiffersInCaseNorBesideAnotherKustomization(@TempDir Path dir)
      throws IOException {
    Path outside = Files.writeString(dir.resolve("outside.yaml"), "user\n");
    Path linked = dir.resolve("linked");
    spec().plan().writeTo(linked);
    Path namespace = linked.resolve("00-0001-namespace-shop.yaml");
    Files.delete(namespace);
    Files.createSymbolicLink(namespace, outside);
    Path cased = Files.createDirectories(dir.resolve("cased"));
    Files.writeString(cased.resolve("00-0001-Namespace-shop.yaml"), "user\n");
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("Kustomization"), "resources: []\n");

    for (Path target : List.of(linked, cased, other)) {
      assertThatThrownBy(() -> spec().plan().writeTo(target)).as(target.toString())
          .isInstanceOf(UncheckedIOException.class).cause().isInstanceOf(FileAlreadyExistsException.class);
    }
    assertThat(Files.readString(outside)).isEqualTo("user\n");
    assertThat(list(cased)).containsExactly("00-0001-Namespace-shop.yaml");
    assertThat(list(other)).containsExactly("Kustomization");
  }

  @Test
  void writeToRemovesOnlyPlainFileNamesOfTheExportsShapeThatAnEarlierKustomizationLists(@TempDir Path dir)
      throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("00-0001-namespace-x.yaml"), "user\n");
    Path export = dir.resolve("export");
    spec().plan().writeTo(export);
    Path kustomization = export.resolve("kustomization.yaml");
    Files.writeString(kustomization, Files.readString(kustomization)
        + "- ../outside/00-0001-namespace-x.yaml\n- notes.yaml\n");
    Files.writeString(export.resolve("notes.yaml"), "user\n");

    ClusterSpec.builder().name("shop").resource(TestManifests.namespace("shop")).build().plan().writeTo(export);

    assertThat(list(export)).containsExactlyInAnyOrder("00-0001-namespace-shop.yaml", "kustomization.yaml",
        "notes.yaml");
    assertThat(list(outside)).containsExactly("00-0001-namespace-x.yaml");
  }

  @Test
  void writeToLeavesFilesThatHoldTheSameTextUntouchedAndRewritesTheOthers(@TempDir Path dir) throws IOException {
    Plan plan = spec().plan();
    plan.writeTo(dir);
    FileTime old = FileTime.fromMillis(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
    for (String name : list(dir)) Files.setLastModifiedTime(dir.resolve(name), old);
    Path longer = dir.resolve("01-0002-serviceaccount-shop-web.yaml");
    Files.writeString(longer, Files.readString(longer) + "# edited by hand\n");
    Path sameSize = dir.resolve("01-0004-configmap-shop-settings.yaml");
    Files.writeString(sameSize, Files.readString(sameSize).replace("fast", "slow"));

    plan.writeTo(dir);

    for (Path edited : List.of(longer, sameSize)) {
      assertThat(Files.getLastModifiedTime(edited)).as(edited.toString()).isGreaterThan(old);
    }
    assertThat(Files.readString(longer)).isEqualTo(plan.resources().get(1).yaml());
    assertThat(Files.readString(sameSize)).isEqualTo(plan.resources().get(3).yaml());
    for (String untouched : List.of("00-0001-namespace-shop.yaml", "01-0003-secret-shop-db.yaml",
        "01-0005-persistentvolumeclaim-shop-data.yaml", "02-0006-deployment-shop-web.yaml", "kustomization.yaml")) {
      assertThat(Files.getLastModifiedTime(dir.resolve(untouched))).as(untouched).isEqualTo(old);
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }

  /** Six objects in three waves, a Secret with data, and one warning. */
  static ClusterSpec spec() {
    return ClusterSpec.builder().name("shop")
        .kubernetesVersion("1.33")
        .resource(TestManifests.namespace("shop"))
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "settings", "mode", "fast")))
        .yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\ntype: Opaque\n"
            + "stringData: {password: hunter2}\ndata: {user: YWRtaW4=}\n")
        .yaml(DEPLOYMENT)
        .yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n")
        .yaml("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\nspec:"
            + " {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n")
        .build();
  }
}
