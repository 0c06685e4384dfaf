package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Coverage finds schedules by the namespaces they name; it must answer as testing every active schedule against
 * every namespace with claims does: included (by name, pattern or everything) and not excluded, with resource
 * filters that take claims.
 */
class CoveragePropertyTest {
  private static final List<String> NAMESPACES = List.of("t1", "t2", "t10", "db");

  @Property(tries = 300)
  void uncoveredNamespacesAreThoseNoActiveScheduleTakesClaimsFrom(
      @ForAll("schedules") List<Map<String, Object>> schedules, @ForAll("claimNamespaces") List<String> claims)
      throws JsonProcessingException {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < claims.size(); i++) {
      yaml.append("---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: c").append(i)
          .append(", namespace: ").append(claims.get(i)).append("}\n");
    }
    for (int i = 0; i < schedules.size(); i++) {
      yaml.append("---\napiVersion: velero.io/v1\nkind: Schedule\nmetadata: {name: s").append(i)
          .append(", namespace: velero}\nspec: ").append(json(schedules.get(i))).append('\n');
    }
    List<HasMetadata> objects = Manifests.parse(yaml.toString());
    List<HasMetadata> claimObjects = objects.stream().filter(o -> o.getKind().equals("PersistentVolumeClaim")).toList();
    List<HasMetadata> scheduleObjects = objects.stream().filter(o -> o.getKind().equals("Schedule")).toList();

    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (int i = 0; i < claims.size(); i++) {
      String ns = claims.get(i);
      if (schedules.stream().noneMatch(s -> backsUpClaimsOf(s, ns))) {
        expected.computeIfAbsent(ns, k -> new ArrayList<>()).add("c" + i);
      }
    }
    assertThat(Coverage.uncovered(claimObjects, List.of(), scheduleObjects, ns -> true)).isEqualTo(expected);
  }

  /** The schedule's spec as JSON, which is YAML too. */
  private static String json(Map<String, Object> schedule) throws JsonProcessingException {
    Map<String, Object> spec = new LinkedHashMap<>(schedule);
    spec.put("schedule", "0 3 * * *");
    return new ObjectMapper().writeValueAsString(spec);
  }

  @SuppressWarnings("unchecked")
  private static boolean backsUpClaimsOf(Map<String, Object> schedule, String ns) {
    if (Boolean.TRUE.equals(schedule.get("paused"))) return false;
    Map<String, List<String>> t = (Map<String, List<String>>) schedule.get("template");
    List<String> included = t.getOrDefault("includedNamespaces", List.of());
    List<String> excluded = t.getOrDefault("excludedNamespaces", List.of());
    List<String> resources = t.get("includedResources");
    boolean takesClaims = resources == null || resources.contains("*")
        || resources.contains("persistentvolumeclaims");
    boolean excludesClaims = t.getOrDefault("excludedResources", List.of()).contains("persistentvolumeclaims");
    return NamespaceSelection.of(included, excluded).covers(ns) && takesClaims && !excludesClaims;
  }

  @Provide
  Arbitrary<List<String>> claimNamespaces() {
    return Arbitraries.of(NAMESPACES).list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> schedules() {
    Arbitrary<List<String>> namespaces = Arbitraries.of("t1", "t2", "t10", "db", "t*", "t?", "*", "other")
        .list().ofMaxSize(2);
    Arbitrary<List<String>> resources = Arbitraries.of("persistentvolumeclaims", "deployments", "*").list()
        .ofMinSize(1).ofMaxSize(2);
    Arbitrary<Map<String, Object>> template = Combinators.combine(namespaces, namespaces, resources.injectNull(0.5),
        resources.injectNull(0.7)).as((included, excluded, includedResources, excludedResources) -> {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("includedNamespaces", included);
          t.put("excludedNamespaces", excluded);
          if (includedResources != null) t.put("includedResources", includedResources);
          if (excludedResources != null) t.put("excludedResources", excludedResources);
          return t;
        });
    return Combinators.combine(template, Arbitraries.of(true, false).injectNull(0.3))
        .as((t, paused) -> {
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("template", t);
          s.put("paused", paused);
          return s;
        }).list().ofMaxSize(3);
  }
}
