package dev.shipshape.mesh.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Protocols;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plan-time checks of DestinationRules and VirtualServices against the rest of the spec. */
public final class TrafficChecks {
  private TrafficChecks() {}

  /**
   * The Service exists in the spec, its ports name their protocol, each subset selects the pod template of a
   * workload behind it, and no other DestinationRule of the spec is for the same host.
   */
  public static List<Problem> destinationRule(SpecContext context, ResourceRef ref, String namespace,
      String service, Map<String, Map<String, String>> subsets) {
    List<Problem> problems = new ArrayList<>();
    Optional<HasMetadata> svc = MeshSpec.service(context, namespace, service);
    if (svc.isEmpty()) {
      problems.add(missingService(ref, "spec.host", namespace, service));
      return problems;
    }
    problems.addAll(portNames(svc.get()));
    Map<String, String> selector = selector(svc.get());
    List<Map<String, String>> pods = new ArrayList<>();
    for (Map<String, String> labels : MeshSpec.podTemplateLabels(context, namespace)) {
      if (!selector.isEmpty() && MeshSpec.selects(selector, labels)) pods.add(labels);
    }
    subsets.forEach((name, labels) -> {
      if (pods.stream().anyMatch(p -> MeshSpec.selects(labels, p))) return;
      problems.add(Problem.error(ref, "spec.subsets[" + name + "].labels",
          "subset " + name + " selects no pod of Service " + namespace + "/" + service + ": no workload behind it"
              + " has the labels " + labels,
          "fix the subset's labels, or add a workload with pod labels " + labels + " and " + selector));
    });
    String host = IstioObjects.serviceHost(namespace, service);
    for (DestinationRules.Rule other : DestinationRules.forService(context, namespace, service)) {
      if (other.name().equals(ref.name()) && namespace.equals(other.namespace())) continue;
      problems.add(Problem.error(ref, "spec.host", "DestinationRule " + other.namespace() + "/" + other.name()
              + " is for the same host " + host + "; Istio merges or ignores one of them",
          "keep one DestinationRule per host"));
    }
    return problems;
  }

  /** The subsets a route names exist in the spec's DestinationRule for the host. */
  public static List<Problem> subsetsExist(SpecContext context, ResourceRef ref, String namespace, String service,
      Collection<String> subsets) {
    List<Problem> problems = new ArrayList<>();
    if (subsets.isEmpty()) return problems;
    List<String> defined = new ArrayList<>();
    String host = IstioObjects.serviceHost(namespace, service);
    for (DestinationRules.Rule rule : DestinationRules.forService(context, namespace, service)) {
      defined.addAll(rule.subsets());
    }
    for (String subset : subsets) {
      if (defined.contains(subset)) continue;
      problems.add(Problem.error(ref, "spec.http.route.destination.subset",
          "subset " + subset + " of " + host + " is defined by no DestinationRule of the spec"
              + (defined.isEmpty() ? "" : " (defined: " + defined + ")"),
          "add TrafficPolicy.forService(\"" + namespace + "\", \"" + service + "\").subset(\"" + subset
              + "\", podLabels) to the spec, or route to a defined subset"));
    }
    return problems;
  }

  /**
   * A DestinationRule's {@code ISTIO_MUTUAL} for a Service of the spec whose pods get no sidecar: the client
   * sidecars then send Istio mutual TLS, which those pods cannot accept, where Istio's automatic mutual TLS would
   * have sent them plain text (https://istio.io/latest/docs/concepts/security/#auto-mutual-tls). Empty when the
   * namespace is not the spec's, whose labels are then unknown.
   */
  public static List<Problem> istioMutualOutsideMesh(SpecContext context, ResourceRef ref, String namespace,
      String service) {
    Optional<HasMetadata> svc = MeshSpec.service(context, namespace, service);
    if (svc.isEmpty() || selector(svc.get()).isEmpty() || !context.namespaceInSpec(namespace)) return List.of();
    List<String> outside = MeshSpec.outsideMesh(context, namespace, selector(svc.get()));
    if (outside.isEmpty()) return List.of();
    return List.of(Problem.error(ref, "spec.trafficPolicy.tls.mode", "ISTIO_MUTUAL makes every client sidecar "
            + "send Istio mutual TLS to Service " + namespace + "/" + service + ", but the pods of " + outside
            + " get no sidecar to accept it, so their requests fail",
        "enrol namespace " + namespace + " with MeshMembership.sidecar(\"" + namespace + "\") (or label the pods "
            + "sidecar.istio.io/inject: \"true\"), or leave out istioMutual(): automatic mutual TLS sends mTLS to "
            + "pods with a sidecar and plain text to the others"));
  }

  private static Problem missingService(ResourceRef ref, String field, String namespace, String service) {
    return Problem.error(ref, field, "host " + IstioObjects.serviceHost(namespace, service)
            + " is no Service of the spec",
        "add Service " + namespace + "/" + service + " to the spec, or declare it pre-existing");
  }

  /**
   * Ports whose appProtocol, or else name, names no protocol as Istio selects it ({@link Protocols#of}), so that
   * Istio has to detect it.
   */
  static List<Problem> portNames(HasMetadata service) {
    List<Problem> problems = new ArrayList<>();
    if (!(service instanceof Service) || ((Service) service).getSpec() == null) return problems;
    List<ServicePort> ports = ((Service) service).getSpec().getPorts();
    for (int i = 0; ports != null && i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String name = p.getName() == null ? "" : p.getName();
      String app = p.getAppProtocol() == null ? "" : p.getAppProtocol();
      String transport = p.getProtocol() == null ? "TCP" : p.getProtocol();
      int number = p.getPort() == null ? 0 : p.getPort();
      if (Protocols.of(number, name, transport, app).isPresent()) continue;
      problems.add(Problem.warning(ResourceRef.of(service), "spec.ports[" + i + "]." + (app.isEmpty() ? "name"
              : "appProtocol"), "port " + p.getPort() + (name.isEmpty() ? " (unnamed)" : " named " + name)
              + (app.isEmpty() ? "" : " with appProtocol " + app)
              + " names no protocol, so Istio detects it and may treat HTTP as plain TCP",
          app.isEmpty() ? "name the port <protocol>[-<suffix>] (http-web, grpc-api, tcp-db) or set appProtocol"
              : "set appProtocol to a protocol Istio knows (http, http2, grpc, tcp, tls, …); Istio reads it instead "
                  + "of the port's name"));
    }
    return problems;
  }

  private static Map<String, String> selector(HasMetadata service) {
    if (service instanceof Service && ((Service) service).getSpec() != null
        && ((Service) service).getSpec().getSelector() != null) {
      return ((Service) service).getSpec().getSelector();
    }
    return Map.of();
  }
}
