package dev.shipshape.security.audit;

import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.FindingsException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Polaris' own pass/fail manifests, one folder per Polaris check: for every check an audit rule declares as its
 * equivalent, each {@code success*} file must give no finding (and the rule must apply to something) and each
 * {@code failure*} file at least one, with only that rule enabled.
 */
class PolarisConformanceTest {

  @TestFactory
  Stream<DynamicTest> everyCoveredPolarisCaseHasTheSameVerdict() throws IOException {
    Path root = SharedData.require("conformance/polaris");
    List<FindingRule> rules = SecurityAudit.builder().build().rules();
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> checks;
    try (Stream<Path> dirs = Files.list(root)) {
      checks = dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
    for (Path check : checks) {
      String polarisId = check.getFileName().toString();
      Optional<FindingRule> rule = rules.stream().filter(r -> r.equivalents().contains("polaris:" + polarisId))
          .findFirst();
      if (rule.isEmpty()) continue;
      List<Path> cases;
      try (Stream<Path> files = Files.list(check)) {
        cases = files.filter(f -> f.getFileName().toString().matches("(success|failure).*\\.ya?ml")).sorted()
            .collect(Collectors.toList());
      }
      for (Path file : cases) {
        boolean expectFailure = file.getFileName().toString().startsWith("failure");
        tests.add(DynamicTest.dynamicTest(polarisId + "/" + file.getFileName() + " -> " + rule.get().id(),
            () -> verdict(rule.get().id(), file, expectFailure)));
      }
    }
    assertThat(tests).as("covered Polaris cases").hasSizeGreaterThan(50);
    return tests.stream();
  }

  private static void verdict(String ruleId, Path file, boolean expectFailure) throws IOException {
    FindingReport report = SecurityAudit.builder().only(ruleId).build().run(file);
    if (expectFailure) {
      assertThat(report.findings(ruleId)).as("findings of %s on %s", ruleId, file).isNotEmpty();
    } else {
      assertThat(report.findings(ruleId)).as("findings of %s on %s", ruleId, file).isEmpty();
      assertThat(report.checked().get(ruleId)).as("objects %s applied to in %s", ruleId, file).isPositive();
    }
  }
}
