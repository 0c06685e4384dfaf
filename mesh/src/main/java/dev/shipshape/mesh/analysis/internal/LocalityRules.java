package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of Istio's validation of locality load balancing ({@code ValidateLocalityLbSetting} in istio/istio
 * {@code pkg/config/validation/agent}), over {@code localityLbSetting} as a tree: {@code distribute} and
 * {@code failover} exclude each other, and so do {@code failover} and the topology labels in
 * {@code failoverPriority}; each distribution's weights are from 1 to 100 and sum to 100; localities are
 * {@code region/zone/subzone} without empty parts, with at most one {@code *}, at the end, and none overlapping
 * another; a failover goes from one region to another (no {@code /}, no {@code *}); failover without outlier
 * detection is a warning (nothing tells the unhealthy pods).
 */
final class LocalityRules {
  private static final Set<String> TOPOLOGY_LABELS = Set.of("topology.kubernetes.io/region",
      "topology.kubernetes.io/zone", "topology.istio.io/subzone");

  private LocalityRules() {}

  /** Checks the setting at {@code at}; nothing when it is absent. */
  static void check(JsonNode setting, String at, boolean outlierDetection, RuleSink out) {
    if (!setting.isObject()) return;
    List<JsonNode> distribute = Json.list(setting.path("distribute"));
    List<JsonNode> failover = Json.list(setting.path("failover"));
    List<String> priority = Json.strings(setting.path("failoverPriority"));
    if (!distribute.isEmpty() && !failover.isEmpty()) {
      out.error(at, "can not simultaneously specify 'distribute' and 'failover'", "keep one of them");
      return;
    }
    if (!failover.isEmpty()) {
      for (String label : priority) {
        if (TOPOLOGY_LABELS.contains(label)) {
          out.error(at + ".failoverPriority", "can not simultaneously set 'failover' and topology label '" + label
              + "' in 'failover_priority'", "remove the topology label, or the failover");
          return;
        }
      }
    }
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < distribute.size(); i++) {
      JsonNode entry = distribute.get(i);
      String field = at + ".distribute[" + i + "]";
      sources.add(Json.text(entry.path("from")));
      long total = 0;
      List<String> targets = new ArrayList<>();
      for (var it = entry.path("to").fields(); it.hasNext(); ) {
        var target = it.next();
        targets.add(target.getKey());
        long weight = target.getValue().asLong(0);
        if (weight <= 0 || weight > 100) {
          out.error(field + ".to", "locality weight must be in range [1, 100]", "give each locality 1 to 100");
          return;
        }
        total += weight;
      }
      if (total != 100) {
        out.error(field + ".to", "total locality weight " + total + " != 100", "make the weights sum to 100");
        return;
      }
      Optional<String> overlap = localities(targets);
      if (overlap.isPresent()) {
        out.error(field + ".to", overlap.get(), "give each locality once, a wildcard only as its last part");
      }
    }
    localities(sources).ifPresent(problem -> out.error(at + ".distribute", problem,
        "give each locality once, a wildcard only as its last part"));
    if ((!failover.isEmpty() || !priority.isEmpty()) && !outlierDetection) {
      out.warning(at, "outlier detection policy must be provided for failover",
          "add outlierDetection: failover needs it to tell unhealthy pods");
    }
    for (int i = 0; i < failover.size(); i++) {
      String from = Json.text(failover.get(i).path("from"));
      String to = Json.text(failover.get(i).path("to"));
      String field = at + ".failover[" + i + "]";
      if (from.equals(to)) {
        out.error(field, "locality lb failover settings must specify different regions", "fail over to another "
            + "region");
      }
      if (from.contains("/") || to.contains("/")) {
        out.error(field, "locality lb failover only specify region", "give regions, without zones");
      }
      if (from.contains("*") || to.contains("*")) {
        out.error(field, "locality lb failover region should not contain '*' wildcard", "name the regions");
      }
    }
  }

  /**
   * Why localities are invalid together (Istio's {@code validateLocalities}): a wildcard not alone at the end, an
   * empty part, or a locality that overlaps one before it; empty when they are valid.
   */
  private static Optional<String> localities(List<String> localities) {
    Map<String, Map<String, Map<String, Boolean>>> seen = new HashMap<>();
    for (String locality : localities) {
      long stars = locality.chars().filter(c -> c == '*').count();
      if (stars > 1 || stars == 1 && !locality.endsWith("*")) {
        return Optional.of("locality " + locality + " wildcard '*' number can not exceed 1 and must be in the end");
      }
      if (seen.containsKey("*")) return Optional.of(overlap(locality));
      String[] parts = locality.split("/", 3);
      for (String part : parts) {
        if (part.isEmpty()) {
          return Optional.of("locality " + locality + " must not contain empty region/zone/subzone info");
        }
      }
      String region = parts[0];
      Map<String, Map<String, Boolean>> zones = seen.get(region);
      if (parts.length == 1) {
        if (zones != null) return Optional.of(overlap(locality));
        seen.put(region, new HashMap<>(Map.of("*", new HashMap<>(Map.of("*", true)))));
        continue;
      }
      String zone = parts[1];
      if (zones == null) {
        zones = new HashMap<>();
        seen.put(region, zones);
      } else if (zones.containsKey("*")) {
        return Optional.of(overlap(locality));
      }
      Map<String, Boolean> subzones = zones.get(zone);
      if (parts.length == 2) {
        if (subzones != null) return Optional.of(overlap(locality));
        zones.put(zone, new HashMap<>(Map.of("*", true)));
        continue;
      }
      if (subzones == null) {
        zones.put(zone, new HashMap<>(Map.of(parts[2], true)));
      } else if (subzones.containsKey("*") || subzones.containsKey(parts[2])) {
        return Optional.of(overlap(locality));
      } else {
        subzones.put(parts[2], true);
      }
    }
    return Optional.empty();
  }

  private static String overlap(String locality) {
    return "locality " + locality + " overlap with previous specified ones";
  }
}
