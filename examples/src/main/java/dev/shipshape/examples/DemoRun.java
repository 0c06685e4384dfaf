package dev.shipshape.examples;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PrintingApplyListener;
import dev.shipshape.core.plan.Plan;
import java.io.PrintStream;

/**
 * The demo's steps on any cluster: plan and print the summary, apply with progress, apply again (which must change
 * nothing), print the report. Returns the process exit code: 0 on success, 1 for an invalid spec, 2 when an apply
 * failed or the second apply still changed something.
 */
final class DemoRun {
  private final PrintStream out;

  DemoRun(PrintStream out) {
    this.out = out;
  }

  int run(ClusterSpec spec, KubernetesExecutor executor) {
    Plan plan;
    try {
      plan = spec.plan();
    } catch (SpecValidationException e) {
      out.println(e.getMessage());
      return 1;
    }
    out.println(plan.summary());
    // Server-side apply, or create and merge-patch on a server without it (the embedded one).
    KubernetesExecutor auto = executor.toBuilder().strategy(ApplyStrategy.AUTO).build();
    ApplyOptions options = ApplyOptions.builder().listener(new PrintingApplyListener(out)).build();
    ApplyReport first = auto.apply(plan, options);
    out.println(first.toText());
    if (!first.isSuccess()) return 2;
    out.println("Applying the same plan again: nothing should change.");
    ApplyReport second = auto.apply(plan, options);
    out.println(second.toText());
    if (!second.isSuccess()) return 2;
    if (second.changeCount() != 0) {
      out.println("The second apply changed " + second.changeCount() + " objects; it should have changed none.");
      return 2;
    }
    return 0;
  }
}
