package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A Schedule or Backup given as raw YAML has the same template problems, word for word and once each, as the
 * {@code VeleroSchedule} or {@code VeleroBackup} that compiles to it: filters, label selectors, locations,
 * namespaces and hooks are read from the object, whoever made it.
 */
class RawTemplateEquivalenceProperties {
  private static final List<String> NAMESPACES = List.of("t1", "t9", "*", "T_1", "t?", "velero");
  private static final List<String> RESOURCES = List.of("pods", "*", "secrets");
  private static final List<String> LOCATIONS = List.of("", "primary", "missing");
  private static final List<String> CONTAINERS = List.of("", "db", "postgres");
  private static final List<String> TIMEOUTS = List.of("", "1m", "5 minutes");
  private static final List<String> LABELS = List.of("", "db", "web");

  @Property(tries = 60)
  void aRawTemplateHasTheProblemsOfTheBuiltOne(
      @ForAll boolean schedule,
      @ForAll @Size(max = 3) List<@IntRange(max = 5) Integer> included,
      @ForAll @Size(max = 2) List<@IntRange(max = 5) Integer> excluded,
      @ForAll @Size(max = 2) List<@IntRange(max = 2) Integer> includedResources,
      @ForAll @Size(max = 2) List<@IntRange(max = 2) Integer> excludedClusterScoped,
      @ForAll @IntRange(max = 2) int label, @ForAll @IntRange(max = 2) int orLabel,
      @ForAll @IntRange(max = 2) int location, @ForAll boolean snapshotLocation,
      @ForAll boolean hook, @ForAll @IntRange(max = 2) int hookLabel, @ForAll @IntRange(max = 2) int container,
      @ForAll @IntRange(max = 2) int timeout) {
    TemplateSetters<?> built = schedule ? VeleroSchedule.builder().schedule("15 3 * * *")
        : VeleroBackup.builder();
    built.name("s");
    StringBuilder yaml = new StringBuilder();
    List<String> in = pick(NAMESPACES, included);
    List<String> out = pick(NAMESPACES, excluded);
    List<String> resources = pick(RESOURCES, includedResources);
    List<String> clusterScoped = pick(RESOURCES, excludedClusterScoped);
    built.includedNamespaces(in).excludedNamespaces(out).includedResources(resources)
        .excludedClusterScopedResources(clusterScoped);
    list(yaml, "includedNamespaces", in);
    list(yaml, "excludedNamespaces", out);
    list(yaml, "includedResources", resources);
    list(yaml, "excludedClusterScopedResources", clusterScoped);
    if (!LABELS.get(label).isEmpty()) {
      built.label("app", LABELS.get(label));
      yaml.append("labelSelector: {matchLabels: {app: ").append(LABELS.get(label)).append("}}\n");
    }
    if (!LABELS.get(orLabel).isEmpty()) {
      built.orLabelSelector(Map.of("app", LABELS.get(orLabel)));
      yaml.append("orLabelSelectors: [{matchLabels: {app: ").append(LABELS.get(orLabel)).append("}}]\n");
    }
    if (!LOCATIONS.get(location).isEmpty()) {
      built.storageLocation(LOCATIONS.get(location));
      yaml.append("storageLocation: ").append(LOCATIONS.get(location)).append('\n');
    }
    if (snapshotLocation) {
      built.addVolumeSnapshotLocations("ebs");
      yaml.append("volumeSnapshotLocations: [ebs]\n");
    }
    if (hook) hook(built, yaml, hookLabel, container, timeout);
    String body = yaml.toString().lines().map(l -> (schedule ? "    " : "  ") + l + "\n")
        .collect(Collectors.joining());
    String raw = "apiVersion: velero.io/v1\nkind: " + (schedule ? "Schedule" : "Backup") + "\nmetadata:\n"
        + "  name: s\n  namespace: velero\nspec:\n"
        + (schedule ? "  schedule: '15 3 * * *'\n  template:\n" + (body.isEmpty() ? "    {}\n" : body) : body);
    Component component = schedule ? ((VeleroSchedule.Builder) built).build() : ((VeleroBackup.Builder) built).build();
    List<String> fromBuilt = problems(tenantSpec().component(component).build()).stream()
        .map(p -> p.replace(" [s] ", " [resources] ")).collect(Collectors.toList());
    List<String> fromRaw = problems(tenantSpec().resource(Manifests.parse(raw).get(0)).build());
    assertThat(fromRaw).as(raw).containsExactlyElementsOf(fromBuilt).doesNotHaveDuplicates();
  }

  private static void hook(TemplateSetters<?> built, StringBuilder yaml, int label, int container, int timeout) {
    ExecHook.Builder exec = ExecHook.builder().addCommand("sync");
    BackupHook.Builder hook = BackupHook.named("freeze");
    yaml.append("hooks:\n  resources:\n  - name: freeze\n");
    if (!LABELS.get(label).isEmpty()) {
      hook.label("app", LABELS.get(label));
      yaml.append("    labelSelector: {matchLabels: {app: ").append(LABELS.get(label)).append("}}\n");
    }
    yaml.append("    pre:\n    - exec:\n        command: [sync]\n");
    if (!CONTAINERS.get(container).isEmpty()) {
      exec.container(CONTAINERS.get(container));
      yaml.append("        container: ").append(CONTAINERS.get(container)).append('\n');
    }
    if (!TIMEOUTS.get(timeout).isEmpty()) {
      exec.timeout(TIMEOUTS.get(timeout));
      yaml.append("        timeout: '").append(TIMEOUTS.get(timeout)).append("'\n");
    }
    built.hook(hook.pre(exec.build()).build());
  }

  private static List<String> pick(List<String> pool, List<Integer> indexes) {
    return indexes.stream().map(pool::get).collect(Collectors.toList());
  }

  private static void list(StringBuilder yaml, String field, List<String> values) {
    if (values.isEmpty()) return;
    yaml.append(field).append(": [").append(values.stream().map(v -> "'" + v + "'")
        .collect(Collectors.joining(", "))).append("]\n");
  }
}
