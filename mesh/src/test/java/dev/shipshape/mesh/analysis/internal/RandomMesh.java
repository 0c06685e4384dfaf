package dev.shipshape.mesh.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Small random meshes for the property tests of the indexed analyzers: a few namespaces (with {@code istio-system}
 * and objects without one), names, labels and hosts drawn from short lists, so that selectors, host names,
 * wildcards ({@code *.x.com}, {@code *}) and {@code ns/host} references often meet.
 */
final class RandomMesh {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RandomMesh() {}

  /** Up to {@code max} objects of the given kinds, in random order. */
  static Arbitrary<List<MeshObject>> objects(int max, String... kinds) {
    return Arbitraries.of(kinds).flatMap(RandomMesh::of).list().ofMaxSize(max);
  }

  /** Runs an analyzer over the objects of its kinds, as {@code MeshAnalyzer} does, and gives what it reports. */
  static Reporter run(Analyzer analyzer, List<MeshObject> objects) {
    Reporter out = new Reporter();
    analyzer.analyze(index(analyzer, objects), out);
    return out;
  }

  /**
   * Asserts that the analyzer reports what the reference, a straightforward scan or pairwise comparison, reports
   * over the same objects, in the same order; and that the reference reports something in some of the tries, so
   * that the generated meshes do exercise the analyzer.
   */
  static void assertReportsAsReference(Analyzer analyzer, BiConsumer<MeshIndex, Reporter> reference,
      List<MeshObject> objects) {
    Reporter expected = new Reporter();
    reference.accept(index(analyzer, objects), expected);
    Statistics.label("the reference reports").collect(!expected.findings().isEmpty());
    // The rarest findings come in 4-5 % of the tries: at least 1 % keeps the check from failing by chance.
    Statistics.label("the reference reports").coverage(c -> c.check(true).percentage(p -> p >= 1));
    assertThat(run(analyzer, objects).findings()).containsExactlyElementsOf(expected.findings());
  }

  /** The index an analyzer sees: the objects of its kinds. */
  static MeshIndex index(Analyzer analyzer, List<MeshObject> objects) {
    return new MeshIndex(objects.stream().filter(o -> analyzer.kinds().contains(o.kind())).toList());
  }

  /** Namespaces of objects, {@code a} the most often so that objects often share one; empty for none. */
  static Arbitrary<String> namespaces() {
    return Arbitraries.frequency(Tuple.of(1, ""), Tuple.of(4, "a"), Tuple.of(1, "b"),
        Tuple.of(2, Namespaces.ISTIO_SYSTEM));
  }

