package dev.shipshape.cli;

import dev.shipshape.core.plan.Plan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape render SPEC [--out DIR]}: the plan as YAML, for kubectl or a GitOps repository. */
@Command(name = "render",
    mixinStandardHelpOptions = true,
    description = "Validates the spec and writes its objects in apply order: multi-document YAML on standard output "
        + "(as 'kubectl apply -f -' reads it), or with --out one file per object plus a kustomization.yaml.",
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {
        "0:rendered",
        "1:the spec is invalid; every problem is listed, one per line",
        "2:usage error",
        "3:the spec cannot be loaded, or DIR cannot be written",
        "6:internal error"})
final class RenderCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

  @Mixin
  SpecOptions specOptions;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write a GitOps directory instead: files named "
      + "WAVE-POSITION-kind-namespace-name.yaml and a kustomization.yaml listing them in apply order. Files of an "
      + "earlier render to DIR are replaced.")
  Path out;

  @Override
  public Integer call() {
    Plan plan = specOptions.plan(ExitCode.INVALID_OR_CHANGED);
    PrintWriter stdout = parent.spec.commandLine().getOut();
    if (out == null) {
      try {
        plan.writeYaml(stdout);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      List<Path> written;
      try {
        written = plan.writeTo(out);
      } catch (UncheckedIOException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage() + ": " + e.getCause().getMessage()
            + " — pass a writable directory to --out", e);
      }
      stdout.println("Wrote " + (written.size() - 1) + " objects and kustomization.yaml to " + out);
    }
    stdout.flush();
    return ExitCode.OK;
  }
}
