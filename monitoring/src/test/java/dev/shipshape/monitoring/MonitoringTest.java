package dev.shipshape.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MonitoringTest {

  @Test
  void printsWhatItDerives() {
    Plan plan = Fixtures.monitoredShop().plan();
    List<HasMetadata> objects = Fixtures.objectsOf(plan, "monitoring");
    System.out.println(Manifests.toYaml(objects));
    System.out.println(plan.warnings());
    System.out.println(RuleFiles.of(plan));
    assertThat(objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/"
        + o.getMetadata().getName()).collect(Collectors.toList())).isNotEmpty();
  }
}
