package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * ServiceEntries visible to a common namespace that define the same host and port number with different protocols
 * ({@code IST0177}): only one protocol can be used for the listener.
 */
final class SeProtocolConflictAnalyzer implements Analyzer {
  /** A host and port number that ServiceEntries declare. */
  private record Listener(String host, int number) { }

  /** The port at position {@code port} of the ServiceEntry at position {@code entry}. */
  private record Declared(int entry, int port) { }

  /** A conflict of the entry at hand: its host and port at these positions, and the other entry's port. */
  private record Conflict(int other, int host, int port, int otherPort) { }

  private static final Comparator<Conflict> IN_INPUT_ORDER = Comparator.comparingInt(Conflict::other)
      .thenComparingInt(Conflict::host).thenComparingInt(Conflict::port).thenComparingInt(Conflict::otherPort);

  @Override
  public String name() {
    return "serviceentry.ConflictingServiceEntryProtocolAnalyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("ServiceEntry");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    List<MeshObject> entries = index.all("ServiceEntry");
    List<Set<String>> scopes = new ArrayList<>();
    // The ports declared for each host and number, by protocol: only other protocols on the same listener conflict.
    Map<Listener, Map<String, List<Declared>>> declared = new HashMap<>();
    for (int e = 0; e < entries.size(); e++) {
      MeshObject se = entries.get(e);
      scopes.add(se.exportScopes(Json.strings(se.spec().path("exportTo"))));
      List<JsonNode> ports = Json.list(se.spec().path("ports"));
      for (String host : new LinkedHashSet<>(Json.strings(se.spec().path("hosts")))) {
        for (int p = 0; p < ports.size(); p++) {
          declared.computeIfAbsent(new Listener(host, number(ports.get(p))), k -> new LinkedHashMap<>())
              .computeIfAbsent(protocol(ports.get(p)), k -> new ArrayList<>()).add(new Declared(e, p));
        }
      }
    }
    for (int e = 0; e < entries.size(); e++) {
      MeshObject se = entries.get(e);
      List<String> hosts = Json.strings(se.spec().path("hosts"));
      List<JsonNode> ports = Json.list(se.spec().path("ports"));
      List<Conflict> conflicts = new ArrayList<>();
      for (int h = 0; h < hosts.size(); h++) {
        for (int p = 0; p < ports.size(); p++) {
          Map<String, List<Declared>> byProtocol =
              declared.getOrDefault(new Listener(hosts.get(h), number(ports.get(p))), Map.of());
          for (Map.Entry<String, List<Declared>> other : byProtocol.entrySet()) {
            if (other.getKey().equals(protocol(ports.get(p)))) continue;
            for (Declared d : other.getValue()) {
              if (d.entry() != e && visibleTogether(scopes.get(e), scopes.get(d.entry()))) {
                conflicts.add(new Conflict(d.entry(), h, p, d.port()));
              }
            }
          }
        }
      }
      conflicts.sort(IN_INPUT_ORDER);
      for (Conflict c : conflicts) {
        MeshObject other = entries.get(c.other());
        JsonNode port = ports.get(c.port());
        out.report(IstioMessage.CONFLICTING_SERVICE_ENTRY_PROTOCOL, se, "spec.ports",
            "host " + hosts.get(c.host()) + " port " + number(port) + " is " + protocol(port) + " here but "
                + protocol(Json.list(other.spec().path("ports")).get(c.otherPort())) + " in ServiceEntry "
                + other.fullName(),
            "use one protocol for the host and port in every ServiceEntry");
      }
    }
  }

  private static int number(JsonNode port) {
    return port.path("number").asInt();
  }

  private static String protocol(JsonNode port) {
    return Json.text(port.path("protocol")).toUpperCase(Locale.ROOT);
  }

  private static boolean visibleTogether(Set<String> sa, Set<String> sb) {
    return sa.contains("*") || sb.contains("*") || !Collections.disjoint(sa, sb);
  }
}
