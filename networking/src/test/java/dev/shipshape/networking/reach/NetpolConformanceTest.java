package dev.shipshape.networking.reach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the np-guard netpol-analyzer conformance suite: each case folder holds {@code input/}
 * manifests and the reference connection list, {@code expected.txt} (and sometimes {@code expected.json}).
 */
class NetpolConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyCaseMatchesTheReferenceConnectionList() throws IOException {
    Path suite = SharedData.require("conformance/netpol");
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(suite)) {
      cases = dirs.filter(d -> Files.isDirectory(d.resolve("input")) && Files.exists(d.resolve("expected.txt")))
          .sorted().collect(Collectors.toList());
    }
    assertThat(cases).as("conformance cases under " + suite).isNotEmpty();
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) throws IOException {
    ReachabilityAnalyzer analyzer = ReachabilityAnalyzer.load(dir.resolve("input"));
    ConnectivityReport report = analyzer.connectivity();
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
        .filter(line -> !line.isBlank()).collect(Collectors.toList());
    List<String> actual = report.toText().lines().collect(Collectors.toList());
    assertThat(actual).as(dir.getFileName() + " connection list").containsExactlyElementsOf(expected);
    Path json = dir.resolve("expected.json");
    if (Files.exists(json)) {
      assertThat(JSON.readTree(report.toJson())).as(dir.getFileName() + " JSON").isEqualTo(JSON.readTree(json.toFile()));
    }
  }
}
