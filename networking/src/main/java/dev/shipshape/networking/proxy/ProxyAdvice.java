package dev.shipshape.networking.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.networking.reach.internal.Json;
import java.util.List;
import java.util.Locale;

/**
 * A recommended kube-proxy mode, with the estimates and the reasoning behind it.
 *
 * @param load the Services considered
 * @param target the target Kubernetes version
 * @param recommended the mode to use
 * @param estimates the cost of each mode
 * @param reasons why, one sentence each
 */
public record ProxyAdvice(ServiceLoad load, KubernetesVersion target, ProxyMode recommended,
    List<ModeEstimate> estimates, List<String> reasons) {

  public ProxyAdvice {
    estimates = List.copyOf(estimates);
    reasons = List.copyOf(reasons);
  }

  /** A table of the estimates, then the recommendation and its reasons. */
  public String toText() {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%d service ports, %d endpoints, %d node ports; Kubernetes %s%n", load.servicePorts(), load.endpoints(),
        load.nodePorts(), target));
    out.append(String.format(Locale.ROOT, "%-9s %15s %20s %17s%n", "MODE", "KERNEL OBJECTS", "FIRST-PACKET LOOKUPS",
        "FULL-SYNC WRITES"));
    for (ModeEstimate e : estimates) {
      out.append(String.format(Locale.ROOT, "%-9s %15d %20d %17d%n", e.mode().configValue(), e.kernelObjects(),
          e.firstPacketLookups(), e.fullSyncWrites()));
    }
    out.append("recommended: ").append(recommended.configValue()).append('\n');
    for (String r : reasons) out.append("- ").append(r).append('\n');
    return out.toString();
  }

  /** The same as a JSON object. */
  public String toJson() {
    ObjectNode root = Json.object();
    root.put("servicePorts", load.servicePorts()).put("endpoints", load.endpoints())
        .put("nodePorts", load.nodePorts()).put("target", target.toString())
        .put("recommended", recommended.configValue());
    ArrayNode modes = root.putArray("estimates");
    for (ModeEstimate e : estimates) {
      modes.addObject().put("mode", e.mode().configValue()).put("kernelObjects", e.kernelObjects())
          .put("firstPacketLookups", e.firstPacketLookups()).put("fullSyncWrites", e.fullSyncWrites());
    }
    ArrayNode why = root.putArray("reasons");
    reasons.forEach(why::add);
    return Json.write(root);
  }

  @Override
  public String toString() {
    return toText();
  }
}
