package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packaged, repository and OCI charts render with their hooks, from a checked download. */
class RemoteChartTest {
  @TempDir Path dir;

  private Path packaged() {
    Path chart = TestCharts.full(dir);
    new Helm(chart).packageIt().withDestination(dir).call();
    return dir.resolve("web-0.1.0.tgz");
  }

  private static String index(String url, String digest) {
    return "apiVersion: v1\nentries:\n  web:\n  - apiVersion: v2\n    name: web\n    version: 0.1.0\n"
        + "    digest: \"" + digest + "\"\n    urls:\n    - " + url + "\n  - apiVersion: v2\n    name: web\n"
        + "    version: 0.0.9\n    urls:\n    - web-0.0.9.tgz\n";
  }

  private static List<List<String>> groups(HelmChart chart) {
    return chart.rendered().groups().stream().map(g -> g.stream().map(o -> o.getKind() + " "
        + o.getMetadata().getName()).sorted().collect(Collectors.toList())).collect(Collectors.toList());
  }

  @Test
  void aPackagedChartARepositoryChartAndAnOciChartRenderTheSameObjectsAndHooksAsTheChartDirectory()
      throws Exception {
    Path tgz = packaged();
    byte[] archive = Files.readAllBytes(tgz);
    HelmChart directory = HelmChart.directory(dir.resolve("web")).release("web").namespace("shop").build();
    try (ChartServer server = new ChartServer()) {
      server.serve("/charts/index.yaml", index("web-0.1.0.tgz", ChartServer.sha256(archive)).getBytes(),
          "text/yaml").serve("/charts/web-0.1.0.tgz", archive, "application/gzip")
          .serveOci("charts/web", "0.1.0", archive);
      HelmChart packagedChart = HelmChart.archive(tgz).release("web").namespace("shop").build();
      HelmChart repository = HelmChart.repository(server.url() + "/charts", "web", "0.1.0").release("web")
          .namespace("shop").build();
      HelmChart oci = HelmChart.oci("oci://" + server.host() + "/charts/web", "0.1.0").plainHttp(true)
          .release("web").namespace("shop").build();

      assertThat(groups(directory)).contains(List.of("Job web-migrate"), List.of("ConfigMap web-notify"));
      for (HelmChart remote : List.of(packagedChart, repository, oci)) {
        assertThat(groups(remote)).as(remote.source().toString()).isEqualTo(groups(directory));
        assertThat(Manifests.toYaml(remote.compile(null))).isEqualTo(Manifests.toYaml(directory.compile(null)));
        assertThat(remote.renderNotes()).isEqualTo(directory.renderNotes());
      }
    }
  }

  @Test
  void aVersionTheRepositoryDoesNotListIsReportedWithTheVersionsItLists() throws Exception {
    byte[] archive = Files.readAllBytes(packaged());
    try (ChartServer server = new ChartServer()) {
      server.serve("/index.yaml", index("web-0.1.0.tgz", ChartServer.sha256(archive)).getBytes(), "text/yaml");

      assertThat(problem(HelmChart.repository(server.url(), "web", "0.2.0").release("web").build()))
          .isEqualTo("source: the repository's index lists no version 0.2.0 of web (it lists 0.1.0, 0.0.9) — pin a "
              + "version the repository serves");
      assertThat(problem(HelmChart.repository(server.url(), "api", "0.2.0").release("web").build()))
          .isEqualTo("source: the repository's index lists no chart named api — pin a version the repository "
              + "serves");
    }
  }

  @Test
  void anArchiveThatDoesNotMatchTheIndexsDigestIsRefused() throws Exception {
    byte[] archive = Files.readAllBytes(packaged());
    try (ChartServer server = new ChartServer()) {
      String wrong = "0".repeat(64);
      server.serve("/index.yaml", index(server.url() + "/files/web.tgz", wrong).getBytes(), "text/yaml")
          .serve("/files/web.tgz", archive, "application/gzip");

      assertThat(problem(HelmChart.repository(server.url(), "web", "0.1.0").release("web").build()))
          .startsWith("source: the archive of " + server.url() + " web 0.1.0 does not match the digest of the "
              + "repository's index (sha256:" + wrong + ")");
    }
  }

  @Test
  void anOciTagTheRegistryDoesNotHoldIsReported() {
    try (ChartServer server = new ChartServer()) {
      HelmChart chart = HelmChart.oci("oci://" + server.host() + "/charts/web", "9.9.9").plainHttp(true)
          .release("web").build();

      assertThat(problem(chart)).isEqualTo("source: GET " + server.url() + "/v2/charts/web/manifests/9.9.9 "
          + "answered HTTP 404 — check the reference and that the registry holds this version");
    }
  }

  private static String problem(HelmChart chart) {
    try {
      chart.compile(null);
    } catch (SpecValidationException e) {
      assertThat(e.problems()).hasSize(1);
      return e.problems().get(0).field().orElse("") + ": " + e.problems().get(0).message() + " — "
          + e.problems().get(0).fix();
    }
    throw new AssertionError("no problem reported");
  }
}
