package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.StaticComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
  private static final String SPEC = String.join("\n",
      "apiVersion: v1", "kind: Namespace", "metadata: {name: shop}", "---",
      "apiVersion: v1", "kind: Namespace", "metadata: {name: tools}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}},"
          + " spec: {containers: [{name: web, image: 'nginx:1.27'}]}}}", "---",
      "apiVersion: v1", "kind: ConfigMap", "metadata: {name: cfg, namespace: shop}", "---",
      "apiVersion: batch/v1", "kind: Job", "metadata: {name: migrate, namespace: shop}",
      "spec: {template: {spec: {restartPolicy: Never, containers: [{name: m, image: 'tool:1'}]}}}", "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: ci, namespace: tools}",
      "spec: {selector: {matchLabels: {app: ci}}, template: {metadata: {labels: {app: ci}},"
          + " spec: {containers: [{name: ci, image: 'ci:1'}]}}}", "");

  @Test
  void inNamespaceGivesTheNamespacesObjectsThatRunPodsInSpecOrder() {
    List<String> shop = new ArrayList<>();
    List<String> elsewhere = new ArrayList<>();
    List<String> nowhere = new ArrayList<>();
    StaticComponent asking = StaticComponent.of("asking").validatedBy(context -> {
      Workloads.inNamespace(context, "shop").forEach(o -> shop.add(o.getKind() + " " + o.getMetadata().getName()));
      Workloads.inNamespace(context, "tools").forEach(o -> elsewhere.add(o.getMetadata().getName()));
      Workloads.inNamespace(context, "nowhere").forEach(o -> nowhere.add(o.getMetadata().getName()));
      return List.of();
    });

    ClusterSpec.builder().name("shop").yaml(SPEC).component(asking).build().plan();

    assertThat(shop).containsExactly("Deployment web", "Job migrate");
    assertThat(elsewhere).containsExactly("ci");
    assertThat(nowhere).isEmpty();
  }
}
