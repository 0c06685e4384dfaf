package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.mesh.analysis.internal.Hosts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DestinationRules whose TLS mode the receiving pods' PeerAuthentication refuses, so that every connection fails:
 * {@code DISABLE} (plain text) to pods that accept only mutual TLS ({@code STRICT}), and {@code ISTIO_MUTUAL} to
 * pods that turned it off ({@code DISABLE}); Istio's analysis once reported this as IST0113 (MTLSPolicyConflict).
 * The mode of a pod's port is Istio's: the policy whose selector matches the pod, else its namespace's policy
 * without selector, else the mesh's in the root namespace, an {@code UNSET} mode deferring to the next one, and a
 * port-level mode of the pod's own policy for its port; PERMISSIVE without any
 * (https://istio.io/latest/docs/concepts/security/#peer-authentication; policies with a selector in the root
 * namespace are ignored, https://istio.io/latest/docs/reference/config/security/peer_authentication/). Only pods
 * that get a sidecar enforce a policy. The top-level and port-level TLS of DestinationRules for Services of the
 * spec are checked.
 */
public final class MtlsConflictCheck implements SpecCheck {
  /** One PeerAuthentication: where it is, its selector, its mode and its port-level modes. */
  private record Policy(String namespace, String name, Map<String, String> selector, String mode,
      Map<Integer, String> ports) { }

  /** The mode of a pod's port and the policy (with its field) that decides it. */
  private record Effective(String mode, String decidedBy) { }

  @Override
  public String name() {
    return "mesh-mtls-conflicts";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Policy> policies = new ArrayList<>();
    for (HasMetadata pa : context.resources(IstioObjects.SECURITY, "PeerAuthentication")) {
      JsonNode spec = Manifests.toTree(pa).path("spec");
      Map<String, String> selector = new TreeMap<>();
      spec.path("selector").path("matchLabels").fields().forEachRemaining(e -> selector.put(e.getKey(),
          e.getValue().asText()));
      Map<Integer, String> ports = new TreeMap<>();
      // Keys that are no port number are Istio's validation's to report; they select no port here.
      spec.path("portLevelMtls").fields().forEachRemaining(e -> {
        if (e.getKey().matches("\\d{1,5}")) {
          ports.put(Integer.parseInt(e.getKey()), e.getValue().path("mode").asText("UNSET"));
        }
      });
      String ns = pa.getMetadata().getNamespace() == null ? "default" : pa.getMetadata().getNamespace();
      policies.add(new Policy(ns, pa.getMetadata().getName(), selector,
          spec.path("mtls").path("mode").asText("UNSET"), ports));
    }
    List<Problem> problems = new ArrayList<>();
    if (policies.isEmpty()) return problems;
    // A pod's mode depends only on the policies of its namespace and of the root namespace.
    Map<String, List<Policy>> byNamespace = new HashMap<>();
    policies.forEach(p -> byNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p));
    for (DestinationRules.Rule rule : DestinationRules.of(context).all()) {
      JsonNode policy = rule.spec().path("trafficPolicy");
      if (!policy.isObject() || !rule.fqdn().endsWith("." + Hosts.CLUSTER_DOMAIN)) continue;
      String[] key = Hosts.serviceKey(rule.namespace(), rule.host()).split("/", 2);
      HasMetadata found = context.find(ResourceRef.core("Service", key[0], key[1])).orElse(null);
      if (!(found instanceof Service service) || service.getSpec() == null || service.getSpec().getSelector() == null
          || service.getSpec().getPorts() == null) {
        continue;
      }
      for (ServicePort port : service.getSpec().getPorts()) {
        String field = "spec.trafficPolicy.tls.mode";
        String mode = policy.path("tls").path("mode").asText("");
        for (int i = 0; i < policy.path("portLevelSettings").size(); i++) {
          JsonNode setting = policy.path("portLevelSettings").get(i);
          if (setting.path("port").path("number").asInt() == port.getPort() && setting.has("tls")) {
            field = "spec.trafficPolicy.portLevelSettings[" + i + "].tls.mode";
            mode = setting.path("tls").path("mode").asText("");
          }
        }
        if (mode.equals("DISABLE") || mode.equals("ISTIO_MUTUAL")) {
          List<Policy> candidates = new ArrayList<>(byNamespace.getOrDefault(MeshSpec.ROOT_NAMESPACE, List.of()));
          if (!key[0].equals(MeshSpec.ROOT_NAMESPACE)) candidates.addAll(byNamespace.getOrDefault(key[0], List.of()));
          problems.addAll(conflicts(context, candidates, rule.ref(), field, mode, key[0], service, port));
        }
      }
    }
    return problems;
  }

  /** The problems of sending {@code mode} to {@code port} of {@code service} in {@code ns}, one a deciding policy. */
  private static List<Problem> conflicts(SpecContext context, List<Policy> policies, ResourceRef dr, String field,
      String mode, String ns, Service service, ServicePort port) {
    Map<String, String> selector = service.getSpec().getSelector();
    List<String> outside = MeshSpec.outsideMesh(context, ns, selector);
    String refused = mode.equals("DISABLE") ? "STRICT" : "DISABLE";
    Map<String, List<String>> byPolicy = new LinkedHashMap<>();
    for (HasMetadata w : Workloads.inNamespace(context, ns)) {
      PodTemplateSpec template = Workloads.podTemplate(w).orElse(null);
      if (template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null) continue;
      Map<String, String> labels = template.getMetadata().getLabels();
      String origin = w.getKind() + " " + ns + "/" + w.getMetadata().getName();
      if (!MeshSpec.selects(selector, labels) || outside.contains(origin)) continue;
      Effective effective = effective(policies, ns, labels, targetPort(port, template));
      if (effective.mode().equals(refused)) {
        byPolicy.computeIfAbsent(effective.decidedBy(), k -> new ArrayList<>()).add(origin);
      }
    }
    List<Problem> problems = new ArrayList<>();
    String target = "port " + port.getPort() + " of Service " + ns + "/" + service.getMetadata().getName();
    byPolicy.forEach((decidedBy, workloads) -> problems.add(mode.equals("DISABLE")
        ? Problem.error(dr, field, "tls.mode DISABLE sends plain text to " + target + ", but PeerAuthentication "
                + decidedBy + " makes the pods of " + workloads + " accept only mutual TLS (STRICT), so every "
                + "connection is refused",
            "leave out the tls mode, so that automatic mutual TLS sends mTLS to pods with a sidecar, or make "
                + "PeerAuthentication " + decidedBy + " PERMISSIVE")
        : Problem.error(dr, field, "tls.mode ISTIO_MUTUAL sends mutual TLS to " + target + ", but PeerAuthentication "
                + decidedBy + " turns it off for the pods of " + workloads + " (DISABLE), so every request fails",
            "leave out the tls mode, so that automatic mutual TLS follows the PeerAuthentication, or make "
                + "PeerAuthentication " + decidedBy + " PERMISSIVE")));
    return problems;
  }

  /** The mode of a pod with these labels in {@code ns} on container port {@code port} (0 when unknown). */
  private static Effective effective(List<Policy> policies, String ns, Map<String, String> labels, int port) {
    Policy mesh = null;
    Policy namespace = null;
    Policy workload = null;
    // Istio ignores policies with a selector in the root namespace, and of several candidates uses the oldest, here
    // the first in the spec.
    for (Policy p : policies) {
      boolean here = p.namespace().equals(ns);
      if (p.selector().isEmpty()) {
        if (p.namespace().equals(MeshSpec.ROOT_NAMESPACE) && mesh == null) mesh = p;
        if (here && namespace == null) namespace = p;
      } else if (here && !ns.equals(MeshSpec.ROOT_NAMESPACE) && workload == null
          && MeshSpec.selects(p.selector(), labels)) {
        workload = p;
      }
    }
    Effective effective = new Effective("PERMISSIVE", "");
    for (Policy p : new Policy[] {mesh, namespace, workload}) {
      if (p != null && !p.mode().equals("UNSET")) effective = new Effective(p.mode(), p.namespace() + "/" + p.name());
    }
    String portMode = workload == null ? "UNSET" : workload.ports().getOrDefault(port, "UNSET");
    if (!portMode.equals("UNSET")) {
      effective = new Effective(portMode, workload.namespace() + "/" + workload.name() + " (portLevelMtls " + port
          + ")");
    }
    return effective;
  }

  /**
   * Port-level modes of a workload's PeerAuthentication given for a Service's port rather than the pods' port.
   * Istio matches {@code portLevelMtls} against the port the pod receives on (the Service port's targetPort), so a
   * mode given for Service port 80 that sends to container port 8080 never applies
   * (https://istio.io/latest/docs/reference/config/security/peer_authentication/): a warning per such port and
   * Service, naming the targetPort to give instead. Ports that are container ports of the selected pods are
   * left alone.
   */
  public static List<Problem> servicePortsForPodPorts(SpecContext context, ResourceRef ref, String ns,
      Map<String, String> selector, Map<Integer, String> portModes) {
    Map<String, Problem> problems = new LinkedHashMap<>();
    for (HasMetadata object : context.resources("", "Service")) {
      if (!(object instanceof Service service) || !ns.equals(service.getMetadata().getNamespace())
          || service.getSpec() == null || service.getSpec().getSelector() == null
          || service.getSpec().getSelector().isEmpty() || service.getSpec().getPorts() == null) continue;
      for (HasMetadata w : Workloads.inNamespace(context, ns)) {
        PodTemplateSpec template = Workloads.podTemplate(w).orElse(null);
        if (template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null) continue;
        Map<String, String> labels = template.getMetadata().getLabels();
        if (!MeshSpec.selects(selector, labels) || !MeshSpec.selects(service.getSpec().getSelector(), labels)) continue;
        List<Integer> containerPorts = containerPorts(template);
        for (ServicePort sp : service.getSpec().getPorts()) {
          int target = targetPort(sp, template);
          String mode = portModes.get(sp.getPort());
          if (mode == null || target == 0 || target == sp.getPort() || containerPorts.contains(sp.getPort())) continue;
          String name = ns + "/" + service.getMetadata().getName();
          problems.putIfAbsent(sp.getPort() + " " + name, Problem.warning(ref, "spec.portLevelMtls." + sp.getPort(),
              "port " + sp.getPort() + " is the port of Service " + name + ", but Istio matches portLevelMtls "
                  + "against the port the pods receive on, here targetPort " + target + " of " + w.getKind() + " "
                  + ns + "/" + w.getMetadata().getName() + ", so the mode " + mode + " never applies",
              "give the pods' port: port(" + target + ", MutualTls.Mode." + mode + ")"));
        }
      }
    }
    return new ArrayList<>(problems.values());
  }

  private static List<Integer> containerPorts(PodTemplateSpec template) {
    List<Integer> ports = new ArrayList<>();
    List<Container> containers = template.getSpec() == null ? List.of() : template.getSpec().getContainers();
    for (Container c : containers == null ? List.<Container>of() : containers) {
      for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        ports.add(p.getContainerPort());
      }
    }
    return ports;
  }

  /** The container port a Service port sends to: its number, or the number of the named port of the pods. */
  private static int targetPort(ServicePort port, PodTemplateSpec template) {
    IntOrString target = port.getTargetPort();
    if (target == null) return port.getPort();
    if (target.getIntVal() != null) return target.getIntVal();
    List<Container> containers = template.getSpec() == null ? List.of() : template.getSpec().getContainers();
    for (Container c : containers == null ? List.<Container>of() : containers) {
      for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
        if (target.getStrVal().equals(p.getName())) return p.getContainerPort();
      }
    }
    return 0;
  }
}
