package dev.shipshape.core.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecordingExecutorTest {
  private static final ResourceRef CONFIG = ResourceRef.core("ConfigMap", "shop", "web-config");
  private static final ResourceRef SERVICE = ResourceRef.core("Service", "shop", "web");

  private final RecordingExecutor cluster = new RecordingExecutor();

  private static List<ResourceRef> refs(Plan plan) {
    return plan.resources().stream().map(PlannedResource::ref).collect(Collectors.toList());
  }

  @Test
  void createsEverythingInApplyOrderThenReportsItUnchanged() {
    Plan plan = ShopSpec.full().plan();

    ApplyReport first = cluster.apply(plan);
    ApplyReport second = cluster.apply(plan);

    assertThat(first.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.CREATED);
    assertThat(cluster.written()).containsExactlyElementsOf(refs(plan));
    assertThat(cluster.stored()).containsExactlyElementsOf(refs(plan));
    assertThat(second.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.UNCHANGED);
    assertThat(second.results()).extracting(ResourceResult::attempts).containsOnly(0);
    assertThat(cluster.written()).hasSize(plan.resources().size());
  }

  @Test
  void anUpdateListsTheChangedFieldsAndIsWrittenAgain() {
    cluster.apply(ShopSpec.full().plan());

    ApplyReport report = cluster.apply(ShopSpec.full().configMap("staging").secret("n3w-t0ken").plan());

    assertThat(report.withOutcome(Outcome.UPDATED)).extracting(ResourceResult::ref)
        .containsExactly(ResourceRef.core("Secret", "shop", "web-token"), CONFIG);
    assertThat(report.results()).filteredOn(r -> r.ref().equals(CONFIG)).singleElement()
        .satisfies(r -> assertThat(r.changes()).containsExactly(FieldChange.of("data.mode",
            FieldChange.Kind.CHANGED, Optional.of("production"), Optional.of("staging"))));
    assertThat(report.toText()).doesNotContain(ShopSpec.TOKEN, "n3w-t0ken").contains("stringData.token: (hidden)");
    assertThat(cluster.written().subList(cluster.written().size() - 2, cluster.written().size()))
        .containsExactly(ResourceRef.core("Secret", "shop", "web-token"), CONFIG);
    assertThat(((ConfigMap) cluster.get(CONFIG).orElseThrow()).getData()).containsEntry("mode", "staging");
  }

  @Test
  void pruneRemovesOnlyThisSpecsObjectsThatLeftThePlan() {
    cluster.apply(ShopSpec.full().plan());
    Plan other = ClusterSpec.builder().name("other").preExistingNamespace("shop").yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: other
          namespace: shop
        """).build().plan();
    cluster.apply(other);

    ApplyReport withoutPrune = cluster.apply(ShopSpec.full().without("service").plan());
    ApplyReport pruned = cluster.apply(ShopSpec.full().without("service").plan(),
        ApplyOptions.builder().prune(true).build());

    assertThat(withoutPrune.withOutcome(Outcome.PRUNED)).isEmpty();
    assertThat(pruned.withOutcome(Outcome.PRUNED)).extracting(ResourceResult::ref).containsExactly(SERVICE);
    assertThat(cluster.get(SERVICE)).isEmpty();
    assertThat(cluster.get(ResourceRef.core("ConfigMap", "shop", "other"))).isPresent();
  }

  @Test
  void aDryRunReportsWithoutStoring() {
    ApplyReport report = cluster.apply(ShopSpec.full().plan(), ApplyOptions.builder().dryRun(true).build());

    assertThat(report.dryRun()).isTrue();
    assertThat(report.results()).extracting(ResourceResult::outcome).containsOnly(Outcome.CREATED);
    assertThat(cluster.stored()).isEmpty();
    assertThat(cluster.written()).isEmpty();
  }

  @Test
  void theListenerSeesEveryWaveAndObject() {
    RecordingListener listener = new RecordingListener();
    Plan plan = ShopSpec.full().plan();

    cluster.apply(plan, ApplyOptions.builder().listener(listener).build());

    assertThat(listener.events("waveStart")).hasSize(plan.waves().size());
    assertThat(listener.events("resourceEnd")).hasSize(plan.resources().size());
    assertThat(listener.events()).startsWith("applyStart shop", "waveStart 0").endsWith("applyEnd success");
  }
}
