package dev.shipshape.helm;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Charts the tests make: Helm's own starter chart ({@code helm create}) plus hooks of every kind, a CRD with a
 * cluster-scoped custom resource, and a values schema.
 */
final class TestCharts {
  private TestCharts() {}

  /** {@code helm create web} as it is. */
  static Path starter(Path parent) {
    Helm.create().withName("web").withDir(parent).call();
    return parent.resolve("web");
  }

  /** The starter chart with hooks, a CRD and a values schema. */
  static Path full(Path parent) {
    Path chart = starter(parent);
    write(chart.resolve("templates/pre-install-migrate.yaml"), hookJob("migrate", "pre-install,pre-upgrade", "-5"));
    write(chart.resolve("templates/pre-install-config.yaml"), hookConfigMap("seed", "pre-install", "3"));
    write(chart.resolve("templates/post-install-notify.yaml"), hookConfigMap("notify", "post-install", "0"));
    write(chart.resolve("templates/pre-delete-cleanup.yaml"), hookConfigMap("cleanup", "pre-delete", "0"));
    write(chart.resolve("crds/widgets.yaml"), String.join("\n",
        "apiVersion: apiextensions.k8s.io/v1",
        "kind: CustomResourceDefinition",
        "metadata:",
        "  name: widgets.example.com",
        "spec:",
        "  group: example.com",
        "  scope: Cluster",
        "  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}",
        "  versions:",
        "  - name: v1",
        "    served: true",
        "    storage: true",
        "    schema:",
        "      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}",
        ""));
    write(chart.resolve("templates/widget.yaml"), String.join("\n",
        "apiVersion: example.com/v1",
        "kind: Widget",
        "metadata:",
        "  name: {{ .Release.Name }}-widget",
        "spec:",
        "  size: {{ .Values.replicaCount }}",
        ""));
    write(chart.resolve("values.schema.json"), String.join("\n",
        "{",
        "  \"type\": \"object\",",
        "  \"properties\": {",
        "    \"replicaCount\": {\"type\": \"integer\", \"minimum\": 1},",
        "    \"image\": {\"type\": \"object\", \"properties\": {\"pullPolicy\": {\"enum\": [\"Always\", \"IfNotPresent\"]}}}",
        "  }",
        "}",
        ""));
    return chart;
  }

  private static String hookJob(String name, String hooks, String weight) {
    return String.join("\n",
        "apiVersion: batch/v1",
        "kind: Job",
        "metadata:",
        "  name: {{ .Release.Name }}-" + name,
        "  annotations:",
        "    helm.sh/hook: " + hooks,
        "    helm.sh/hook-weight: \"" + weight + "\"",
        "    helm.sh/hook-delete-policy: before-hook-creation",
        "spec:",
        "  template:",
        "    spec:",
        "      restartPolicy: Never",
        "      containers:",
        "      - name: migrate",
        "        image: busybox:1.36",
        "        command: [\"true\"]",
        "");
  }

  private static String hookConfigMap(String name, String hooks, String weight) {
    return String.join("\n",
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: {{ .Release.Name }}-" + name,
        "  annotations:",
        "    helm.sh/hook: " + hooks,
        "    helm.sh/hook-weight: \"" + weight + "\"",
        "data:",
        "  event: " + hooks,
        "");
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
