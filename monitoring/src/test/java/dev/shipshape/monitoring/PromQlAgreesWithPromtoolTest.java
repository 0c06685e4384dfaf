package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan-time parser accepts what {@code promtool check rules} accepts, and rejects what it rejects. */
class PromQlAgreesWithPromtoolTest {
  @TempDir
  Path dir;

  @Test
  void promtoolAcceptsTheValidExpressions() throws Exception {
    StringBuilder file = new StringBuilder("groups:\n- name: valid\n  rules:\n");
    for (int i = 0; i < PromQlTest.VALID.size(); i++) {
      file.append("  - record: valid_").append(i).append("\n    expr: '")
          .append(PromQlTest.VALID.get(i).replace("'", "''")).append("'\n");
    }
    Files.writeString(dir.resolve("valid.yaml"), file.toString());
    Promtool.Result result = Promtool.run(dir, "check", "rules", "valid.yaml");
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void promtoolRejectsEachInvalidExpression() throws Exception {
    Promtool.require();
    for (String e : PromQlTest.INVALID) {
      Files.writeString(dir.resolve("invalid.yaml"), "groups:\n- name: invalid\n  rules:\n  - record: invalid\n"
          + "    expr: '" + e.replace("'", "''") + "'\n");
      Promtool.Result result = Promtool.run(dir, "check", "rules", "invalid.yaml");
      assertThat(result.exitCode()).as(e + "\n" + result.output()).isNotZero();
    }
  }
}
