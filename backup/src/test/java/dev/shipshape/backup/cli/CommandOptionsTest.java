package dev.shipshape.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The options of {@code backup check} and {@code backup drill} as the command line's README writes them: options of
 * a live run are usage errors without {@code --live}, and a wrong option value is one before any cluster is
 * contacted.
 */
class CommandOptionsTest {
  private final StringWriter out = new StringWriter();
  private String error = "";

  /** Runs {@code backup ARGS} with a context that fails the test when asked for anything, a cluster included. */
  private int backup(String... args) {
    CliContext nothing = (CliContext) Proxy.newProxyInstance(CliContext.class.getClassLoader(),
        new Class<?>[] {CliContext.class}, (proxy, method, arguments) -> {
          throw new AssertionError("the command asked the context for " + method.getName());
        });
    CommandLine backup = (CommandLine) new BackupCliPlugin().commands(nothing).get(0);
    backup.setOut(new PrintWriter(out, true));
    backup.setErr(new PrintWriter(new StringWriter(), true));
    backup.setExecutionExceptionHandler((e, command, parsed) -> {
      if (!(e instanceof CliException)) throw e;
      error = e.getMessage();
      return ((CliException) e).exitCode().code();
    });
    return backup.execute(args);
  }

  @Test
  void aDrillTimeoutWithoutLiveIsAUsageError() {
    assertThat(backup("drill", "daily", "--namespace", "t1", "--timeout", "5m")).isEqualTo(2);
    assertThat(error).isEqualTo("--timeout bounds the waits of a drill that runs — add --live, or drop it to print"
        + " the steps");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void withoutOptionsOfALiveRunTheStepsArePrinted() {
    assertThat(backup("drill", "daily", "--namespace", "t1")).isEqualTo(0);
    assertThat(out.toString()).startsWith("# Restore drill: newest backup of Schedule velero/daily, namespaces"
        + " t1 -> t1-drill");
  }

  @Test
  void aSuffixThatMakesNoNamespaceNameIsAUsageErrorBeforeTheClusterIsContacted() {
    assertThat(backup("drill", "daily", "--live", "--suffix", "-DRILL")).isEqualTo(2);
    assertThat(error).startsWith("cannot drill Schedule velero/daily:").contains("scratch namespace 'ns-DRILL'",
        "(command line: --suffix)");
    assertThat(backup("drill", "daily", "--live", "--namespace", "Shop")).isEqualTo(2);
    assertThat(error).contains("namespace 'Shop' is not a DNS-1123 label");
  }

  @Test
  void aMaximumBackupAgeWithoutLiveIsAUsageError() {
    assertThat(backup("check", "--max-backup-age", "26h", "spec.jsh")).isEqualTo(2);
    assertThat(error).isEqualTo("--max-backup-age judges the backups of a live cluster — add --live");
  }
}
