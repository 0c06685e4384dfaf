package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Names;
import dev.shipshape.core.PolicyPortRules;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ports as the API server validates them: numbers from 1 to 65535; protocols TCP, UDP or SCTP (empty means TCP);
 * container port names and ports named by a probe, a lifecycle handler, a Service's {@code targetPort} or a
 * NetworkPolicy are IANA service names ({@link Names#checkPortName}); a container's port names are unique within it;
 * a Service's port names are DNS-1123 labels, required when it has several ports and unique, no two of its ports
 * share number and protocol, and it has a port unless it is headless or an ExternalName; a NetworkPolicy's
 * {@code endPort} needs a numeric {@code port} not above it. A port name used by two containers of a pod is a
 * warning, as the server's: Services and probes then reach the first.
 */
final class PortChecks {
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
        && service.getSpec() != null) {
      servicePorts(o, service.getSpec(), problems);
    }
    if (o.ref.groupKind().equals("NetworkPolicy.networking.k8s.io")
        && Workloads.typed(o.object) instanceof NetworkPolicy policy && policy.getSpec() != null) {
      List<NetworkPolicyIngressRule> ingress = policy.getSpec().getIngress();
      for (int i = 0; ingress != null && i < ingress.size(); i++) {
        policyPorts(o, "spec.ingress[" + i + "].ports", ingress.get(i).getPorts(), problems);
      }
      List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
      for (int i = 0; egress != null && i < egress.size(); i++) {
        policyPorts(o, "spec.egress[" + i + "].ports", egress.get(i).getPorts(), problems);
      }
    }
  }

  private static void containers(CompiledObject o, String field, List<Container> containers,
      Map<String, String> names, List<Problem> problems) {
    if (containers == null) return;
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      String at = field + "[" + i + "]";
      List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
      Set<String> own = new HashSet<>();
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
        protocol(o, portAt + ".protocol", port.getProtocol(), problems);
        if (port.getName() != null && !port.getName().isEmpty()) {
          portName(o, portAt + ".name", port.getName(), problems);
          String first = names.putIfAbsent(port.getName(), portAt);
          if (!own.add(port.getName())) {
            // The server refuses a name twice in one container, and only warns across containers.
            problems.add(ObjectChecks.error(o, portAt + ".name", "port name '" + port.getName() + "' is used"
                + " twice in container '" + c.getName() + "'", "give each port of the container its own name"));
          } else if (first != null) {
            problems.add(Problem.warning(o.ref, portAt + ".name", "port name '" + port.getName() + "' is also"
                + " used by " + first + "; Services and probes that name it reach that one",
                "give each port of the pod its own name").inComponent(o.component));
          }
        }
      }
      probe(o, at + ".livenessProbe", c.getLivenessProbe(), problems);
      probe(o, at + ".readinessProbe", c.getReadinessProbe(), problems);
      probe(o, at + ".startupProbe", c.getStartupProbe(), problems);
      lifecycle(o, at + ".lifecycle", c.getLifecycle(), problems);
    }
  }

  private static void probe(CompiledObject o, String at, Probe probe, List<Problem> problems) {
    if (probe == null) return;
    if (probe.getHttpGet() != null) target(o, at + ".httpGet.port", probe.getHttpGet().getPort(), problems);
    if (probe.getTcpSocket() != null) {
      target(o, at + ".tcpSocket.port", probe.getTcpSocket().getPort(), problems);
    }
    if (probe.getGrpc() != null && probe.getGrpc().getPort() != null) {
      number(o, at + ".grpc.port", probe.getGrpc().getPort(), problems);
    }
  }

  /** A postStart or preStop handler's port, checked as a probe's. */
  private static void lifecycle(CompiledObject o, String at, Lifecycle lifecycle, List<Problem> problems) {
    if (lifecycle == null) return;
    handler(o, at + ".postStart", lifecycle.getPostStart(), problems);
    handler(o, at + ".preStop", lifecycle.getPreStop(), problems);
  }

  private static void handler(CompiledObject o, String at, LifecycleHandler handler, List<Problem> problems) {
    if (handler == null) return;
    if (handler.getHttpGet() != null) target(o, at + ".httpGet.port", handler.getHttpGet().getPort(), problems);
    if (handler.getTcpSocket() != null) {
      target(o, at + ".tcpSocket.port", handler.getTcpSocket().getPort(), problems);
    }
  }

  private static void servicePorts(CompiledObject o, ServiceSpec spec, List<Problem> problems) {
    List<ServicePort> ports = spec.getPorts() == null ? List.of() : spec.getPorts();
    if (ports.isEmpty() && !"None".equals(spec.getClusterIP()) && !"ExternalName".equals(spec.getType())) {
      problems.add(ObjectChecks.error(o, "spec.ports", "is required unless the Service is headless (clusterIP:"
          + " None) or an ExternalName", "list the ports the Service exposes, such as {port: 80, name: http}"));
    }
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
      protocol(o, at + ".protocol", port.getProtocol(), problems);
      String protocol = port.getProtocol() == null || port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
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
      targetPort(o, at, port, problems);
    }
  }

  /** A NetworkPolicy's ports, by {@link PolicyPortRules}. */
  private static void policyPorts(CompiledObject o, String field, List<NetworkPolicyPort> ports,
      List<Problem> problems) {
    for (int j = 0; ports != null && j < ports.size(); j++) {
      NetworkPolicyPort port = ports.get(j);
      for (Problem p : PolicyPortRules.check(Optional.ofNullable(port.getProtocol()),
          Optional.ofNullable(port.getPort()), Optional.ofNullable(port.getEndPort()))) {
        problems.add(ObjectChecks.error(o, field + "[" + j + "]." + p.field().orElse(""), p.message(), p.fix()));
      }
    }
  }

  /** A container's or a Service's protocol; the server defaults an empty one to TCP. */
  private static void protocol(CompiledObject o, String at, String protocol, List<Problem> problems) {
    if (protocol != null && !protocol.isEmpty() && !PROTOCOLS.contains(protocol)) {
      problems.add(ObjectChecks.error(o, at, "'" + protocol + "' is not a protocol",
          "write TCP, UDP or SCTP, in capitals"));
    }
  }

  /**
   * A Service's {@code targetPort}; when it is absent, 0 or empty the server sets it to the port, and then refuses
   * it as it refuses the port.
   */
  private static void targetPort(CompiledObject o, String at, ServicePort port, List<Problem> problems) {
    IntOrString target = port.getTargetPort();
    boolean defaulted = target == null || target.getStrVal() == null && (target.getIntVal() == null
        || target.getIntVal() == 0) || "".equals(target.getStrVal());
    if (!defaulted) {
      target(o, at + ".targetPort", target, problems);
      return;
    }
    int number = port.getPort() == null ? 0 : port.getPort();
    if (number < 1 || number > 65535) {
      problems.add(ObjectChecks.error(o, at + ".targetPort", "is not given, so it is the port, " + number + ","
          + " which is not a port number", "use a port from 1 to 65535, or give targetPort"));
    }
  }

  /** A port given by number or by name. */
  private static void target(CompiledObject o, String at, IntOrString port, List<Problem> problems) {
    if (port == null) return;
    if (port.getStrVal() != null) {
      portName(o, at, port.getStrVal(), problems);
    } else if (port.getIntVal() != null) {
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
    for (String wrong : Names.checkPortName(name)) {
      problems.add(ObjectChecks.error(o, at, "port name '" + name + "' " + wrong, PORT_NAME_FIX));
    }
  }
}
