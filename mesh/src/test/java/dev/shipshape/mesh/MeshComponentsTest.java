package dev.shipshape.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.KubernetesSchemas;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.PeerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MeshComponentsTest {

  private static List<HasMetadata> objects(Plan plan) {
    return plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList());
  }

  @Test
  void compilesTypedIstioObjectsThatConformToIstiosCrdSchemas() {
    Plan plan = MeshFixtures.spec().build().plan();
    List<HasMetadata> objects = objects(plan);
    assertThat(objects).filteredOn(o -> o instanceof VirtualService).hasSize(1);
    assertThat(objects).filteredOn(o -> o instanceof DestinationRule).hasSize(1);
    assertThat(objects).filteredOn(o -> o instanceof PeerAuthentication).hasSize(1);
    assertThat(KubernetesSchemas.load().validateAll(objects)).isEmpty();
  }

  @Test
  void compiledSpecsSurviveTheRoundTripThroughTheTypedModel() {
    HasMetadata vs = MeshFixtures.routes().compile(null).get(0);
    String yaml = Manifests.toYaml(vs);
    assertThat(yaml).contains("x-beta:", "exact: \"true\"", "weight: 90", "weight: 10", "timeout: 2s",
        "attempts: 3", "perTryTimeout: 500ms", "retryOn: \"5xx,reset\"");
    HasMetadata dr = MeshFixtures.policy().compile(null).get(0);
    assertThat(Manifests.toYaml(dr)).contains("host: web.shop.svc.cluster.local", "name: session", "ttl: 3600s",
        "maxConnections: 100", "http1MaxPendingRequests: 10", "consecutive5xxErrors: 5", "mode: ISTIO_MUTUAL",
        "version: v2");
  }

  @Test
  void membershipLabelsTheNamespaceTheSpecCreates() {
    HasMetadata ns = MeshFixtures.spec().build().plan()
        .find(ResourceRef.clusterScoped("", "Namespace", "shop")).orElseThrow().object();
    assertThat(ns.getMetadata().getLabels()).containsEntry("istio-injection", "enabled");
  }

  @Test
  void strictMutualTlsWithoutInjectionIsRejected() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MutualTls.forNamespace("shop").strict()).build();
    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix()).containsExactly(
            "spec.mtls.mode: STRICT mTLS in namespace shop, which is not enrolled in the mesh: the pods of "
                + "[Deployment shop/web-v1, Deployment shop/web-v2] get no sidecar to enforce it, so they accept "
                + "plain text from any client — enrol the namespace with MeshMembership.sidecar(\"shop\") (or "
                + "ambient), or use permissive() while the namespace is outside the mesh"));
  }

  @Test
  void strictMutualTlsForWorkloadsThatOptIntoInjectionIsEnforced() {
    String optIn = MeshFixtures.APP.replace("labels: {app: web, version: v1}}",
        "labels: {app: web, version: v1, sidecar.istio.io/inject: 'true'}}");
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(optIn)
        .component(MutualTls.forWorkload("shop", Map.of("version", "v1")).strict()).build();

    assertThat(spec.plan().resources()).isNotEmpty();
  }

  @Test
  void anInjectionAnnotationDoesNotEnrolPodsOfANamespaceOutsideTheMesh() {
    String annotated = MeshFixtures.APP.replace("labels: {app: web, version: v1}}",
        "labels: {app: web, version: v1}, annotations: {sidecar.istio.io/inject: 'true'}}");
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(annotated)
        .component(MutualTls.forWorkload("shop", Map.of("version", "v1")).strict()).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).anySatisfy(p -> assertThat(p.message()).contains("Deployment shop/web-v1")));
  }

  @Test
  void istioMutualToPodsWithoutSidecarIsRejected() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP).component(MeshFixtures.policy())
        .build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message() + " — " + p.fix()).containsExactly(
            "spec.trafficPolicy.tls.mode: ISTIO_MUTUAL makes every client sidecar send Istio mutual TLS to Service "
                + "shop/web, but the pods of [Deployment shop/web-v1, Deployment shop/web-v2] get no sidecar to "
                + "accept it, so their requests fail — enrol namespace shop with MeshMembership.sidecar(\"shop\") "
                + "(or label the pods sidecar.istio.io/inject: \"true\"), or leave out istioMutual(): automatic "
                + "mutual TLS sends mTLS to pods with a sidecar and plain text to the others"));
  }

  @Test
  void outlierDetectionDurationsAreWholeMillisecondsOfAtLeastOne() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(TrafficPolicy.forService("shop", "web").outlierDetection(5, "0s", "1.5ms")).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.trafficPolicy.outlierDetection.baseEjectionTime: duration 1.5ms: only durations to ms precision "
                + "are supported",
            "spec.trafficPolicy.outlierDetection.interval: duration 0s is shorter than 1ms"));
  }

  @Test
  void permissiveMutualTlsWithoutInjectionIsTheFirstStepOfAMigration() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MutualTls.forNamespace("shop").permissive()).build();
    assertThat(spec.plan().resources()).isNotEmpty();
  }

  @Test
  void weightsMustSumTo100AndSubsetsMustExist() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"), MeshFixtures.policy(),
            TrafficRoutes.forService("shop", "web").split(MeshFixtures.weights("v1", 80, "v3", 10)))
        .build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("the weights {v1=80, v3=10} sum to 90, not 100")
        .hasMessageContaining("subset v3 of web.shop.svc.cluster.local is defined by no DestinationRule of the spec");
  }

  @Test
  void routeOptionsThatIstioRefusesAreAllReportedWithTheirField() {
    TrafficRoutes routes = TrafficRoutes.forService("shop", "web").allTo("v1").timeout("0.5ms")
        .retries(-1, "-5ms", "5xx,bogus,503,306").delayFault(150.0, "1.5ms").abortFault(-3, 999).mirror("v2", 250.0);
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"), MeshFixtures.policy(), routes).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.http.timeout: '0.5ms' is not a duration of whole milliseconds, at least 1 ms",
            "spec.http.retries.attempts: attempts -1 is negative",
            "spec.http.retries.perTryTimeout: '-5ms' is not a duration of whole milliseconds, at least 1 ms",
            "spec.http.retries.retryOn: 'bogus' is not a retry policy",
            "spec.http.retries.retryOn: '306' is not a retry policy",
            "spec.http.fault.delay.percentage: percentage 150.0 is not between 0 and 100",
            "spec.http.fault.delay.fixedDelay: '1.5ms' is not a duration of whole milliseconds, at least 1 ms",
            "spec.http.fault.abort.percentage: percentage -3.0 is not between 0 and 100",
            "spec.http.fault.abort.httpStatus: HTTP status 999 is not between 200 and 600",
            "spec.http.mirrorPercentage: percentage 250.0 is not between 0 and 100"));
  }

  @Test
  void negativeLimitsOfATrafficPolicyAreNamedByField() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(TrafficPolicy.forService("shop", "web").connectionPool(-1, 0).outlierDetection(-5, "10s", "30s"))
        .build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.trafficPolicy.outlierDetection.consecutive5xxErrors: consecutive5xxErrors -5 must be greater than "
                + "or equal to 0",
            "spec.trafficPolicy.connectionPool.tcp.maxConnections: max connections must be non-negative"));
  }

  @Test
  void retriesWithoutRetryOnOrTurnedOffWithoutOptionsAreValid() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"), MeshFixtures.policy(),
        TrafficRoutes.forService("shop", "web").retries(3, "2s", null),
        TrafficRoutes.forService("shop", "web").retries(0, null, null).allTo("v1")).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(Object::toString).noneMatch(p -> p.contains("spec.http.retries")));
  }

  @Test
  void retriesTurnedOffCarryNoRetryOptions() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"), MeshFixtures.policy(),
            TrafficRoutes.forService("shop", "web").retries(0, "1s", "5xx")).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.http.retries: retries are off (attempts 0) but perTryTimeout or retryOn is set, which Istio "
                + "refuses"));
  }

  @Test
  void routesToAServiceOutsideTheSpecAreRejected() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(TrafficRoutes.forService("shop", "cart")).build();
    assertThatThrownBy(spec::plan).hasMessageContaining("host cart.shop.svc.cluster.local is no Service of the spec");
  }

  @Test
  void subsetLabelsMustSelectPodsBehindTheService() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(TrafficPolicy.forService("shop", "web").subset("v9", Map.of("version", "v9"))).build();
    assertThatThrownBy(spec::plan).hasMessageContaining(
        "subset v9 selects no pod of Service shop/web: no workload behind it has the labels {version=v9}");
  }

  @Test
  void twoDestinationRulesForOneHostAreRejected() {
    String other = String.join("\n", "apiVersion: networking.istio.io/v1", "kind: DestinationRule",
        "metadata: {name: web-extra, namespace: shop}", "spec: {host: web}", "");
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP).yaml(other)
        .component(MeshMembership.sidecar("shop"), MeshFixtures.policy()).build();
    assertThatThrownBy(spec::plan).hasMessageContaining(
        "DestinationRule shop/web-extra is for the same host web.shop.svc.cluster.local");
  }

  @Test
  void unnamedServicePortsAreWarned() {
    String app = MeshFixtures.APP.replace("ports: [{name: http, port: 80", "ports: [{port: 80");
    Plan plan = ClusterSpec.builder().name("shop").yaml(app).component(MeshMembership.sidecar("shop"),
        MeshFixtures.policy()).build().plan();
    assertThat(plan.warnings()).anySatisfy(w -> assertThat(w.message())
        .contains("port 80 (unnamed) names no protocol"));
  }

  /** The port's appProtocol is read instead of its name, as Istio's ConvertProtocol reads it: hbone names none. */
  @Test
  void aServicePortsAppProtocolHidesItsName() {
    String app = MeshFixtures.APP.replace("ports: [{name: http, port: 80", "ports: [{name: http, appProtocol: hbone, "
        + "port: 80");
    Plan plan = ClusterSpec.builder().name("shop").yaml(app).component(MeshMembership.sidecar("shop"),
        MeshFixtures.policy()).build().plan();
    assertThat(plan.warnings()).anySatisfy(w -> assertThat(w.field().orElse("") + ": " + w.message()
        + " — " + w.fix()).isEqualTo("spec.ports[0].appProtocol: port 80 named http with appProtocol hbone names no "
            + "protocol, so Istio detects it and may treat HTTP as plain TCP — set appProtocol to a protocol Istio "
            + "knows (http, http2, grpc, tcp, tls, …); Istio reads it instead of the port's name"));
  }

  @Test
  void portLevelModesNeedAWorkloadSelector() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"),
            MutualTls.forNamespace("shop").port(9090, MutualTls.Mode.PERMISSIVE)).build();
    assertThatThrownBy(spec::plan).hasMessageContaining("spec.portLevelMtls: mesh/namespace peer authentication "
        + "cannot have port level mTLS — select the workload with spec.selector.matchLabels (MutualTls.forWorkload), "
        + "or remove portLevelMtls");
  }

  @Test
  void portLevelModesAndPodLabelsFollowIstiosValidation() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("shop"), MutualTls.forWorkload("shop", Map.of("app", "w*b"))
            .port(0, MutualTls.Mode.PERMISSIVE).port(70000, MutualTls.Mode.DISABLE)).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e ->
        assertThat(e.errors()).map(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
            "spec.portLevelMtls.0: port must be in range 1..65535",
            "spec.portLevelMtls.70000: port must be in range 1..65535",
            "spec.selector.matchLabels: wildcard is not supported in selector: \"app=w*b\""));
  }

  @Test
  void membershipOfANamespaceOutsideTheSpecIsRejected() {
    ClusterSpec spec = ClusterSpec.builder().name("shop").yaml(MeshFixtures.APP)
        .component(MeshMembership.sidecar("billing")).build();
    assertThatThrownBy(spec::plan).hasMessageContaining(
        "namespace billing is not created by the spec, so it cannot be labelled istio-injection=enabled");
  }

  @Test
  void missingIstioCrdsAreWarnedAtPlanTime() {
    Plan plan = MeshFixtures.spec().build().plan();
    assertThat(plan.warnings())
        .anySatisfy(w -> assertThat(w.message()).contains("virtualservices.networking.istio.io"));
  }
}
