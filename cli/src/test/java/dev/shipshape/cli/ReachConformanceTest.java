package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipshape reach DIR} prints exactly the connectivity list of the np-guard netpol-analyzer conformance
 * cases, nothing else, so that its output can be compared with that tool's line by line.
 */
class ReachConformanceTest {
  @TempDir
  Path home;

  @TestFactory
  Stream<DynamicTest> printsTheExpectedConnectionListOfEveryCase() throws IOException {
    Path suite = SharedData.require("conformance/netpol");
    List<Path> cases;
    try (Stream<Path> folders = Files.list(suite)) {
      cases = folders.filter(dir -> Files.isRegularFile(dir.resolve("expected.txt"))).sorted()
          .collect(Collectors.toList());
    }
    assertThat(cases).as("conformance cases under " + suite).isNotEmpty();
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      CliRunner.Result result = CliRunner.isolated(home).run("reach", dir.resolve("input").toString());

      assertThat(result.exitCode).as(result.toString()).isZero();
      assertThat(result.out.strip()).isEqualTo(Files.readString(dir.resolve("expected.txt")).strip());
    }));
  }
}
