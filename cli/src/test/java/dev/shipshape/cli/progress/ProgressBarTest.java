package dev.shipshape.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.plan.Wave;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final String ERASE = "\r\u001b[2K";

  private final StringWriter text = new StringWriter();
  private final AtomicLong clock = new AtomicLong();
  private final ProgressBar bar = new ProgressBar(new PrintWriter(text), clock::get, null);

  private final Plan plan = ClusterSpec.builder().name("shop")
      .yaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
          + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\n"
          + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: shop\n"
          + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n")
      .build().plan();

  private static ResourceResult result(PlannedResource resource, Outcome outcome) {
    return ResourceResult.builder().ref(resource.ref()).outcome(outcome).wave(resource.wave()).attempts(1).build();
  }

  @Test
  void redrawsOneLinePerWaveWithCountsAndElapsedTime() {
    Wave configMaps = plan.waves().get(1);

    bar.applyStart(plan);
    bar.waveStart(configMaps);
    clock.set(Duration.ofMillis(1500).toNanos());
    bar.resourceEnd(result(configMaps.resources().get(0), Outcome.CREATED));
    bar.resourceEnd(result(configMaps.resources().get(1), Outcome.UNCHANGED));

    assertThat(bar.line()).isEqualTo("wave 1 of 0..1 [################--------] 2/3  1 created, 1 unchanged  1.5s");

    bar.resourceEnd(result(configMaps.resources().get(2), Outcome.UNCHANGED));
    bar.waveEnd(configMaps);

    assertThat(text.toString()).isEqualTo("Applying shop: 4 objects in 2 waves\n"
        + ERASE + "wave 1 of 0..1 [------------------------] 0/3  0.0s"
        + ERASE + "wave 1 of 0..1 [########----------------] 1/3  1 created  1.5s"
        + ERASE + "wave 1 of 0..1 [################--------] 2/3  1 created, 1 unchanged  1.5s"
        + ERASE + "wave 1 of 0..1 [########################] 3/3  1 created, 2 unchanged  1.5s"
        + ERASE + "wave 1 of 0..1 [########################] 3/3  1 created, 2 unchanged  1.5s\n");
  }

  @Test
  void printsFailuresAboveTheBarAndMarksTheWaveFailed() {
    Wave configMaps = plan.waves().get(1);
    PlannedResource first = configMaps.resources().get(0);

    bar.applyStart(plan);
    bar.waveStart(configMaps);
    bar.resourceRetry(first, 1, Duration.ofMillis(200), new IllegalStateException("503"));
    assertThat(bar.line()).endsWith("0.0s  retrying ConfigMap shop/a (attempt 1 failed)");
    bar.resourceFailed(ResourceResult.builder().from(result(first, Outcome.FAILED)).message("forbidden").build(),
        new IllegalStateException("403"));
    bar.waveFailed(configMaps, new IllegalStateException("403"));
    bar.applyEnd(ApplyReport.builder().specName("shop").dryRun(false).elapsed(Duration.ZERO).build());

    assertThat(text.toString()).contains(ERASE + "failed ConfigMap shop/a: forbidden\n"
        + ERASE + "wave 1 of 0..1 [########----------------] 1/3  1 failed  0.0s  retrying ConfigMap shop/a (attempt 1 failed)")
        .endsWith("1/3  1 failed  0.0s  FAILED\n");
  }

  @Test
  void showsTheGateItWaitsFor() {
    bar.applyStart(plan);
    bar.waitStart(plan.waves().get(1).gates().get(0));

    assertThat(bar.line()).isEqualTo("waiting for " + plan.waves().get(1).gates().get(0));
  }
}
