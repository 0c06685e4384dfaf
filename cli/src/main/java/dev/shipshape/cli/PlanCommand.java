package dev.shipshape.cli;

import dev.shipshape.cli.spi.ExitCode;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code shipshape plan SPEC}: validates the spec and shows its waves and objects. */
@Command(name = "plan",
    mixinStandardHelpOptions = true,
    description = "Validates the spec and prints its waves and a table of every object (wave, kind, namespace/name, "
        + "component), then the warnings. Does not contact a cluster.")
final class PlanCommand implements Callable<Integer> {
  @ParentCommand
  Shipshape parent;

  @Mixin
  SpecOptions specOptions;

  @Mixin
  FormatOption formatOption;

  @Override
  public Integer call() {
    PrintWriter out = parent.spec.commandLine().getOut();
    Plan plan = formatOption.plan(specOptions, out);
    if (formatOption.json()) {
      FormatOption.print(out, plan.toJson());
      return ExitCode.OK.code();
    }
    for (Wave wave : plan.waves()) out.println(describe(wave));
    out.println();
    out.print(plan.summary());
    out.flush();
    return ExitCode.OK.code();
  }

  /** {@code wave 1: 4 objects (2 ResourceQuota, 2 LimitRange), after Namespace shop Active}. */
  static String describe(Wave wave) {
    Map<String, Long> kinds = wave.resources().stream().collect(Collectors.groupingBy(
        (PlannedResource r) -> r.ref().groupKind(), LinkedHashMap::new, Collectors.counting()));
    String counts = kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
    int size = wave.resources().size();
    return "wave " + wave.index() + ": " + size + (size == 1 ? " object (" : " objects (") + counts + ")"
        + (wave.gates().isEmpty() ? "" : ", after " + wave.gates().size()
            + (wave.gates().size() == 1 ? " gate" : " gates"));
  }
}
