package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import io.fabric8.istio.api.api.networking.v1alpha3.Destination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.RouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.TCPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.TLSRoute;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The destinations of a VirtualService's {@code http}, {@code tcp} and {@code tls} rules, in that order: per rule
 * each {@code route[j].destination}, then its {@code mirror}. A typed fabric8 {@code networking/v1} VirtualService
 * is read through its model, as converting its whole spec into a tree to read a few fields would take most of the
 * time of a large spec's route checks; any other object is read from its spec tree. Both give the same targets:
 * a null rule or route has none, a missing host is "" and a missing port number 0.
 */
final class RouteTargets {
  private static final String[] SECTIONS = {"http", "tcp", "tls"};
  private static final String MIRROR = "mirror";

  private RouteTargets() {}

  /** The targets of {@code virtualService}'s routes. */
  static List<RouteTarget> of(HasMetadata virtualService) {
    List<RouteTarget> targets = new ArrayList<>();
    if (virtualService instanceof VirtualService typed) {
      if (typed.getSpec() != null) {
        section("http", typed.getSpec().getHttp(), HTTPRoute::getRoute, HTTPRouteDestination::getDestination,
            HTTPRoute::getMirror, targets);
        // TCP and TLS rules have no mirror in Istio's API; one written anyway is kept as an unknown field, and the
        // tree would show it.
        section("tcp", typed.getSpec().getTcp(), TCPRoute::getRoute, RouteDestination::getDestination,
            rule -> rule.getAdditionalProperties().get(MIRROR), targets);
        section("tls", typed.getSpec().getTls(), TLSRoute::getRoute, RouteDestination::getDestination,
            rule -> rule.getAdditionalProperties().get(MIRROR), targets);
      }
    } else {
      fromTree(IstioObjects.spec(virtualService), targets);
    }
    return targets;
  }

  private static <R, D> void section(String section, List<R> rules, Function<R, List<D>> routes,
      Function<D, Destination> destination, Function<R, Object> mirror, List<RouteTarget> targets) {
    if (rules == null) return;
    for (int i = 0; i < rules.size(); i++) {
      R rule = rules.get(i);
      if (rule == null) continue;
      String at = "spec." + section + "[" + i + "]";
      List<D> ruleRoutes = routes.apply(rule);
      for (int j = 0; ruleRoutes != null && j < ruleRoutes.size(); j++) {
        D route = ruleRoutes.get(j);
        targets.add(target(at + ".route[" + j + "].destination", route == null ? null : destination.apply(route)));
      }
      Object ruleMirror = mirror.apply(rule);
      if (ruleMirror instanceof Destination typedMirror) {
        targets.add(target(at + ".mirror", typedMirror));
      } else if (ruleMirror != null) {
        targets.add(target(at + ".mirror", Manifests.convert(ruleMirror, JsonNode.class)));
      }
    }
  }

  private static RouteTarget target(String at, Destination destination) {
    if (destination == null) return new RouteTarget(at, "", 0);
    Long number = destination.getPort() == null ? null : destination.getPort().getNumber();
    return new RouteTarget(at, destination.getHost() == null ? "" : destination.getHost(),
        number == null ? 0 : number.intValue());
  }

  private static void fromTree(JsonNode spec, List<RouteTarget> targets) {
    for (String section : SECTIONS) {
      JsonNode rules = spec.path(section);
      for (int i = 0; i < rules.size(); i++) {
        JsonNode rule = rules.get(i);
        String at = "spec." + section + "[" + i + "]";
        JsonNode routes = rule.path("route");
        for (int j = 0; j < routes.size(); j++) {
          targets.add(target(at + ".route[" + j + "].destination", routes.get(j).path("destination")));
        }
        if (rule.has(MIRROR)) targets.add(target(at + ".mirror", rule.path(MIRROR)));
      }
    }
  }

  private static RouteTarget target(String at, JsonNode destination) {
    return new RouteTarget(at, destination.path("host").asText(""), destination.path("port").path("number").asInt(0));
  }
}
