package dev.shipshape.cli.internal.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonIdentityTest {
  @TempDir
  Path dir;

  private DaemonIdentity identity(Path jar, Path workingDirectory, Map<String, String> environment) {
    return DaemonIdentity.of("java", List.of("-XX:+UseSerialGC"), jar.toString(), workingDirectory, "0022",
        environment);
  }

  private Map<String, String> environment(String... pairs) {
    Map<String, String> variables = new HashMap<>(Map.of("HOME", dir.toString(), "KUBECONFIG", "/k/config"));
    for (int i = 0; i < pairs.length; i += 2) variables.put(pairs[i], pairs[i + 1]);
    return variables;
  }

  @Test
  void equalRunsShareADaemon() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");
    DaemonIdentity one = identity(jar, dir, environment());
    DaemonIdentity other = identity(jar, dir, environment());

    assertThat(one.text()).isEqualTo(other.text());
    assertThat(one.socket()).isEqualTo(other.socket());
  }

  @Test
  void anotherVariableWorkingDirectoryOrJarIsAnotherDaemon() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");
    DaemonIdentity base = identity(jar, dir, environment());

    assertThat(identity(jar, dir, environment("KUBECONFIG", "/other")).text()).isNotEqualTo(base.text());
    assertThat(identity(jar, dir.resolve("sub"), environment()).text()).isNotEqualTo(base.text());
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    DaemonIdentity rebuilt = identity(jar, dir, environment());
    assertThat(rebuilt.text()).isNotEqualTo(base.text());
    assertThat(rebuilt.socket()).isNotEqualTo(base.socket());
  }

  @Test
  void anotherUmaskIsAnotherDaemon() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");

    assertThat(DaemonIdentity.of("java", List.of(), jar.toString(), dir, "0077", environment()).text())
        .isNotEqualTo(DaemonIdentity.of("java", List.of(), jar.toString(), dir, "0022", environment()).text());
  }

  @Test
  void aRebuiltJarOfAWildcardEntryIsAnotherDaemon() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path jar = Files.writeString(lib.resolve("component.jar"), "v1");
    String entry = lib + java.io.File.separator + "*";
    DaemonIdentity before = DaemonIdentity.of("java", List.of(), entry, dir, "0022", environment());
    Files.writeString(jar, "version 2");

    assertThat(before.text()).contains("component.jar 2@");
    assertThat(DaemonIdentity.of("java", List.of(), entry, dir, "0022", environment()).text())
        .isNotEqualTo(before.text());
  }

  @Test
  void aClassDirectoryWithANewerFileIsAnotherDaemon() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path component = Files.writeString(classes.resolve("Component.class"), "v1");
    DaemonIdentity before = identity(classes, dir, environment());
    Files.setLastModifiedTime(component, FileTime.fromMillis(Files.getLastModifiedTime(component).toMillis() + 1000));

    assertThat(identity(classes, dir, environment()).text()).isNotEqualTo(before.text());
  }

  @Test
  void aFileAddedToAClassDirectoryIsAnotherDaemonEvenWithAnOldTime() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes").resolve("dev"));
    Files.writeString(classes.resolve("Component.class"), "v1");
    DaemonIdentity before = identity(classes.getParent(), dir, environment());
    Path added = Files.writeString(classes.resolve("Helper.class"), "v1");
    Files.setLastModifiedTime(added, FileTime.fromMillis(0));

    assertThat(identity(classes.getParent(), dir, environment()).text()).isNotEqualTo(before.text());
  }

  @Test
  void optionsAreSeparatedByWhiteSpaceAndTheSocketIsNamedBySixteenHexDigits() throws Exception {
    assertThat(DaemonIdentity.words(" -XX:+UseSerialGC\t-Da=b c \n-Xmn1g\r")).containsExactly("-XX:+UseSerialGC",
        "-Da=b", "c", "-Xmn1g");
    assertThat(DaemonIdentity.words(" \t ")).isEmpty();

    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");
    assertThat(identity(jar, dir, environment()).socket().getFileName().toString()).matches("[0-9a-f]{16}\\.sock");
  }

  @Test
  void theShellsBookkeepingVariablesDoNotMatter() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");
    DaemonIdentity base = identity(jar, dir, environment("_", "/usr/bin/shipshape", "OLDPWD", "/a", "SHLVL", "1"));

    assertThat(identity(jar, dir, environment("_", "/bin/env", "OLDPWD", "/b", "SHLVL", "2")).text())
        .isEqualTo(base.text());
  }

  @Test
  void variablesTheJavaLauncherSetsPerProcessDoNotMatter() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");
    DaemonIdentity base = identity(jar, dir, environment());

    assertThat(identity(jar, dir, environment("JAVA_MAIN_CLASS_4242", "Client",
        "JAVA_STARTED_ON_FIRST_THREAD_4242", "1")).text()).isEqualTo(base.text());
  }

  @Test
  void aBrokenLinkInAClassDirectoryIsReadAndEmptyEntriesAreSkipped() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.createSymbolicLink(classes.resolve("gone.class"), dir.resolve("deleted.class"));
    String classPath = classes + java.io.File.pathSeparator + java.io.File.pathSeparator + classes;

    DaemonIdentity identity = DaemonIdentity.of("java", List.of(), classPath, dir, "0022", environment());

    assertThat(identity.text()).contains("class path " + classes + " 2 files").doesNotContain("class path  ");
  }

  @Test
  void aSocketPathTooLongForUnixSocketsIsRefused() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");

    assertThat(identity(jar, dir, environment("XDG_RUNTIME_DIR", "/run/user/1000")).socketFits()).isTrue();
    assertThat(identity(jar, dir, environment("XDG_RUNTIME_DIR", "/r/" + "x".repeat(100))).socketFits()).isFalse();
  }

  @Test
  void socketsLiveInTheRuntimeDirectoryElseTheCache() throws Exception {
    Path jar = Files.writeString(dir.resolve("shipshape.jar"), "jar");

    assertThat(identity(jar, dir, environment("XDG_RUNTIME_DIR", "/run/user/1000")).socket().getParent())
        .isEqualTo(Path.of("/run/user/1000/shipshape"));
    assertThat(identity(jar, dir, environment("XDG_CACHE_HOME", "/c")).socket().getParent())
        .isEqualTo(Path.of("/c/shipshape/daemon"));
    assertThat(identity(jar, dir, environment()).socket().getParent())
        .isEqualTo(dir.resolve(".cache/shipshape/daemon"));
    assertThat(identity(jar, dir, environment()).socket().getFileName().toString()).matches("[0-9a-f]{16}\\.sock");
  }

  @Test
  void theSocketDirectoryIsPrivate() throws Exception {
    Path sockets = dir.resolve("run/shipshape");
    Sockets.createPrivateDirectory(sockets);

    assertThat(Sockets.isPrivate(sockets)).isTrue();
    Files.setPosixFilePermissions(sockets, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(Sockets.isPrivate(sockets)).isFalse();
    assertThat(Sockets.isPrivate(dir.resolve("absent"))).isFalse();
  }
}
