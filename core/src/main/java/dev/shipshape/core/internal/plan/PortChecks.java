package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ports as the API server validates them: numbers from 1 to 65535; container port names and ports named by a
 * probe or a Service's {@code targetPort} are IANA service names (at most 15 lower-case letters, digits and '-',
 * with a letter, no '-' at either end or twice in a row); a Service's port names are DNS-1123 labels, required
 * when it has several ports and unique, and no two of its ports share number and protocol. A port name used by two
 * containers of a pod is a warning, as the server's: Services and probes then reach the first.
 */
final class PortChecks {
  private static final Pattern IANA_CHARACTERS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
  private static final String PORT_NAME_FIX = "use at most 15 lower-case letters, digits and '-', with a letter,"
      + " such as 'http' or 'metrics'";

  private PortChecks() {}

  static void check(CompiledObject o, List<Problem> problems) {
    Workloads.podTemplate(o.object).ifPresent(template -> {
      PodSpec pod = template.getSpec();
      String at = Workloads.podSpecPath(o.ref.kind());
      Map<String, String> names = new HashMap<>();
      containers(o, at + ".initContainers", pod.getInitContainers(), names, problems);
      containers(o, at + ".containers", pod.getContainers(), names, problems);
    });
    if (o.ref.groupKind().equals("Service") && Workloads.typed(o.object) instanceof Service service
        && service.getSpec() != null && service.getSpec().getPorts() != null) {
      servicePorts(o, service.getSpec().getPorts(), problems);
    }
  }

  private static void containers(CompiledObject o, String field, List<Container> containers,
      Map<String, String> names, List<Problem> problems) {
    if (containers == null) return;
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      String at = field + "[" + i + "]";
      List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
      for (int j = 0; j < ports.size(); j++) {
        ContainerPort port = ports.get(j);
        String portAt = at + ".ports[" + j + "]";
        if (port.getContainerPort() == null || port.getContainerPort() == 0) {
          problems.add(ObjectChecks.error(o, portAt + ".containerPort", "is required", "give the port the"
              + " container listens on, from 1 to 65535"));
        } else {
          number(o, portAt + ".containerPort", port.getContainerPort(), problems);
        }
        if (port.getHostPort() != null && port.getHostPort() != 0) {
          number(o, portAt + ".hostPort", port.getHostPort(), problems);
        }
        if (port.getName() != null && !port.getName().isEmpty()) {
          portName(o, portAt + ".name", port.getName(), problems);
          String first = names.putIfAbsent(port.getName(), portAt);
          if (first != null) {
            problems.add(Problem.warning(o.ref, portAt + ".name", "port name '" + port.getName() + "' is also"
                + " used by " + first + "; Services and probes that name it reach that one",
                "give each port of the pod its own name").inComponent(o.component));
          }
        }
      }
      probe(o, at + ".livenessProbe", c.getLivenessProbe(), problems);
      probe(o, at + ".readinessProbe", c.getReadinessProbe(), problems);
      probe(o, at + ".startupProbe", c.getStartupProbe(), problems);
    }
  }

  private static void probe(CompiledObject o, String at, Probe probe, List<Problem> problems) {
    if (probe == null) return;
    if (probe.getHttpGet() != null) target(o, at + ".httpGet.port", probe.getHttpGet().getPort(), false, problems);
    if (probe.getTcpSocket() != null) {
      target(o, at + ".tcpSocket.port", probe.getTcpSocket().getPort(), false, problems);
    }
  }

  private static void servicePorts(CompiledObject o, List<ServicePort> ports, List<Problem> problems) {
    Set<String> names = new HashSet<>();
    Set<String> numbers = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort port = ports.get(i);
      String at = "spec.ports[" + i + "]";
      String name = port.getName() == null ? "" : port.getName();
      if (name.isEmpty() && ports.size() > 1) {
        problems.add(ObjectChecks.error(o, at + ".name", "is required when a Service has several ports",
            "name each port, such as 'http' and 'grpc'"));
      } else if (!name.isEmpty()) {
        for (String p : Names.checkDns1123Label(name)) {
          problems.add(ObjectChecks.error(o, at + ".name", "port name '" + name + "' " + p, "use lower-case"
              + " letters, digits and '-', such as 'http'"));
        }
        if (!names.add(name)) {
          problems.add(ObjectChecks.error(o, at + ".name", "port name '" + name + "' is used twice",
              "give each port its own name"));
        }
      }
      String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      if (!PROTOCOLS.contains(protocol)) {
        problems.add(ObjectChecks.error(o, at + ".protocol", "'" + protocol + "' is not a protocol",
            "write TCP, UDP or SCTP, in capitals"));
      }
      if (port.getPort() == null || port.getPort() == 0) {
        problems.add(ObjectChecks.error(o, at + ".port", "is required", "give the Service's port, from 1 to"
            + " 65535"));
      } else {
        number(o, at + ".port", port.getPort(), problems);
        if (!numbers.add(port.getPort() + "/" + protocol)) {
          problems.add(ObjectChecks.error(o, at, "port " + port.getPort() + "/" + protocol + " is listed twice",
              "list each port and protocol once"));
        }
      }
      target(o, at + ".targetPort", port.getTargetPort(), true, problems);
    }
  }

  /** A port given by number or by name; a Service's {@code targetPort} may be 0, which means its port. */
  private static void target(CompiledObject o, String at, IntOrString port, boolean zeroAllowed,
      List<Problem> problems) {
    if (port == null) return;
    if (port.getStrVal() != null) {
      portName(o, at, port.getStrVal(), problems);
    } else if (port.getIntVal() != null && !(zeroAllowed && port.getIntVal() == 0)) {
      number(o, at, port.getIntVal(), problems);
    }
  }

  private static void number(CompiledObject o, String at, int port, List<Problem> problems) {
    if (port < 1 || port > 65535) {
      problems.add(ObjectChecks.error(o, at, port + " is not a port number", "use a port from 1 to 65535"));
    }
  }

  /** An IANA service name, as the API server's {@code IsValidPortName} checks it. */
  private static void portName(CompiledObject o, String at, String name, List<Problem> problems) {
    List<String> wrong = new ArrayList<>();
    if (name.length() > 15) wrong.add("is " + name.length() + " characters long, more than 15");
    if (!IANA_CHARACTERS.matcher(name).matches()) wrong.add("may hold only lower-case letters, digits and '-'");
    if (!HAS_LETTER.matcher(name).matches()) wrong.add("has no letter");
    if (name.startsWith("-") || name.endsWith("-")) wrong.add("begins or ends with '-'");
    if (name.contains("--")) wrong.add("has '-' twice in a row");
    for (String w : wrong) {
      problems.add(ObjectChecks.error(o, at, "port name '" + name + "' " + w, PORT_NAME_FIX));
    }
  }
}
