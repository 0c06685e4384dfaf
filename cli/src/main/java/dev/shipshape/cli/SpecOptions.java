package dev.shipshape.cli;

import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The SPEC argument and the options that adjust the spec; shared by plan, render, diff and apply. */
final class SpecOptions {

  @Parameters(index = "0", paramLabel = "SPEC", description = "A spec script (*.jsh) that assigns a ClusterSpec to "
      + "a variable named 'spec', or a Kubernetes manifest file (*.yaml, *.yml, *.json) or a directory of them.")
  Path spec;

  @Option(names = "--name", paramLabel = "NAME", description = "The spec's name, a DNS label; it names the ApplySet "
      + "that tracks what was applied. By default, the name the script gives, or the manifest file or directory "
      + "name.")
  String name;

  @Option(names = "--pre-existing-namespace", paramLabel = "NS", description = "A namespace that exists on the "
      + "cluster although the spec does not create it; repeat for several. Without it, objects in a namespace the "
      + "spec does not create are errors.")
  List<String> preExistingNamespaces = new ArrayList<>();

  /**
   * Loads and plans the spec.
   *
   * @param invalidExitCode the exit code for a spec that does not validate
   * @throws CliException listing every problem when the spec is invalid, or saying why it cannot be loaded
   */
  Plan plan(int invalidExitCode) {
    try {
      ClusterSpec loaded = SpecSource.load(spec, Optional.ofNullable(name), preExistingNamespaces);
      return loaded.plan();
    } catch (SpecValidationException e) {
      throw new CliException(invalidExitCode, describe(e.problems()), e);
    } catch (ScriptException e) {
      throw new CliException(invalidExitCode, spec + " builds an invalid spec:" + System.lineSeparator()
          + e.getMessage(), e);
    }
  }

  private String describe(List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    StringBuilder text = new StringBuilder().append(spec).append(" is invalid: ").append(errors)
        .append(errors == 1 ? " error" : " errors");
    long warnings = problems.size() - errors;
    if (warnings > 0) text.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    text.append(" (each line names the object, the field, the problem and the fix)");
    for (Problem problem : problems) text.append(System.lineSeparator()).append(problem);
    return text.toString();
  }
}
