package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Istio's {@code schema.ValidationAnalyzer.<Kind>}: the rules Istio's validation applies to one kind beyond its CRD
 * schema, an error as {@code IST0106} (SchemaValidationError, "Schema validation error: ...") and a deprecation
 * as {@code IST0133} (SchemaWarning, "Schema validation warning: ..."). The rules checked are a subset of Istio's:
 * <ul>
 *   <li>VirtualService: at least one host (unless another VirtualService delegates to it), an http, tcp or tls
 *       section, each http rule with a route, redirect, direct response or delegate (and not route and redirect
 *       together), every destination with a host, no negative weight, a total weight above 0 where a route has
 *       several destinations (weights are relative: any other total is valid), and timeouts, per-try timeouts and
 *       fault delays that are Go durations of at least 1ms and whole milliseconds; {@code mirrorPercent} is
 *       deprecated.</li>
 *   <li>DestinationRule: a host, subsets with a name, no name twice, the traffic policies (top-level, of
 *       subsets and of ports) as {@link TrafficPolicyRules} checks them, and {@code exportTo}
 *       ({@link ExportToRules}).</li>
 *   <li>Gateway: at least one server, each with a host, a port and bind address ({@link ServerPortRules}), and the
 *       TLS settings its protocol and TLS mode take ({@link ServerTlsRules}).</li>
 *   <li>ServiceEntry: the rules of {@link ServiceEntryRules} (hosts, addresses, ports, resolution and
 *       endpoints).</li>
 *   <li>PeerAuthentication: the rules of {@link PeerAuthenticationRules} (port-level modes, their ports and the
 *       selector's labels).</li>
 *   <li>AuthorizationPolicy: no empty {@code from.source} or {@code to.operation}; rules for a DENY or CUSTOM
 *       action, a provider for CUSTOM and for no other action; a warning for a DENY rule on HTTP attributes
 *       alone.</li>
 * </ul>
 */
final class SchemaValidationAnalyzer implements Analyzer {
  /** The kinds checked, one analyzer each, in this order. */
  static final List<String> KINDS = List.of("VirtualService", "DestinationRule", "Gateway", "ServiceEntry",
      "PeerAuthentication", "AuthorizationPolicy");

  /** The source fields that a TCP connection has (the others are HTTP's, such as requestPrincipals). */
  private static final List<String> TCP_SOURCE_FIELDS = List.of("principals", "notPrincipals", "namespaces",
      "notNamespaces", "serviceAccounts", "notServiceAccounts", "ipBlocks", "notIpBlocks", "remoteIpBlocks",
      "notRemoteIpBlocks");

  private final String kind;

  SchemaValidationAnalyzer(String kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return "schema.ValidationAnalyzer." + kind;
  }

  @Override
  public Set<String> kinds() {
    return Set.of(kind);
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    Set<List<String>> delegates = kind.equals("VirtualService") ? delegates(index) : Set.of();
    for (MeshObject o : index.all(kind)) {
      if (!o.group().endsWith("istio.io")) continue;
      Check check = new Check(o, out);
      switch (kind) {
        case "VirtualService" -> virtualService(delegates, o.spec(), check);
        case "DestinationRule" -> destinationRule(o.spec(), check);
        case "Gateway" -> gateway(o.spec(), check);
        case "ServiceEntry" -> serviceEntry(o.spec(), check);
        case "PeerAuthentication" -> PeerAuthenticationRules.check(o.spec(), check);
        default -> authorizationPolicy(o.spec(), check);
      }
    }
  }

  private static void virtualService(Set<List<String>> delegates, JsonNode spec, Check check) {
    if (spec.path("hosts").isEmpty() && !delegates.contains(List.of(check.on.namespace(), check.on.name()))) {
      check.error("spec.hosts", "virtual service must have at least one host", "add the hosts it routes");
    }
    if (spec.path("http").isEmpty() && spec.path("tcp").isEmpty() && spec.path("tls").isEmpty()) {
      check.error("spec", "http, tcp or tls must be provided in virtual service", "add the routes");
    }
    for (String section : new String[] {"http", "tcp", "tls"}) {
      for (int i = 0; i < spec.path(section).size(); i++) {
        JsonNode rule = spec.path(section).get(i);
        String at = "spec." + section + "[" + i + "]";
        if (section.equals("http")) httpRule(rule, at, check);
        long total = 0;
        for (int j = 0; j < rule.path("route").size(); j++) {
          JsonNode route = rule.path("route").get(j);
          if (Json.text(route.path("destination").path("host")).isEmpty()) {
            check.error(at + ".route[" + j + "].destination.host", "destination host is required",
                "name the host of the destination");
          }
          if (route.path("weight").asInt(0) < 0) {
            check.error(at + ".route[" + j + "].weight", "weight " + route.path("weight").asInt() + " < 0",
                "give a weight of 0 or more");
          }
          total += route.path("weight").asInt(0);
        }
        // Istio's only rule on the total: weights are relative (Envoy splits by weight / sum of weights), so any
        // positive total is valid, and a single destination takes every request whatever its weight.
        if (rule.path("route").size() > 1 && total == 0) {
          check.error(at + ".route", "total destination weight = 0",
              "give the destinations weights, such as 90 and 10; unset weights are 0");
        }
      }
    }
  }

  private static void httpRule(JsonNode rule, String at, Check check) {
    boolean route = !rule.path("route").isEmpty();
    boolean redirect = rule.has("redirect");
    if (!route && !redirect && !rule.has("directResponse") && !rule.has("delegate")) {
      check.error(at, "HTTP route, redirect, direct response or delegate is required", "add a route");
    }
    if (route && redirect) {
      check.error(at, "HTTP route cannot contain both route and redirect", "keep one of them");
    }
    TrafficPolicyRules.duration(rule.path("timeout"), at + ".timeout", check);
    TrafficPolicyRules.duration(rule.path("retries").path("perTryTimeout"), at + ".retries.perTryTimeout", check);
    TrafficPolicyRules.duration(rule.path("fault").path("delay").path("fixedDelay"), at + ".fault.delay.fixedDelay",
        check);
    if (rule.has("mirrorPercent")) {
      check.warning(at + ".mirrorPercent", "using deprecated setting mirrorPercent, use mirrorPercentage instead",
          "write mirrorPercentage: {value: <percent>}");
    }
  }

  /**
   * The namespace and name that each http rule of every VirtualService delegates to, collected once rather than
   * per VirtualService without hosts. A rule without {@code delegate} names the empty name, as Istio's check reads
   * it, which only a VirtualService without a name has.
   */
  private static Set<List<String>> delegates(MeshIndex index) {
    Set<List<String>> delegates = new HashSet<>();
    for (MeshObject vs : index.all("VirtualService")) {
      for (JsonNode rule : Json.list(vs.spec().path("http"))) {
        JsonNode d = rule.path("delegate");
        String ns = Json.text(d.path("namespace")).isEmpty() ? vs.namespace() : Json.text(d.path("namespace"));
        delegates.add(List.of(ns, Json.text(d.path("name"))));
      }
    }
    return delegates;
  }

  private static void destinationRule(JsonNode spec, Check check) {
    if (Json.text(spec.path("host")).isEmpty()) {
      check.error("spec.host", "host is required", "name the host the rule is for");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < spec.path("subsets").size(); i++) {
      String name = Json.text(spec.path("subsets").get(i).path("name"));
      if (name.isEmpty()) {
        check.error("spec.subsets[" + i + "].name", "subset name is required", "name the subset");
      } else if (!names.add(name)) {
        check.error("spec.subsets[" + i + "].name", "duplicate subset name " + name, "give each subset its own name");
      }
    }
    String namespace = namespace(check);
    TrafficPolicyRules.check(spec.path("trafficPolicy"), namespace, "spec.trafficPolicy", check);
    for (int i = 0; i < spec.path("subsets").size(); i++) {
      TrafficPolicyRules.check(spec.path("subsets").get(i).path("trafficPolicy"), namespace,
          "spec.subsets[" + i + "].trafficPolicy", check);
    }
    ExportToRules.destinationRule(spec, namespace, check);
  }

  private static void gateway(JsonNode spec, Check check) {
    if (spec.path("servers").isEmpty()) {
      check.error("spec.servers", "gateway must have at least one server", "add a server");
    }
    for (int i = 0; i < spec.path("servers").size(); i++) {
      if (spec.path("servers").get(i).path("hosts").isEmpty()) {
        check.error("spec.servers[" + i + "].hosts", "server config must contain at least one host",
            "add the hosts it serves");
      }
    }
    ServerTlsRules.checkServers(spec.path("servers"), check);
  }

  private static void serviceEntry(JsonNode spec, Check check) {
    ServiceEntryRules.check(spec, namespace(check), check);
  }

  /** The namespace of the object checked: default when it names none, where istioctl analyze and the server put it. */
  private static String namespace(Check check) {
    return check.on().namespace().isEmpty() ? "default" : check.on().namespace();
  }

  private static void authorizationPolicy(JsonNode spec, Check check) {
    String action = Json.text(spec.path("action")).isEmpty() ? "ALLOW" : Json.text(spec.path("action"));
    // A YAML "rules: []" reads as no rules, as Istio's proto conversion reads it.
    boolean noRules = spec.path("rules").isEmpty();
    if (noRules && (action.equals("DENY") || action.equals("CUSTOM"))) {
      check.error("spec.rules", action + " action without `rules` is meaningless as it will never be triggered, add "
          + "an empty rule `{}` if you want it be triggered for every request",
          "add the rules the action is for, or rules: [{}] for every request");
    }
    if (action.equals("CUSTOM") && !noRules && Json.text(spec.path("provider").path("name")).isEmpty()) {
      check.error("spec.provider.name", "`provider.name` must not be empty",
          "name the extension provider of the mesh config that decides");
    }
    if (spec.has("provider") && !action.equals("CUSTOM")) {
      check.error("spec.provider", "`provider` must not be with non CUSTOM action, found " + action,
          "remove the provider, or set action: CUSTOM");
    }
    for (int i = 0; i < spec.path("rules").size(); i++) {
      JsonNode rule = spec.path("rules").get(i);
      boolean tcpSource = false;
      for (int j = 0; j < rule.path("from").size(); j++) {
        JsonNode source = rule.path("from").get(j).path("source");
        if (source.isEmpty()) {
          check.error("spec.rules[" + i + "].from[" + j + "].source", "`from.source` must not be empty",
              "give principals, namespaces or ipBlocks, or remove the entry");
        }
        for (String field : TCP_SOURCE_FIELDS) tcpSource |= source.has(field);
      }
      boolean tcpOperation = false;
      for (int j = 0; j < rule.path("to").size(); j++) {
        JsonNode operation = rule.path("to").get(j).path("operation");
        if (operation.isEmpty()) {
          check.error("spec.rules[" + i + "].to[" + j + "].operation", "`to.operation` must not be empty",
              "give methods, paths or ports, or remove the entry");
        }
        tcpOperation |= operation.has("ports") || operation.has("notPorts");
      }
      boolean from = !rule.path("from").isEmpty();
      boolean to = !rule.path("to").isEmpty();
      // Istio's warning: a DENY rule on HTTP attributes alone denies every TCP connection, which carries none.
      if (action.equals("DENY") && (from && !to && !tcpSource || to && !tcpOperation)) {
        check.warning("spec.rules[" + i + "]", "configured AuthorizationPolicy will deny all traffic to TCP ports "
            + "under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to "
            + "explicitly specify the port", "add to.operation.ports with the HTTP ports the rule is for");
      }
    }
  }

  /** Reports on one object. */
  private record Check(MeshObject on, Reporter out) implements RuleSink {
    @Override
    public void report(boolean error, String field, String detail, String fix) {
      if (error) {
        out.report(IstioMessage.SCHEMA_VALIDATION_ERROR, on, field, "Schema validation error: " + detail, fix);
      } else {
        out.report(IstioMessage.SCHEMA_WARNING, on, field, "Schema validation warning: " + detail, fix);
      }
    }
  }
}