  static Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of("app", "istio"), Arbitraries.of("x", "y", "")).ofMaxSize(2);
  }

  /** Host names of routes and entries: exact, short, wildcard and the lone {@code *}. */
  static Arbitrary<String> hosts() {
    return Arbitraries.of("x.com", "a.x.com", "*.x.com", "*.a.x.com", "*com", "*", "y", "y.a.svc.cluster.local");
  }

  /** Server hosts of Gateways: hosts, and hosts for a namespace ({@code ns/host}, {@code ./host}, {@code * /host}). */
  static Arbitrary<String> serverHosts() {
    return Arbitraries.oneOf(hosts(), Combinators.combine(Arbitraries.of("a", "b", ".", "*"), hosts())
        .as((ns, host) -> ns + "/" + host));
  }

  private static Arbitrary<MeshObject> of(String kind) {
    Arbitrary<String> names = Arbitraries.of("n1", "n2");
    Arbitrary<Map<String, Object>> spec = switch (kind) {
      case "Pod" -> pod();
      case "Gateway" -> gateway();
      case "Service" -> service();
      case "ServiceEntry" -> serviceEntry();
      case "VirtualService" -> virtualService();
      case "RequestAuthentication", "ProxyConfig", "AuthorizationPolicy", "Telemetry" -> selecting(kind);
      case "Sidecar" -> sidecar();
      case "Deployment" -> deployment();
      case "ConfigMap" -> configMap();
      default -> Arbitraries.just(Map.of());
    };
    Arbitrary<Map<String, String>> labels = kind.equals("Namespace")
        ? Arbitraries.of(Map.of(), Map.of(Mesh.INJECTION_LABEL, "enabled"), Map.of(Mesh.REVISION_LABEL, "canary"))
        : labels();
    Arbitrary<String> namespaces = kind.equals("Namespace") ? Arbitraries.just("") : namespaces();
    Arbitrary<String> objectNames = switch (kind) {
      case "Namespace" -> Arbitraries.of("a", "b", Namespaces.ISTIO_SYSTEM);
      case "ConfigMap" -> Arbitraries.of(Injection.INJECTOR, Injection.INJECTOR + "-canary", "other");
      default -> names;
    };
    Arbitrary<Map<String, String>> annotations = Arbitraries.of(Map.of(),
        Map.of("sidecar.istio.io/proxyImage", "custom"), Map.of("proxy.istio.io/config", "image: {imageType: debug}"));
    return Combinators.combine(namespaces, objectNames, labels, spec, annotations)
        .as((ns, name, l, s, a) -> {
          Map<String, Object> metadata = new LinkedHashMap<>();
          metadata.put("name", name);
          if (!ns.isEmpty()) metadata.put("namespace", ns);
          metadata.put("labels", l);
          if (kind.equals("Pod")) metadata.put("annotations", a);
          Map<String, Object> tree = new LinkedHashMap<>(s);
          tree.put("apiVersion", "networking.istio.io/v1");
          tree.put("kind", kind);
          tree.put("metadata", metadata);
          return new MeshObject(JSON.valueToTree(tree));
        });
  }

  private static Arbitrary<Map<String, Object>> pod() {
    Arbitrary<Map<String, Object>> proxy = Arbitraries.of("hub/proxyv2:1", "hub/proxyv2:1-distroless", "old")
        .map(image -> Map.of("name", Mesh.PROXY_CONTAINER, "image", image));
    return Combinators.combine(proxy.list().ofMaxSize(1), Arbitraries.of("containers", "initContainers"))
        .as((containers, field) -> Map.of("spec", Map.of(field, containers)));
  }

  private static Arbitrary<Map<String, Object>> gateway() {
    Arbitrary<Map<String, Object>> tls = Arbitraries.of(Map.of(), Map.of("credentialName", "c1"),
        Map.of("credentialName", "c2"), Map.of("serverCertificate", "f1", "privateKey", "k1"),
        Map.of("serverCertificate", "f1", "privateKey", "k2"), Map.of("serverCertificate", "f1"));
    Arbitrary<Map<String, Object>> server = Combinators.combine(Arbitraries.of(80, 443),
            serverHosts().list().ofMinSize(1).ofMaxSize(2), tls.injectNull(0.3))
        .as((port, hosts, t) -> {
          Map<String, Object> s = new LinkedHashMap<>(Map.of("port", Map.of("number", port), "hosts", hosts));
          if (t != null) s.put("tls", t);
          return s;
        });
    return Combinators.combine(labels(), server.list().ofMaxSize(3))
        .as((selector, servers) -> Map.of("spec", Map.of("selector", selector, "servers", servers)));
  }

  private static Arbitrary<Map<String, Object>> service() {
    Arbitrary<Map<String, Object>> port = Combinators.combine(Arbitraries.of(80, 443), Arbitraries.of(0, 8080),
            Arbitraries.of("TCP", "UDP", ""))
        .as((number, target, protocol) -> Map.of("port", number, "targetPort", target, "protocol", protocol));
    return Combinators.combine(labels(), port.list().ofMaxSize(2))
        .as((selector, ports) -> Map.of("spec", Map.of("selector", selector, "ports", ports)));
  }

  private static Arbitrary<Map<String, Object>> serviceEntry() {
    Arbitrary<Map<String, Object>> port = Combinators.combine(Arbitraries.of(80, 443),
            Arbitraries.of("HTTP", "http", "TCP", ""))
        .as((number, protocol) -> Map.of("number", number, "protocol", protocol));
    return Combinators.combine(hosts().list().ofMaxSize(2), port.list().ofMaxSize(2), exportTo())
        .as((hosts, ports, exportTo) -> Map.of("spec", Map.of("hosts", hosts, "ports", ports, "exportTo", exportTo)));
  }

  private static Arbitrary<Map<String, Object>> virtualService() {
    Arbitrary<Map<String, Object>> destination = Combinators.combine(hosts(), Arbitraries.of("", "v1"))
        .as((host, subset) -> Map.of("destination", Map.of("host", host, "subset", subset)));
    Arbitrary<Map<String, Object>> delegate = Combinators.combine(Arbitraries.of("n1", "n2"), Arbitraries.of("", "a"))
        .as((name, ns) -> Map.of("name", name, "namespace", ns));
    Arbitrary<Map<String, Object>> http = Combinators.combine(destination.list().ofMaxSize(2),
            Arbitraries.of(List.of(), List.of(Map.of("headers", Map.of("@request.auth.claims.group", "g")))),
            delegate.injectNull(0.7))
        .as((route, match, d) -> {
          Map<String, Object> rule = new LinkedHashMap<>(Map.of("route", route, "match", match));
          if (d != null) rule.put("delegate", d);
          return rule;
        });
    Arbitrary<List<String>> gateways = Arbitraries.of(List.of(), List.of(VsGatewayAnalyzer.MESH), List.of("n1"),
        List.of("a/n2"), List.of(VsGatewayAnalyzer.MESH, "n2"), List.of(Namespaces.ISTIO_SYSTEM + "/n1"));
    return Combinators.combine(hosts().list().ofMaxSize(2), gateways, exportTo(), http.list().ofMaxSize(2))
        .as((hosts, gws, exportTo, rules) -> Map.of("spec",
            Map.of("hosts", hosts, "gateways", gws, "exportTo", exportTo, "http", rules)));
  }

  /** The spec of a kind with an optional {@code selector.matchLabels}, and what else the analyzers read of it. */
  private static Arbitrary<Map<String, Object>> selecting(String kind) {
    Arbitrary<Map<String, Object>> extra = switch (kind) {
      case "ProxyConfig" -> Arbitraries.of("distroless", "debug", "default", "")
          .map(type -> Map.of("image", Map.of("imageType", type)));
      case "AuthorizationPolicy" -> Arbitraries.of("a", "a*", "*b", "*", "x*", "*x", "istio*", "*system", "")
          .list().ofMaxSize(2).map(patterns -> Map.of("rules", List.of(Map.of("from", List.of(Map.of("source",
              Map.of("namespaces", patterns, "notNamespaces", patterns.subList(0, patterns.size() / 2))))))));
      default -> Arbitraries.just(Map.of());
    };
    return Combinators.combine(labels().injectNull(0.3), extra).as((selector, rest) -> {
      Map<String, Object> spec = new LinkedHashMap<>(rest);
      if (selector != null) spec.put("selector", Map.of("matchLabels", selector));
      return Map.of("spec", spec);
    });
  }

  /** A Sidecar with a {@code workloadSelector} (its labels, possibly none) or without one. */
  private static Arbitrary<Map<String, Object>> sidecar() {
    return labels().injectNull(0.3).map(selector -> Map.of("spec", selector == null ? Map.of()
        : Map.of("workloadSelector", Map.of("labels", selector))));
  }

  /** A Deployment's pod template: its labels, sometimes with the pod's own injection choice. */
  private static Arbitrary<Map<String, Object>> deployment() {
    return Combinators.combine(labels(), Arbitraries.of("", "true", "false")).as((labels, inject) -> {
      Map<String, String> podLabels = new LinkedHashMap<>(labels);
      if (!inject.isEmpty()) podLabels.put(Injection.INJECT, inject);
      return Map.of("spec", Map.of("template", Map.of("metadata", Map.of("labels", podLabels))));
    });
  }

  private static Arbitrary<Map<String, Object>> configMap() {
    return Arbitraries.of("proxyv2", "other/proxyv2:2")
        .map(image -> Map.of("data", Map.of("values",
            "{\"global\": {\"hub\": \"hub\", \"tag\": \"1\", \"proxy\": {\"image\": \"" + image + "\"}}}")));
  }

  private static Arbitrary<List<String>> exportTo() {
    return Arbitraries.of(List.of(), List.of("."), List.of("*"), List.of("a"), List.of("a", "b"));
  }
}
