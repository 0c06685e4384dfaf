package dev.shipshape.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.ExternalHost;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The route hosts check reads a typed {@code networking/v1} VirtualService or ServiceEntry through fabric8's model,
 * and any other object through its spec tree: the same object either way gives the same problems, in the same
 * order, whatever its routes, mirrors, hosts and ports, and whichever of them are missing.
 */
class RouteHostsTypedModelTest {
  /** Hosts of routes: Services of the spec or not, hosts of ServiceEntries, a declared one and undeclared ones. */
  private static final List<String> ROUTE_HOSTS = List.of("web", "web.shop.svc.cluster.local", "cart",
      "search.catalog.svc.cluster.local", "api.example.com", "a.wild.example.org", "mesh-only", "ledger.example.net",
      "declared.example.com", "null");
  private static final List<String> ENTRY_HOSTS = List.of("api.example.com", "*.wild.example.org", "mesh-only");
  private static final HasMetadata SERVICE = Manifests.parse(String.join("\n",
      "apiVersion: v1", "kind: Service", "metadata: {name: web, namespace: shop}",
      "spec: {selector: {app: web}, ports: [{name: http, port: 80}, {name: http-metrics, port: 9090}]}", "")).get(0);

  @Property(tries = 200)
  void theTypedObjectAndTheGenericOneHaveTheSameProblems(@ForAll("virtualServices") List<ObjectNode> routes,
      @ForAll("serviceEntries") List<ObjectNode> entries) {
    List<String> typed = problems(routes, entries, RouteHostsTypedModelTest::typed);
    List<String> generic = problems(routes, entries, RouteHostsTypedModelTest::generic);

    assertThat(typed).isEqualTo(generic);
    Statistics.label("problems").collect(typed.isEmpty() ? "none" : "some");
    Statistics.label("problems").coverage(c -> c.check("some").percentage(p -> p > 50));
  }

  @Example
  void everyKindOfDestinationIsReadTheSameWay() {
    ObjectNode spec = node().set("hosts", node().arrayNode().add("web"));
    spec.putArray("http").add(rule(List.of(route("web", null), route("cart", 80), route(null, 80)),
        destination("web", 8080))).add(NullNode.instance);
    spec.putArray("tcp").add(node()).add(rule(List.of(node(), route("ledger.example.net", null)),
        destination("search.catalog.svc.cluster.local", null)));
    spec.putArray("tls").add(rule(List.of(route("mesh-only", null), route("null", 443)), null));
    List<ObjectNode> routes = List.of(object("VirtualService", "shop", "web", spec));
    List<ObjectNode> entries = List.of(object("ServiceEntry", "shop", "mesh-only",
        node().set("hosts", node().arrayNode().add("mesh-only").add(NullNode.instance))));

    List<String> typed = problems(routes, entries, RouteHostsTypedModelTest::typed);

    assertThat(typed).isEqualTo(problems(routes, entries, RouteHostsTypedModelTest::generic));
    assertThat(typed).map(p -> p.substring(0, p.indexOf(':'))).containsExactly(
        "WARNING VirtualService.networking.istio.io shop/web spec.http[0].route[0].destination.port",
        "ERROR VirtualService.networking.istio.io shop/web spec.http[0].route[1].destination.host",
        "ERROR VirtualService.networking.istio.io shop/web spec.http[0].mirror.port",
        "ERROR VirtualService.networking.istio.io shop/web spec.tcp[1].route[1].destination.host",
        "WARNING VirtualService.networking.istio.io shop/web spec.tcp[1].mirror.host");
  }

  /** The check's problems, in order, for these objects made typed or generic by {@code form}. */
  private static List<String> problems(List<ObjectNode> routes, List<ObjectNode> entries,
      Function<ObjectNode, HasMetadata> form) {
    List<HasMetadata> objects = new ArrayList<>(List.of(SERVICE));
    entries.forEach(e -> objects.add(form.apply(e)));
    routes.forEach(r -> objects.add(form.apply(r)));
    return new RouteHostsCheck().check(new Context(objects)).stream().map(Problem::toString).toList();
  }

  private static HasMetadata typed(ObjectNode tree) {
    HasMetadata object = Manifests.fromTree(tree);
    assertThat(object).isInstanceOfAny(VirtualService.class, ServiceEntry.class);
    return object;
  }

