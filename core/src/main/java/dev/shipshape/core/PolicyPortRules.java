package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API server's rules for one port of a NetworkPolicy rule ({@code spec.ingress[].ports[]},
 * {@code spec.egress[].ports[]}): a protocol of TCP, UDP or SCTP (an empty one is refused, unlike a container's or a
 * Service's, which the server defaults to TCP); a port number from 1 to 65535 or an IANA port name; an
 * {@code endPort} only after a numeric port, from 1 to 65535 and not below it. One rule for every place that reads
 * policies: planning, the policy builders and the reachability analyzer.
 */
public final class PolicyPortRules {
  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
  private static final int MAX_PORT = 65535;

  private PolicyPortRules() {}

  /**
   * Every problem of the port, as errors whose field is {@code protocol}, {@code port} or {@code endPort}: callers
   * add the resource and the path before it.
   */
  public static List<Problem> check(Optional<String> protocol, Optional<IntOrString> port, Optional<Integer> endPort) {
    List<Problem> problems = new ArrayList<>();
    if (protocol.isPresent() && !PROTOCOLS.contains(protocol.get())) {
      problems.add(error("protocol", "'" + protocol.get() + "' is not a protocol",
          "write TCP, UDP or SCTP, in capitals, or leave it out for TCP"));
    }
    if (port.isEmpty() || port.get().getIntVal() == null && port.get().getStrVal() == null) {
      endPort.ifPresent(end -> problems.add(error("endPort", "endPort " + end + " is given without a port",
          "add port, the first port of the range")));
      return problems;
    }
    if (port.get().getIntVal() == null) {
      String name = port.get().getStrVal();
      for (String wrong : Names.checkPortName(name)) {
        problems.add(error("port", "port name '" + name + "' " + wrong,
            "use a container port's name, such as http, or a number"));
      }
      endPort.ifPresent(end -> problems.add(error("endPort", "endPort " + end + " needs a numeric port, not the"
          + " named port '" + name + "'", "give the range's first port as a number")));
      return problems;
    }
    int first = port.get().getIntVal();
    if (first < 1 || first > MAX_PORT) {
      problems.add(error("port", "port " + first + " is outside 1-65535", "use a port from 1 to 65535"));
    }
    if (endPort.isEmpty()) return problems;
    int end = endPort.get();
    if (end < 1 || end > MAX_PORT) {
      problems.add(error("endPort", "endPort " + end + " is outside 1-65535", "use a port from 1 to 65535"));
    }
    if (end < first) {
      problems.add(error("endPort", "endPort " + end + " is below port " + first, "make endPort at least " + first));
    }
    return problems;
  }

  private static Problem error(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).field(field).message(message).fix(fix).build();
  }
}
