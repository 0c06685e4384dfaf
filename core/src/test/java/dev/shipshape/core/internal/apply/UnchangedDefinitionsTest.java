package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preflight's wait for CustomResourceDefinitions that the plan leaves unchanged, against fabric8's mock server in
 * expectations mode: discovery and the CRD's status are scripted, the live state is given.
 */
@EnableKubernetesMockClient
class UnchangedDefinitionsTest {
  private static final String DIALS = "/apis/strict.example.com/v1";
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeAll
  static void quietMockServerLog() {
    MockServerLog.quiet();
  }

  @BeforeEach
  void servesDiscovery() {
    server.expect().get().withPath("/api/v1").andReturn(200, new APIResourceListBuilder().withGroupVersion("v1")
        .addToResources(new APIResourceBuilder().withName("namespaces").withKind("Namespace").build()).build())
        .always();
  }

  private static String crd(String conditions) {
    return """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: dials.strict.example.com}
        spec:
          group: strict.example.com
          scope: Namespaced
          names: {plural: dials, singular: dial, kind: Dial}
          versions:
          - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
        status:
          conditions: %s
        """.formatted(conditions);
  }

  private static final String DIAL = """
      ---
      apiVersion: strict.example.com/v1
      kind: Dial
      metadata: {name: d, namespace: shop}
      """;

  private Map<ResourceRef, String> await(String liveCrd, String dial, ApplyOptions options) {
    return await(liveCrd, dial, options, Duration.ofMillis(300));
  }

  private Map<ResourceRef, String> await(String liveCrd, String dial, ApplyOptions options, Duration timeout) {
    Plan plan = ClusterSpec.builder().name("dials").preExistingNamespace("shop").yaml(crd("[]") + dial).build().plan();
    PlannedResource definition = plan.resources().stream()
        .filter(r -> r.ref().kind().equals("CustomResourceDefinition")).findFirst().orElseThrow();
    GenericKubernetesResource live = object(liveCrd);
    RunSettings settings = RunSettings.builder().timeout(timeout).pollInterval(Duration.ofMillis(20))
        .run(options).build();
    List<PlannedResource> toCheck = plan.resources().stream().filter(r -> r.ref().kind().equals("Dial"))
        .collect(Collectors.toList());
    return new UnchangedDefinitions(new ResourceAccess(client, plan), settings, new PlanDefinitions(plan))
        .await(toCheck, Map.of(definition.ref(), live)).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> describe(e.getValue())));
  }

  private static GenericKubernetesResource object(String yaml) {
    return Manifests.convert(Manifests.parseYamlTrees(yaml, "test").get(0), GenericKubernetesResource.class);
  }

  private static GenericKubernetesResourceList list(GenericKubernetesResource item) {
    GenericKubernetesResourceList list = new GenericKubernetesResourceList();
    list.setItems(List.of(item));
    return list;
  }

  private static String describe(Problem p) {
    return p.field().orElse("") + ": " + p.message() + " — " + p.fix();
  }

  private void servedAfter(int notFound) {
    server.expect().get().withPath(DIALS).andReturn(404, "").times(notFound);
    server.expect().get().withPath(DIALS).andReturn(200, new APIResourceListBuilder()
        .withGroupVersion("strict.example.com/v1").addToResources(new APIResourceBuilder().withName("dials")
            .withKind("Dial").withNamespaced(true).build()).build()).always();
  }

  private static final String ESTABLISHED = "[{type: NamesAccepted, status: 'True'}, {type: Established, status: "
      + "'True'}]";

  @Test
  void anEstablishedCrdIsWaitedForUntilDiscoveryListsItsKind() {
    servedAfter(3);
    server.expect().get().withPath(CRDS).andReturn(200, list(object(crd(ESTABLISHED)))).always();

    Map<ResourceRef, String> problems = await(crd(ESTABLISHED), DIAL, ApplyOptions.defaults());

    assertThat(problems).isEmpty();
    // The three answers without the kind were used up by the wait: discovery lists it now.
    assertThat(new ServedKinds(client).serves("strict.example.com/v1", "Dial")).isTrue();
  }

  @Test
  void aCrdThatIsNotEstablishedWithinTheTimeoutIsAProblemOfItsCustomResources() {
    servedAfter(1_000);
    server.expect().get().withPath(CRDS).andReturn(200, list(object(crd("[]")))).always();

    Map<ResourceRef, String> problems = await(crd("[]"), DIAL, ApplyOptions.defaults());

    assertThat(problems.values()).containsExactly("apiVersion: the server does not serve strict.example.com/v1 Dial: "
        + "timed out after 300 ms waiting for CustomResourceDefinition.apiextensions.k8s.io dials.strict.example.com "
        + "to be Established (not Established yet) — kubectl describe customresourcedefinition "
        + "dials.strict.example.com shows why, in its conditions");
  }

  @Test
  void aDryRunDoesNotWait() {
    servedAfter(1_000);

    Map<ResourceRef, String> problems = await(crd("[]"), DIAL, ApplyOptions.builder().dryRun(true).build());

    assertThat(problems).isEmpty();
    assertThat(server.getRequestCount()).isLessThan(4);
  }

  @Test
  void refusedNamesAndAnUnservedVersionAreToldWithoutWaiting() {
    servedAfter(1_000);
    String refused = crd("[{type: NamesAccepted, status: 'False', reason: KindConflict, message: '\"Dial\" is "
        + "already in use'}, {type: Established, status: 'True'}]");

    assertThat(await(refused, DIAL, ApplyOptions.defaults()).values()).containsExactly("apiVersion: the server does "
        + "not serve strict.example.com/v1 Dial: the server refused the names of CustomResourceDefinition "
        + "dials.strict.example.com (KindConflict: \"Dial\" is already in use) — choose names in spec.names that no "
        + "other CustomResourceDefinition of group strict.example.com uses, or remove the one that holds them");
    assertThat(await(crd(ESTABLISHED), DIAL.replace("/v1", "/v2"), ApplyOptions.defaults()).values())
        .containsExactly("apiVersion: CustomResourceDefinition dials.strict.example.com does not serve version v2 "
            + "of Dial — write the object in a version the CustomResourceDefinition serves, or add v2 to its "
            + "spec.versions with served: true");
  }

  @Test
  void anInterruptedWaitIsAProblemSoThatNothingIsWritten() throws Exception {
    servedAfter(1_000);
    server.expect().get().withPath(CRDS).andReturn(200, list(object(crd("[]")))).always();
    AtomicReference<Map<ResourceRef, String>> problems = new AtomicReference<>();
    Thread waiting = new Thread(() -> problems.set(await(crd("[]"), DIAL, ApplyOptions.defaults(),
        Duration.ofSeconds(30))));

    waiting.start();
    // Interrupted once it waits for the CRD: its first list of CRDs has come.
    RecordedRequest request;
    do {
      request = server.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).as("the requests up to the wait").isNotNull();
    } while (!request.getPath().startsWith(CRDS));
    waiting.interrupt();
    waiting.join(10_000);

    assertThat(waiting.isAlive()).isFalse();
    assertThat(problems.get().values()).containsExactly("apiVersion: the server does not serve "
        + "strict.example.com/v1 Dial: interrupted while waiting for CustomResourceDefinition dials.strict.example.com"
        + " — apply again");
  }
}
