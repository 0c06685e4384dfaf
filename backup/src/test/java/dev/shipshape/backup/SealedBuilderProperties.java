package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Backup components are values: changing the workloads and label maps given to their builders, or the workloads
 * read back from a built component, never changes what the spec plans.
 */
class SealedBuilderProperties {

  @Property(tries = 30)
  void changingHookWorkloadsAfterBuildDoesNotChangeThePlan(@ForAll("labels") Map<String, String> labels) {
    Deployment db = Fixtures.deployment("t1", "db", "db");
    PodBackupHooks hooks = PodBackupHooks.builder().name("db-hooks").workload(db)
        .pre(ExecHook.in("db", "sync").build()).build();
    ClusterSpec spec = spec(hooks);
    String before = spec.plan().toYaml();

    db.getMetadata().setLabels(new LinkedHashMap<>(labels));
    db.getSpec().getTemplate().getSpec().getContainers().get(0).setName("renamed");
    for (HasMetadata workload : hooks.workloads()) {
      workload.getMetadata().setName("renamed");
      ((Deployment) workload).getSpec().setReplicas(7);
    }

    assertThat(spec.plan().toYaml()).isEqualTo(before);
    assertThat(hooks.workloads()).extracting(w -> w.getMetadata().getName()).containsExactly("db");
  }

  @Property(tries = 30)
  void changingSelectorMapsAfterBuildDoesNotChangeThePlan(@ForAll("labels") Map<String, String> labels) {
    Map<String, String> selector = new LinkedHashMap<>(labels);
    Map<String, String> podLabels = new LinkedHashMap<>(Map.of("app", "web"));
    List<String> namespaces = new ArrayList<>(List.of("t1"));
    VeleroSchedule schedule = VeleroSchedule.daily("t1-daily").addAllIncludedNamespaces(namespaces)
        .orLabelSelector(selector).orLabelSelector(Map.of("tier", "data")).build();
    VeleroRestore restore = VeleroRestore.fromSchedule("t1-restore", "t1-daily").namespaces("t1")
        .orLabelSelector(selector).orLabelSelector(Map.of("tier", "data")).build();
    PodBackupHooks hooks = PodBackupHooks.builder().name("hooks").selecting("t1", podLabels)
        .post(ExecHook.in("web", "sync").build()).build();
    ClusterSpec spec = spec(schedule, restore, hooks);
    String before = spec.plan().toYaml();

    selector.put("changed", "yes");
    podLabels.clear();
    namespaces.add("t2");

    assertThat(spec.plan().toYaml()).isEqualTo(before);
    assertThat(schedule.orLabelSelectors().get(0)).isEqualTo(labels);
  }

  @Provide
  Arbitrary<Map<String, String>> labels() {
    Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
    return Arbitraries.maps(words, words).ofMinSize(1).ofMaxSize(4);
  }

  private static ClusterSpec spec(dev.shipshape.core.Component... components) {
    return ClusterSpec.builder().name("prod").resource(TestManifests.namespace("t1"))
        .resource(Fixtures.deployment("t1", "web", "web")).preExistingNamespace("velero")
        .preExistingCrd(Velero.CRDS).component(components).build();
  }
}