  @SuppressWarnings("unchecked")
  private static HasMetadata generic(ObjectNode tree) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion(tree.path("apiVersion").asText());
    object.setKind(tree.path("kind").asText());
    JsonNode metadata = tree.path("metadata");
    object.setMetadata(new ObjectMetaBuilder().withName(metadata.path("name").asText())
        .withNamespace(metadata.path("namespace").textValue()).build());
    object.setAdditionalProperty("spec", Manifests.convert(tree.path("spec"), Map.class));
    return object;
  }

  @Provide
  Arbitrary<List<ObjectNode>> virtualServices() {
    Arbitrary<JsonNode> destinations = Combinators.combine(Arbitraries.of(ROUTE_HOSTS).injectNull(0.15),
        Arbitraries.of(80, 9090, 8080).injectNull(0.4)).as(RouteHostsTypedModelTest::destination);
    Arbitrary<JsonNode> routes = Arbitraries.frequencyOf(
        Tuple.of(8, destinations.map(d -> node().set("destination", d))),
        Tuple.of(1, Arbitraries.create(() -> node().put("weight", 5))),
        Tuple.of(1, Arbitraries.just(NullNode.instance)));
    Arbitrary<JsonNode> rules = Arbitraries.frequencyOf(
        Tuple.of(9, Combinators.combine(routes.list().ofMaxSize(3).injectNull(0.1), destinations.injectNull(0.6))
            .as(RouteHostsTypedModelTest::rule)),
        Tuple.of(1, Arbitraries.just(NullNode.instance)));
    Arbitrary<List<JsonNode>> sections = rules.list().ofMaxSize(3).injectNull(0.2);
    Arbitrary<ObjectNode> specs = Combinators.combine(sections, sections, sections).as((http, tcp, tls) -> {
      ObjectNode spec = node().set("hosts", node().arrayNode().add("web"));
      if (http != null) spec.putArray("http").addAll(http);
      if (tcp != null) spec.putArray("tcp").addAll(tcp);
      if (tls != null) spec.putArray("tls").addAll(tls);
      return spec;
    });
    return Combinators.combine(Arbitraries.of("shop", "catalog").injectNull(0.2), specs)
        .as((ns, spec) -> object("VirtualService", ns, "web", spec)).list().ofMinSize(1).ofMaxSize(2);
  }

  @Provide
  Arbitrary<List<ObjectNode>> serviceEntries() {
    Arbitrary<JsonNode> hosts = Arbitraries.<JsonNode>of(ENTRY_HOSTS.stream().map(h -> (JsonNode) node().textNode(h))
        .toList()).injectNull(0.1).map(h -> h == null ? NullNode.instance : h);
    Arbitrary<ObjectNode> specs = hosts.list().ofMaxSize(3).injectNull(0.2).map(list -> {
      ObjectNode spec = node();
      if (list != null) spec.putArray("hosts").addAll(list);
      return spec;
    });
    return Combinators.combine(Arbitraries.of("shop", "catalog"), specs)
        .as((ns, spec) -> object("ServiceEntry", ns, "entry", spec)).list().ofMaxSize(2);
  }

  private static ObjectNode object(String kind, String namespace, String name, ObjectNode spec) {
    ObjectNode object = node().put("apiVersion", IstioObjects.NETWORKING + "/v1").put("kind", kind);
    ObjectNode metadata = object.putObject("metadata").put("name", name);
    if (namespace != null) metadata.put("namespace", namespace);
    object.set("spec", spec);
    return object;
  }

  /** A destination; a null host or port is left out. */
  private static JsonNode destination(String host, Integer port) {
    ObjectNode destination = node();
    if (host != null) destination.put("host", host);
    if (port != null) destination.putObject("port").put("number", port);
    return destination;
  }

  private static JsonNode route(String host, Integer port) {
    return node().set("destination", destination(host, port));
  }

  /** A rule with these routes (no {@code route} field when null) and mirror (none when null). */
  private static JsonNode rule(List<JsonNode> routes, JsonNode mirror) {
    ObjectNode rule = node();
    if (routes != null) rule.putArray("route").addAll(routes);
    if (mirror != null) rule.set("mirror", mirror);
    return rule;
  }

  private static ObjectNode node() {
    return IstioObjects.node();
  }

  /** The spec of these objects: namespace shop created, the ServiceEntry of declared.example.com pre-existing. */
  private record Context(List<HasMetadata> objects) implements SpecContext {
    @Override
    public KubernetesVersion kubernetesVersion() {
      throw new UnsupportedOperationException("the route hosts check needs no version");
    }

    @Override
    public List<HasMetadata> resources() {
      return objects;
    }

    @Override
    public <T extends HasMetadata> List<T> resources(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public List<HasMetadata> resources(String group, String kind) {
      return objects.stream().filter(o -> ResourceRef.of(o).group().equals(group)
          && ResourceRef.of(o).kind().equals(kind)).toList();
    }

    @Override
    public Optional<HasMetadata> find(ResourceRef ref) {
      return objects.stream().filter(o -> ResourceRef.of(o).equals(ref)).findFirst();
    }

    @Override
    public boolean namespaceExists(String namespace) {
      return namespaceInSpec(namespace);
    }

    @Override
    public boolean namespaceInSpec(String namespace) {
      return "shop".equals(namespace);
    }

    @Override
    public boolean isPreExisting(ResourceRef ref) {
      return ref.equals(ExternalHost.declared("shop", "declared.example.com"));
    }

    @Override
    public Optional<String> producerOf(ResourceRef ref) {
      return Optional.empty();
    }

    @Override
    public <T> T shared(Object key, Function<SpecContext, T> compute) {
      return compute.apply(this);
    }
  }
}
