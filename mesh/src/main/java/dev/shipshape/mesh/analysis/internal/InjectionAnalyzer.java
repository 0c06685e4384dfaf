package dev.shipshape.mesh.analysis.internal;

import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sidecar injection: a namespace says whether it is injected ({@code IST0102}, except {@code istio-system} and
 * ambient namespaces), carries at most one of {@code istio-injection}, {@code istio.io/rev} and
 * {@code istio.io/dataplane-mode} ({@code IST0123}; the others do not count when injection is not {@code enabled}),
 * and a pod of a namespace labelled {@code istio-injection=enabled} has its proxy ({@code IST0103}) unless it opts
 * out or uses the host network. When the injector's values ({@code istio-sidecar-injector} ConfigMap) set
 * {@code sidecarInjectorWebhook.enableNamespacesByDefault}, a namespace without any of those labels is injected
 * ({@code IST0148}, NamespaceInjectionEnabledByDefault, instead of {@code IST0102}) and its pods are checked too.
 */
final class InjectionAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "injection.Analyzer";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("Namespace", "Pod", "ConfigMap");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    boolean byDefault = Injection.namespacesByDefault(index);
    Set<String> injectedByDefault = new java.util.HashSet<>();
    for (MeshObject ns : index.all("Namespace")) {
      if (ns.name().equals(Namespaces.ISTIO_SYSTEM)) continue;
      Map<String, String> labels = ns.labels();
      String injection = labels.get(Mesh.INJECTION_LABEL);
      List<String> present = new ArrayList<>();
      for (String label : new String[] {Mesh.INJECTION_LABEL, Mesh.REVISION_LABEL, Mesh.DATAPLANE_MODE_LABEL}) {
        if (labels.containsKey(label)) present.add(label);
      }
      if (present.size() > 1 && (injection == null || injection.equals("enabled"))) {
        out.report(IstioMessage.NAMESPACE_MULTIPLE_INJECTION_LABELS, ns, "metadata.labels",
            "the namespace has more than one of the labels " + present,
            "keep one of istio-injection, istio.io/rev and istio.io/dataplane-mode");
        continue;
      }
      if (injection == null && !labels.containsKey(Mesh.REVISION_LABEL) && !Mesh.ambientNamespace(labels)
          && byDefault) {
        injectedByDefault.add(ns.name());
        out.report(IstioMessage.NAMESPACE_INJECTION_ENABLED_BY_DEFAULT, ns, "metadata.labels",
            "the namespace is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as "
                + "true",
            "nothing to do to inject it; label it istio-injection=disabled to opt out");
      } else if (injection == null && !labels.containsKey(Mesh.REVISION_LABEL) && !Mesh.ambientNamespace(labels)) {
        out.report(IstioMessage.NAMESPACE_NOT_INJECTED, ns, "metadata.labels",
            "the namespace is not enabled for Istio injection",
            "label it istio-injection=enabled (or istio.io/rev=<revision>), or istio-injection=disabled to opt out");
      }
    }
    for (MeshObject pod : index.all("Pod")) {
      if (!"enabled".equals(Mesh.namespaceLabels(index, pod.namespace()).get(Mesh.INJECTION_LABEL))
          && !injectedByDefault.contains(pod.namespace())) {
        continue;
      }
      if (Injection.podChoice(pod.at("metadata")).equals("false")) continue;
      if (pod.spec().path("hostNetwork").asBoolean(false) || Mesh.hasProxy(pod.spec())) continue;
      out.report(IstioMessage.POD_MISSING_PROXY, pod, "spec.containers",
          "the pod is in an injected namespace but has no istio-proxy container",
          "restart the pod so that the injector adds the proxy (for a Deployment: kubectl rollout restart)");
    }
  }
}
