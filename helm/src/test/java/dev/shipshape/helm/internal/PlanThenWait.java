package dev.shipshape.helm.internal;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.helm.HelmChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process for {@link GoSignalsTest}: plans a spec with a chart in the directory of its argument (Helm renders it
 * in this process), says so on standard output, then waits to be ended.
 */
public final class PlanThenWait {
  private PlanThenWait() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path chart = Files.createDirectories(Path.of(args[0]).resolve("templates")).getParent();
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    Files.writeString(chart.resolve("templates/settings.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n");
    int objects = ClusterSpec.builder().name("signals").preExistingNamespace("shop")
        .component(HelmChart.directory(chart).release("web").namespace("shop").build())
        .build().plan().resources().size();
    System.out.println("planned " + objects);
    System.out.flush();
    Thread.sleep(120_000);
  }
}
