package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A Restore given as raw YAML has the same problems, word for word and once each, as the {@code VeleroRestore}
 * that compiles to it: the rules read the object, whoever made it.
 */
class RawRestoreEquivalenceProperties {
  private static final List<String> NAMESPACES = List.of("t1", "t9", "*");
  private static final List<String> RESOURCES = List.of("pods", "*", "nodes");
  private static final List<String> TARGETS = List.of("t1-copy", "T1_Copy");
  private static final List<String> LABELS = List.of("", "db");

  @Property(tries = 40)
  void aRawRestoreHasTheProblemsOfTheBuiltOne(
      @ForAll boolean fromBackup, @ForAll @IntRange(max = 2) int schedule,
      @ForAll @Size(max = 2) List<@IntRange(max = 2) Integer> included,
      @ForAll @Size(max = 2) List<@IntRange(max = 2) Integer> excluded,
      @ForAll @Size(max = 2) List<@IntRange(max = 2) Integer> includedResources,
      @ForAll @Size(max = 2) List<@IntRange(max = 2) Integer> excludedResources,
      @ForAll @IntRange(max = 1) int label, @ForAll @IntRange(max = 1) int orLabel,
      @ForAll boolean mapped, @ForAll @IntRange(max = 1) int target) {
    VeleroRestore.Builder built = VeleroRestore.builder().name("s");
    StringBuilder yaml = new StringBuilder();
    if (fromBackup) {
      built.backupName("b-1");
      yaml.append("backupName: b-1\n");
    }
    if (schedule > 0) {
      String name = schedule == 1 ? "d" : "missing";
      built.scheduleName(name);
      yaml.append("scheduleName: ").append(name).append('\n');
    }
    List<String> in = pick(NAMESPACES, included);
    List<String> out = pick(NAMESPACES, excluded);
    List<String> resources = pick(RESOURCES, includedResources);
    List<String> outResources = pick(RESOURCES, excludedResources);
    built.includedNamespaces(in).excludedNamespaces(out).includedResources(resources)
        .excludedResources(outResources);
    list(yaml, "includedNamespaces", in);
    list(yaml, "excludedNamespaces", out);
    list(yaml, "includedResources", resources);
    list(yaml, "excludedResources", outResources);
    if (!LABELS.get(label).isEmpty()) {
      built.putLabelSelector("app", LABELS.get(label));
      yaml.append("labelSelector: {matchLabels: {app: ").append(LABELS.get(label)).append("}}\n");
    }
    if (!LABELS.get(orLabel).isEmpty()) {
      built.orLabelSelector(Map.of("app", LABELS.get(orLabel)));
      yaml.append("orLabelSelectors: [{matchLabels: {app: ").append(LABELS.get(orLabel)).append("}}]\n");
    }
    if (mapped) {
      built.mapNamespace("t1", TARGETS.get(target));
      yaml.append("namespaceMapping: {t1: ").append(TARGETS.get(target)).append("}\n");
    }
    String body = yaml.toString().lines().map(l -> "  " + l + "\n").collect(Collectors.joining());
    String raw = "apiVersion: velero.io/v1\nkind: Restore\nmetadata:\n  name: s\n  namespace: velero\nspec:\n"
        + (body.isEmpty() ? "  {}\n" : body);
    VeleroSchedule daily = VeleroSchedule.daily("d").namespaces("t1").build();
    List<String> fromBuilt = problems(tenantSpec().component(daily, built.build()).build()).stream()
        .map(p -> p.replace(" [s] ", " [resources] ")).collect(Collectors.toList());
    List<String> fromRaw = problems(tenantSpec().component(daily).resource(Manifests.parse(raw).get(0)).build());
    assertThat(fromRaw).isEqualTo(fromBuilt);
  }

  private static List<String> pick(List<String> values, List<Integer> indexes) {
    return indexes.stream().map(values::get).distinct().collect(Collectors.toList());
  }

  private static void list(StringBuilder yaml, String field, List<String> values) {
    if (values.isEmpty()) return;
    yaml.append(field).append(": [").append(values.stream().map(v -> "'" + v + "'")
        .collect(Collectors.joining(", "))).append("]\n");
  }
}
