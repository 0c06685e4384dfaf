package dev.shipshape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.testing.internal.ControlPlaneAssets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneAssetsTest {
  @Test
  void withoutAFolderTheMessageSaysWhatToSet() {
    ControlPlaneAssets.Result result = ControlPlaneAssets.locate(Map.of(), null);

    assertThat(result.found()).isEmpty();
    assertThat(result.reason()).get().asString()
        .contains("KUBEBUILDER_ASSETS", "shipshape.control-plane.assets", "kube-apiserver", "etcd");
  }

  @Test
  void aFolderThatDoesNotExistIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere");

    ControlPlaneAssets.Result result = ControlPlaneAssets.locate(Map.of("KUBEBUILDER_ASSETS", missing.toString()),
        null);

    assertThat(result.reason()).get().asString().contains("KUBEBUILDER_ASSETS", missing.toString(), "not a folder");
  }

  @Test
  void everyMissingBinaryIsNamed(@TempDir Path dir) {
    ControlPlaneAssets.Result result = ControlPlaneAssets.locate(Map.of("PATH", dir.toString()), dir.toString());

    assertThat(result.reason()).get().asString()
        .contains("system property shipshape.control-plane.assets", "kube-apiserver", "etcd");
  }

  @Test
  void findsTheBinariesAndEtcdOnThePath(@TempDir Path dir) throws Exception {
    Path assets = Files.createDirectory(dir.resolve("assets"));
    Path bin = Files.createDirectory(dir.resolve("bin"));
    executable(assets.resolve("kube-apiserver"));
    executable(bin.resolve("etcd"));

    ControlPlaneAssets.Result result = ControlPlaneAssets.locate(
        Map.of("KUBEBUILDER_ASSETS", assets.toString(), "PATH", bin.toString()), null);

    assertThat(result.reason()).isEmpty();
    assertThat(result.found()).get().satisfies(found -> {
      assertThat(found.apiServer()).isEqualTo(assets.resolve("kube-apiserver"));
      assertThat(found.etcd()).isEqualTo(bin.resolve("etcd"));
      assertThat(found.controllerManager()).isEmpty();
    });
  }

  @Test
  void theSystemPropertyWinsOverTheEnvironment(@TempDir Path dir) throws Exception {
    executable(dir.resolve("kube-apiserver"));
    executable(dir.resolve("etcd"));
    executable(dir.resolve("kube-controller-manager"));

    ControlPlaneAssets.Result result = ControlPlaneAssets.locate(
        Map.of("KUBEBUILDER_ASSETS", dir.resolve("elsewhere").toString()), dir.toString());

    assertThat(result.found()).get().satisfies(found -> {
      assertThat(found.etcd()).isEqualTo(dir.resolve("etcd"));
      assertThat(found.controllerManager()).contains(dir.resolve("kube-controller-manager"));
    });
  }

  private static void executable(Path file) throws Exception {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }
}
