package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelmChartTest {
  @TempDir Path dir;

  @Test
  void theObjectsOfThePlanAreWhatHelmTemplateRendersApartFromTheSpecsLabelsAndTheReleaseNamespace() {
    Path chart = TestCharts.starter(dir);
    HelmChart web = HelmChart.directory(chart).release("shop-web").namespace("shop")
        .values(Map.of("replicaCount", 3)).set("service.port", 8080).build();
    Plan plan = ClusterSpec.builder().name("helm").commonLabel("team", "shop").preExistingNamespace("shop")
        .component(web).build().plan();

    List<HasMetadata> helm = Manifests.parse(new Helm(chart).template().withName("shop-web").withNamespace("shop")
        .set("replicaCount", 3).set("service.port", 8080).call()).stream()
        .filter(o -> !isTestHook(o)).collect(Collectors.toList());
    List<HasMetadata> planned = plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList());

    assertThat(planned).hasSameSizeAs(helm).hasSize(3);
    for (HasMetadata expected : helm) {
      HasMetadata actual = planned.stream().filter(p -> p.getKind().equals(expected.getKind())
          && p.getMetadata().getName().equals(expected.getMetadata().getName())).findFirst().orElseThrow();
      assertThat(actual.getMetadata().getNamespace()).isEqualTo(expected instanceof Namespaced ? "shop" : null);
      assertThat(actual.getMetadata().getLabels()).containsEntry("team", "shop");
      HasMetadata stripped = Manifests.copy(actual);
      stripped.getMetadata().getLabels().remove("team");
      stripped.getMetadata().setNamespace(expected.getMetadata().getNamespace());
      assertThat(Manifests.toYaml(stripped)).isEqualTo(Manifests.toYaml(expected));
    }
  }

  @Test
  void hooksBecomeInstallOrderGroupsAndDeleteAndTestHooksAreLeftOut() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").namespace("shop").build();

    List<List<String>> groups = chart.rendered().groups().stream()
        .map(g -> g.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).sorted()
            .collect(Collectors.toList()))
        .collect(Collectors.toList());

    assertThat(groups).containsExactly(
        List.of("CustomResourceDefinition widgets.example.com"),
        List.of("Job web-migrate"),
        List.of("ConfigMap web-seed"),
        List.of("Deployment web", "Service web", "ServiceAccount web", "Widget web-widget"),
        List.of("ConfigMap web-notify"));
    assertThat(chart.rendered().notes()).containsExactlyInAnyOrder(
        "ConfigMap web-cleanup: pre-delete hook left out: a spec is applied, never deleted or rolled back",
        "Pod web-test-connection: test hook left out (includeTests(true) adds it)");
  }

  @Test
  void thePlanAppliesEachGroupInALaterWaveThanTheGroupBeforeIt() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").namespace("shop").build();
    Plan plan = ClusterSpec.builder().name("helm").preExistingNamespace("shop").component(chart).build().plan();

    int crd = wave(plan, "CustomResourceDefinition", "widgets.example.com");
    int migrate = wave(plan, "Job", "web-migrate");
    int seed = wave(plan, "ConfigMap", "web-seed");
    int deployment = wave(plan, "Deployment", "web");
    int widget = wave(plan, "Widget", "web-widget");
    int notify = wave(plan, "ConfigMap", "web-notify");

    assertThat(crd).isLessThan(migrate);
    assertThat(migrate).isLessThan(seed);
    assertThat(seed).isLessThan(deployment);
    assertThat(seed).isLessThan(widget);
    assertThat(Math.max(deployment, widget)).isLessThan(notify);
  }

  private static int wave(Plan plan, String kind, String name) {
    return plan.resources().stream().filter(r -> r.ref().kind().equals(kind) && r.ref().name().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " is not planned")).wave();
  }

  @Test
  void testHooksComeLastWhenAsked() {
    HelmChart chart = HelmChart.directory(TestCharts.starter(dir)).release("web").includeTests(true).build();

    List<List<HasMetadata>> groups = chart.rendered().groups();

    assertThat(groups.get(groups.size() - 1)).extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly("Pod web-test-connection");
  }

  @Test
  void objectsWithoutANamespaceGetTheReleaseNamespaceUnlessTheirKindIsClusterScoped() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").namespace("shop").build();

    Map<String, String> namespaces = chart.compile(null).stream().collect(Collectors.toMap(
        o -> o.getKind() + " " + o.getMetadata().getName(), o -> String.valueOf(o.getMetadata().getNamespace())));

    assertThat(namespaces).containsEntry("Widget web-widget", "null")
        .containsEntry("CustomResourceDefinition widgets.example.com", "null")
        .containsEntry("Deployment web", "shop").containsEntry("Job web-migrate", "shop");
  }

  @Test
  void crdFilesThatDoNotStartWithADocumentSeparatorAreEachOneObjectAlsoInAnUnpackedSubchart() {
    Path chart = dir.resolve("crdchart");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: crdchart\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("crds/a.yaml"), crd("as"));
    TestCharts.write(chart.resolve("crds/b.yaml"), crd("bs"));
    TestCharts.write(chart.resolve("charts/sub/Chart.yaml"), "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("charts/sub/crds/c.yaml"), crd("cs"));

    assertThat(HelmChart.directory(chart).release("web").build().compile(null))
        .extracting(o -> o.getKind() + " " + o.getMetadata().getName())
        .containsExactly("CustomResourceDefinition as.example.com", "CustomResourceDefinition bs.example.com",
            "CustomResourceDefinition cs.example.com");
  }

  /** A CRD of plural {@code plural} in group example.com, as a file that starts with its first field. */
  private static String crd(String plural) {
    return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: " + plural
        + ".example.com\nspec:\n  group: example.com\n  names: {kind: K" + plural + ", plural: " + plural + "}\n"
        + "  scope: Namespaced\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: "
        + "{type: object}}}]\n";
  }

  @Test
  void hookAnnotationsFromValuesMakeHooksAndTextThatMentionsHelmHooksIsRenderedAsWritten() throws Exception {
    Path chart = dir.resolve("hooks");
    TestCharts.write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: hooks\nversion: 0.1.0\n");
    TestCharts.write(chart.resolve("values.yaml"), "jobAnnotations:\n  helm.sh/hook: pre-install\n"
        + "extraAnnotations: {}\n");
    TestCharts.write(chart.resolve("templates/job.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: migrate\n  annotations:\n    {{- toYaml .Values.jobAnnotations | nindent 4 }}\n");
    TestCharts.write(chart.resolve("templates/extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: notify\n  annotations:\n    {{- toYaml .Values.extraAnnotations | nindent 4 }}\n");
    TestCharts.write(chart.resolve("templates/docs.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: docs\ndata:\n  text: \"annotate with helm.sh/hook and helm.sh/hook-weight\"\n"
        + "  given: {{ .Values.doc | quote }}\n");
    Path extra = Files.writeString(dir.resolve("extra.yaml"), "extraAnnotations:\n  helm.sh/hook: post-install\n");
    HelmChart hooks = HelmChart.directory(chart).release("web").valuesFile(extra)
        .set("doc", "see helm.sh/hook-delete-policy").build();

    List<List<String>> groups = hooks.rendered().groups().stream()
        .map(g -> g.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).collect(Collectors.toList()))
        .collect(Collectors.toList());
    HasMetadata docs = hooks.compile(null).stream().filter(o -> o.getMetadata().getName().equals("docs"))
        .findFirst().orElseThrow();
    HasMetadata helmDocs = Manifests.parse(new Helm(chart).template().withName("web").set("doc",
        "see helm.sh/hook-delete-policy").call()).stream().filter(o -> o.getMetadata().getName().equals("docs"))
        .findFirst().orElseThrow();

    assertThat(groups).containsExactly(List.of("ConfigMap migrate"), List.of("ConfigMap docs"),
        List.of("ConfigMap notify"));
    assertThat(((io.fabric8.kubernetes.api.model.ConfigMap) docs).getData())
        .isEqualTo(((io.fabric8.kubernetes.api.model.ConfigMap) helmDocs).getData())
        .containsEntry("text", "annotate with helm.sh/hook and helm.sh/hook-weight")
        .containsEntry("given", "see helm.sh/hook-delete-policy");
  }

  @Test
  void aCustomKindThatTheChartsCrdDeclaresClusterScopedGetsNoNamespaceAlsoWhenTheCrdsAreLeftOut() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").namespace("shop")
        .includeCrds(false).build();

    HasMetadata widget = chart.compile(null).stream().filter(o -> o.getKind().equals("Widget")).findFirst()
        .orElseThrow();

    assertThat(widget.getMetadata().getNamespace()).isNull();
  }

  @Test
  void crdsCanBeLeftOut() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").includeCrds(false).build();

    assertThat(chart.compile(null)).extracting(HasMetadata::getKind).doesNotContain("CustomResourceDefinition");
  }

  @Test
  void setPathsWinOverEveryValuesFileAndLaterFilesWinOverEarlierOnes() throws Exception {
    Path first = Files.writeString(dir.resolve("first.yaml"), "replicaCount: 2\nservice:\n  port: 81\n");
    Path second = Files.writeString(dir.resolve("second.yaml"), "replicaCount: 4\n");
    HelmChart chart = HelmChart.directory(TestCharts.starter(dir)).release("web")
        .set("service.port", 9090).valuesFile(first).valuesFile(second).values(Map.of("replicaCount", 5)).build();

    String yaml = Manifests.toYaml(chart.compile(null));

    assertThat(yaml).contains("replicas: 5").contains("port: 9090").doesNotContain("port: 81\n");
  }

  @Test
  void everyValuesSchemaViolationIsReportedByPlanWithItsValuePathTogetherWithTheSpecsOtherProblems() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").namespace("shop")
        .set("replicaCount", 0).set("image.pullPolicy", "s3cr3t-canary").build();
    ClusterSpec spec = ClusterSpec.builder().name("helm").preExistingNamespace("shop").component(chart)
        .yaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_Valid\n  namespace: shop\n").build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> {
      assertThat(e.errors()).extracting(p -> p.field().orElse(""))
          .contains("values.replicaCount", "values.image.pullPolicy", "metadata.name");
      Problem replicas = e.errors().stream().filter(p -> p.field().orElse("").equals("values.replicaCount"))
          .findFirst().orElseThrow();
      assertThat(replicas.component()).contains("helm-web");
      assertThat(replicas.message()).startsWith("value replicaCount does not meet the chart's values.schema.json: ");
      assertThat(e.getMessage()).doesNotContain("s3cr3t-canary");
    });
  }

  @Test
  void aPatternOrFormatViolationNamesTheRuleButNotTheValue() {
    Path chartDir = dir.resolve("tokens");
    TestCharts.write(chartDir.resolve("Chart.yaml"), "apiVersion: v2\nname: tokens\nversion: 0.1.0\n");
    TestCharts.write(chartDir.resolve("values.schema.json"), "{\"type\": \"object\", \"properties\": {"
        + "\"apiToken\": {\"type\": \"string\", \"pattern\": \"^[0-9]+$\"},"
        + "\"pin\": {\"type\": \"integer\", \"maximum\": 10}}}");
    TestCharts.write(chartDir.resolve("templates/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
        + "  name: tokens\n");
    HelmChart chart = HelmChart.directory(chartDir).release("tokens").set("apiToken", "s3cr3t-token")
        .set("pin", 4242).build();
    ClusterSpec spec = ClusterSpec.builder().name("helm").component(chart).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> {
      assertThat(e.errors()).extracting(Problem::message).containsExactlyInAnyOrder(
          "value apiToken does not meet the chart's values.schema.json: the value does not match pattern '^[0-9]+$'",
          "value pin does not meet the chart's values.schema.json: maximum: the value does not meet it, want 10");
      assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain("4242").doesNotContain("4,242");
    });
  }

  @Test
  void renderingIsDeterministic() {
    HelmChart chart = HelmChart.directory(TestCharts.full(dir)).release("web").build();
    Path again = dir.resolve("again");
    again.toFile().mkdirs();
    HelmChart same = HelmChart.directory(TestCharts.full(again)).release("web").build();

    assertThat(Manifests.toYaml(same.compile(null))).isEqualTo(Manifests.toYaml(chart.compile(null)));
  }

  private static boolean isTestHook(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations != null && "test".equals(annotations.get("helm.sh/hook"));
  }
}
