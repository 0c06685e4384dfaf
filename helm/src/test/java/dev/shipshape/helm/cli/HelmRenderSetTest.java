package dev.shipshape.helm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliException;
import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code helm render --set} and {@code --set-string} take expressions as Helm's {@code --set} does. */
class HelmRenderSetTest {
  /** A chart whose ConfigMap shows its values as JSON ({@code values}) and the kinds of top-level ones. */
  private static final Path CHART = Path.of(URI.create(String.valueOf(
      HelmRenderSetTest.class.getResource("/charts/sets/Chart.yaml")))).getParent();
  /** The command uses none of the command line's context. */
  private static final CliContext NO_CONTEXT = (CliContext) Proxy.newProxyInstance(
      CliContext.class.getClassLoader(), new Class<?>[] {CliContext.class}, (proxy, method, args) -> {
        throw new UnsupportedOperationException(method.getName());
      });

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine() {
    return new CommandLine(new HelmRenderCommand(NO_CONTEXT)).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err));
  }

  private Map<String, String> render(String... options) {
    String[] line = new String[options.length + 1];
    line[0] = CHART.toString();
    System.arraycopy(options, 0, line, 1, options.length);
    assertThat(commandLine().execute(line)).as(err.toString()).isZero();
    return Manifests.parse(out.toString()).stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .findFirst().orElseThrow().getData();
  }

  @Test
  void listsCommasIndexesEscapesNullAndTypesAreHelms() {
    Map<String, String> data = render("--set", "nums={1,abc}", "--set", "a.b=x,a.c=y",
        "--set", "hosts[1]=b,gone=null", "--set", "msg=a\\,b,nodeSelector.kubernetes\\.io/os=linux",
        "--set", "n=12345678,lead=0123,big=12345678901234567890,t=true");

    assertThat(data).containsEntry("values", "{\"a\":{\"b\":\"x\",\"c\":\"y\"},\"big\":\"12345678901234567890\","
        + "\"hosts\":[null,\"b\"],\"lead\":\"0123\",\"list\":[\"p\",\"q\",\"r\"],\"msg\":\"a,b\",\"n\":12345678,"
        + "\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"},\"nums\":[1,\"abc\"],\"t\":true}");
    assertThat(data).containsEntry("printed", "12345678").containsEntry("kinds", "a=map big=string hosts=slice lead=string "
        + "list=slice msg=string n=int64 nodeSelector=map nums=slice t=bool ");
  }

  @Test
  void setStringKeepsStringsAndIsAppliedAfterEverySet() {
    Map<String, String> data = render("--set-string", "n=5,flag=true", "--set", "n=6");

    assertThat(data).containsEntry("printed", "5").containsEntry("kinds", "flag=string gone=string list=slice n=string ");
  }

  @Test
  void anExpressionWithoutValueIsInvalidInputNamingWhere() {
    CommandLine commandLine = commandLine();
    commandLine.parseArgs(CHART.toString(), "--set", "image.tag=1", "--set", "a.b");
    HelmRenderCommand command = commandLine.getCommand();

    assertThatThrownBy(command::call).isInstanceOfSatisfying(CliException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
      assertThat(e.getMessage()).isEqualTo(CHART + " cannot be rendered:" + System.lineSeparator()
          + "  ERROR [helm-sets] values[1]: --set #2 is not valid at its end: the key has no value — write "
          + "PATH=VALUE assignments separated by ',', such as image.tag=1.8.2,hosts={a,b}; write \\, \\. or \\\\ "
          + "for a literal ',', '.' or '\\'");
    });
  }
}
