package dev.shipshape.core.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.MockServerLog;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.Outcome;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-side apply request of the write path against fabric8's {@code serverSideApply()}, side by side on
 * fabric8's mock server in expectations mode: the same request (method, path with its parameters, content type,
 * body), the answer asked for as metadata only, and the same exception for a rejection; and the field validation
 * a write after a preflight skips.
 */
@EnableKubernetesMockClient
class ApplyPatchTest {
  private static final String DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/shop/deployments/web";


  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeAll
  static void quietMockServerLog() {
    MockServerLog.quiet();
  }

  private static GenericKubernetesResource deployment() {
    return Manifests.convert(Manifests.toTree(new DeploymentBuilder().withNewMetadata().withName("web")
        .withNamespace("shop").addToLabels("app", "web").endMetadata().withNewSpec().withReplicas(2)
        .endSpec().build()), GenericKubernetesResource.class);
  }

  /** API discovery of the core group, which the mock server in expectations mode does not answer by itself. */
  private void servesCoreDiscovery() {
    server.expect().get().withPath("/api/v1").andReturn(200, new APIResourceListBuilder().withGroupVersion("v1")
        .addToResources(new APIResourceBuilder().withName("namespaces").withKind("Namespace").withNamespaced(false)
            .build()).build()).always();
  }

  private ApplyPatch applyPatch() {
    return applyPatch(false);
  }

  private ApplyPatch applyPatch(boolean afterPreflight) {
    return new ApplyPatch(new ResourceAccess(client, ClusterSpec.builder().name("empty").build().plan()),
        afterPreflight);
  }

  @Test
  void sendsTheRequestThatFabric8Sends() throws InterruptedException {
    server.expect().patch().withPath(DEPLOYMENT_PATH + "?fieldManager=shipshape&force=true")
        .andReturn(200, deployment()).times(2);

    client.resource(deployment()).fieldManager("shipshape").forceConflicts().serverSideApply();
    RecordedRequest fabric8s = server.takeRequest();
    applyPatch().send(deployment(), "shipshape", true, false);
    RecordedRequest ours = server.takeRequest();

    assertThat(ours.getMethod()).isEqualTo(fabric8s.getMethod()).isEqualTo("PATCH");
    assertThat(ours.getPath()).isEqualTo(fabric8s.getPath());
    assertThat(ours.getHeader("Content-Type")).isEqualTo(fabric8s.getHeader("Content-Type"))
        .startsWith("application/apply-patch+yaml");
    assertThat(ours.getBody().readUtf8()).isEqualTo(fabric8s.getBody().readUtf8());
    assertThat(ours.getHeader("Accept"))
        .isEqualTo("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json");
  }

  @Test
  void buildsThePathOfEachScopeAndGroupWithItsParameters() {
    ApplyPatch patch = applyPatch();
    String root = client.getMasterUrl().toString().replaceAll("/$", "");
    GenericKubernetesResource namespace = Manifests.convert(Manifests.toTree(new NamespaceBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("shop").build()).build()), GenericKubernetesResource.class);
    GenericKubernetesResource clusterRole = Manifests.convert(Manifests.toTree(new ClusterRoleBuilder()
        .withMetadata(new ObjectMetaBuilder().withName("system:reader").build()).build()),
        GenericKubernetesResource.class);

