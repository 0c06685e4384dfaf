package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialReportTest {
  private static final Plan PLAN = ClusterSpec.builder().name("shop").yaml("apiVersion: v1\nkind: Namespace\n"
      + "metadata: {name: shop}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n---\n"
      + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: shop}\n").build().plan();

  @Test
  void anInterruptedApplyReportsAppliedFailedAndNotAttempted() {
    PartialReport partial = new PartialReport();
    assertThat(partial.interrupted()).isFalse();
    partial.applyStart(PLAN);
    List<PlannedResource> resources = PLAN.resources();
    partial.resourceEnd(ResourceResult.builder().ref(resources.get(0).ref()).wave(resources.get(0).wave())
        .outcome(Outcome.CREATED).build());
    partial.resourceFailed(ResourceResult.builder().ref(resources.get(1).ref()).wave(resources.get(1).wave())
        .outcome(Outcome.FAILED).message("HTTP 403: forbidden").build(), new IllegalStateException("forbidden"));

    assertThat(partial.interrupted()).isTrue();
    assertThat(partial.report().counts()).containsEntry(Outcome.CREATED, 1).containsEntry(Outcome.FAILED, 1)
        .containsEntry(Outcome.NOT_ATTEMPTED, 1);
    assertThat(partial.interruptedText()).startsWith("Interrupted: the apply stopped before it finished; objects "
        + "already written stay on the cluster, apply again to finish.\n"
        + "created Namespace shop")
        .contains("failed ConfigMap shop/a: HTTP 403: forbidden\n")
        .contains("not attempted ConfigMap shop/b: interrupted before it was attempted\n")
        .contains("Applied shop: 1 created, 1 failed, 1 not attempted in ");
    partial.applyEnd(partial.report());
    assertThat(partial.interrupted()).isFalse();
  }
}
