package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.cli.spi.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code backup drill} without a cluster: the printed steps, and the usage errors. */
class BackupDrillCommandTest {
  @TempDir
  Path home;

  @Test
  void withoutLiveItPrintsTheStepsOfTheDrill() {
    CliRunner.Result result = CliRunner.isolated(home).run("backup", "drill", "daily", "--namespace", "shop",
        "--velero-namespace", "backup");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).contains("# Restore drill: newest backup of Schedule backup/daily, namespaces shop ->"
        + " shop-drill", "kubectl -n backup wait restore/daily-drill", "kubectl delete namespace shop-drill");
  }

  @Test
  void withoutLiveJsonAndSarifAreJson() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    CliRunner.Result json = CliRunner.isolated(home).run("backup", "drill", "shop-daily", "--namespace", "shop",
        "--format", "json");
    CliRunner.Result sarif = CliRunner.isolated(home).run("backup", "drill", "shop-daily", "--namespace", "shop",
        "--format", "sarif");

    assertThat(json.exitCode).as(json.toString()).isZero();
    JsonNode steps = mapper.readTree(json.out);
    assertThat(steps.get("schedule").asText()).isEqualTo("velero/shop-daily");
    assertThat(steps.get("namespaceMapping").get("shop").asText()).isEqualTo("shop-drill");
    assertThat(steps.get("steps").get(0).get("commands").get(0).asText())
        .startsWith("kubectl -n velero wait restore/shop-daily-drill");
    assertThat(steps.get("cleanup").get(0).asText()).isEqualTo("Namespace shop-drill");
    assertThat(sarif.exitCode).as(sarif.toString()).isZero();
    JsonNode run = mapper.readTree(sarif.out).get("runs").get(0);
    assertThat(run.get("results")).isEmpty();
    assertThat(run.get("invocations").get(0).get("toolExecutionNotifications").get(0).get("message").get("text")
        .asText()).startsWith("the drill did not run");
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        usageError("without --live the namespaces must be named", List.of("daily"),
            "name the namespaces to restore with --namespace, or add --live to read them from the schedule"),
        usageError("the options of a running drill need --live",
            List.of("daily", "--namespace", "shop", "--to-context", "other"),
            "--to-context, --to-velero-namespace and --keep belong to a drill that runs — add --live"),
        usageError("a scratch namespace that is no name is reported",
            List.of("daily", "--namespace", "shop", "--suffix", "_Drill"),
            "cannot drill Schedule velero/daily", "spec.namespaceMapping.shop", "scratch namespace 'shop_Drill'"),
        usageError("a drill needs time", List.of("daily", "--live", "--embedded", "--timeout", "0s"),
            "--timeout 0s leaves the drill no time — give how long to wait for Velero, such as 30m"));
  }

  private static Arguments usageError(String description, List<String> args, String... errorContains) {
    return Arguments.of(description, args, List.of(errorContains));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usageErrors")
  void aUsageErrorExitsWithTheUsageCodeAndSaysWhatIsWrong(String description, List<String> args,
      List<String> errorContains) {
    List<String> command = new ArrayList<>(List.of("backup", "drill"));
    command.addAll(args);

    CliRunner.Result result = CliRunner.isolated(home).run(command.toArray(String[]::new));

    assertThat(result.exitCode).as(result.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(result.err).contains(errorContains);
  }
}