    assertThat(patch.url(namespace, "shipshape", false, false))
        .isEqualTo(root + "/api/v1/namespaces/shop?fieldManager=shipshape");
    assertThat(patch.url(clusterRole, "team a", false, true))
        .isEqualTo(root + "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:reader?fieldManager=team+a"
            + "&dryRun=All");
    assertThat(patch.url(deployment(), "shipshape", true, true))
        .isEqualTo(root + DEPLOYMENT_PATH + "?fieldManager=shipshape&dryRun=All&force=true");
    GenericKubernetesResource inNoNamespace = deployment();
    inNoNamespace.getMetadata().setNamespace(null);
    assertThat(patch.url(inNoNamespace, "shipshape", false, false))
        .isEqualTo(root + "/apis/apps/v1/namespaces/" + client.getNamespace() + "/deployments/web"
            + "?fieldManager=shipshape");
  }

  @Test
  void aWriteAfterAPreflightSkipsTheServersFieldValidationButADryRunDoesNot() {
    servesCoreDiscovery();
    String root = client.getMasterUrl().toString().replaceAll("/$", "");

    assertThat(applyPatch(true).url(deployment(), "shipshape", true, false))
        .isEqualTo(root + DEPLOYMENT_PATH + "?fieldManager=shipshape&force=true&fieldValidation=Ignore");
    assertThat(applyPatch(true).url(deployment(), "shipshape", true, true))
        .isEqualTo(root + DEPLOYMENT_PATH + "?fieldManager=shipshape&dryRun=All&force=true");
    assertThat(applyPatch(false).url(deployment(), "shipshape", true, false))
        .isEqualTo(root + DEPLOYMENT_PATH + "?fieldManager=shipshape&force=true");
  }

  @Test
  void theWriterAsksForNoFieldValidationOnlyWhenAPreflightRuns() throws InterruptedException {
    servesCoreDiscovery();
    server.expect().patch().withPath("/api/v1/namespaces/shop?fieldManager=shipshape&fieldValidation=Ignore")
        .andReturn(200, new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).once();
    server.expect().patch().withPath("/api/v1/namespaces/shop?fieldManager=shipshape")
        .andReturn(200, new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).once();
    Plan plan = ClusterSpec.builder().name("shop").resource(new NamespaceBuilder().withNewMetadata()
        .withName("shop").endMetadata().build()).build().plan();

    for (boolean preflight : List.of(true, false)) {
      RunSettings settings = RunSettings.builder().preflight(preflight).run(ApplyOptions.builder().build()).build();
      ResourceWriter writer = new ResourceWriter(new ResourceAccess(client, plan), settings,
          ApplySets.forPlan(plan, settings));
      ResourceResult result = writer.write(plan.resources().get(0), Optional.empty());
      assertThat(result.outcome()).as(result.message().orElse("")).isEqualTo(Outcome.CREATED);
    }

    List<String> writes = new ArrayList<>();
    // The writes were answered, so every request is recorded already.
    for (RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS); request != null;
        request = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
      if (request.getMethod().equals("PATCH")) writes.add(request.getPath());
    }
    assertThat(writes).containsExactly("/api/v1/namespaces/shop?fieldManager=shipshape&fieldValidation=Ignore",
        "/api/v1/namespaces/shop?fieldManager=shipshape");
  }

  @Test
  void withoutApiDiscoveryThePreflightCheckedNothingAndTheServerValidatesAsUsual() {
    String root = client.getMasterUrl().toString().replaceAll("/$", "");

    assertThat(applyPatch(true).url(deployment(), "shipshape", false, false))
        .isEqualTo(root + DEPLOYMENT_PATH + "?fieldManager=shipshape");
  }

  @Test
  void aRequestWithoutAnswerIsAConnectionFailureToRetry() {
    KubernetesClientException closed = ApplyPatch.transportFailure(new IllegalStateException("Connection was closed"));
    KubernetesClientException timedOut = ApplyPatch.transportFailure(new SocketTimeoutException("timeout"));

    assertThat(closed.getCode()).isNotPositive();
    assertThat(Failure.of(closed).transientFailure).isTrue();
    assertThat(Failure.of(closed).message).startsWith("connection failed: Connection was closed");
    assertThat(Failure.of(timedOut).transientFailure).isTrue();
    KubernetesClientException answered = new KubernetesClientException(new StatusBuilder().withCode(503)
        .withMessage("unavailable").build());
    assertThat(ApplyPatch.transportFailure(answered).getCode()).isEqualTo(503);
    assertThat(ApplyPatch.transportFailure(answered).getCause()).isSameAs(answered);
  }

  @Test
  void aRejectionIsTheExceptionFabric8Throws() {
    server.expect().patch().withPath(DEPLOYMENT_PATH + "?fieldManager=shipshape")
        .andReturn(422, new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid")
            .withMessage("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1")
            .withNewDetails().withName("web").withKind("Deployment").addToCauses(new StatusCauseBuilder()
                .withField("spec.replicas").withReason("FieldValueInvalid").build()).endDetails().build())
        .times(2);

    KubernetesClientException fabric8s = catchThrowableOfType(
        () -> client.resource(deployment()).fieldManager("shipshape").serverSideApply(),
        KubernetesClientException.class);
    KubernetesClientException ours = catchThrowableOfType(
        () -> applyPatch().send(deployment(), "shipshape", false, false), KubernetesClientException.class);

    assertThat(ours.getCode()).isEqualTo(fabric8s.getCode()).isEqualTo(422);
    assertThat(ours.getStatus()).isEqualTo(fabric8s.getStatus());
    assertThat(ours.getMessage()).isEqualTo(fabric8s.getMessage()).contains("spec.replicas");
    assertThat(Failure.of(ours).message).isEqualTo(Failure.of(fabric8s).message);
  }
}
