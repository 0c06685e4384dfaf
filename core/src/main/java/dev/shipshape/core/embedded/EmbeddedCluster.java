package dev.shipshape.core.embedded;

import dev.shipshape.core.apply.KubernetesExecutor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * An in-process Kubernetes API server for trying Shipshape without a cluster: fabric8's mock server in CRUD mode
 * on 127.0.0.1 and a random port, plus a tiny stand-in for the controllers a real cluster runs, which marks
 * Namespaces {@code Active}, CustomResourceDefinitions {@code Established}, Deployments, StatefulSets,
 * ReplicaSets and DaemonSets ready and Jobs complete, makes the claims of StatefulSets' pods from their claim
 * templates as the StatefulSet controller does, and marks {@code Bound} every claim that names no StorageClass or
 * one on the server (one naming a missing class stays Pending), so that readiness gates open as they would on a
 * healthy cluster. Unlike the StatefulSet controller, it makes the claims of every ordinal at once, whatever the
 * {@code spec.podManagementPolicy} (under the default OrderedReady the controller makes an ordinal's claims only
 * once the pods before it are Running and Ready), and it sets no ownerReferences for
 * {@code spec.persistentVolumeClaimRetentionPolicy}, so deleting a StatefulSet leaves its claims whatever the policy.
 * Server-side dry runs ({@code dryRun=All}) persist nothing. The mock server's
 * request log (INFO, through java.util.logging) is turned down to warnings.
 *
 * <p>It stores objects and serves reads, writes, lists and label selectors; it does not run pods, validate
 * schemas, enforce RBAC or implement server-side apply (use {@code ApplyStrategy.AUTO} or {@code CLIENT_SIDE}).
 * Requires {@code io.fabric8:kubernetes-server-mock} on the class path. Close it when done.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private static final long CONTROLLER_PERIOD_MILLIS = 100;
  /** The mock server logs every request at INFO: only its warnings reach the application's log. */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final ScheduledExecutorService controllers;
  private final StatefulSetClaimMaker claims;

  private EmbeddedCluster() {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new DryRunDispatcher(), false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("127.0.0.1 cannot be resolved", e);
    }
    // The mock's own client names the host "localhost", which may resolve to ::1 where nothing listens; and it
    // has fabric8's internal retries. Keep its credentials, name the address the server is bound to.
    try (KubernetesClient bootstrap = server.createClient()) {
      client = KubernetesExecutor.clientFor(new ConfigBuilder(bootstrap.getConfiguration())
          .withMasterUrl("http://127.0.0.1:" + server.getPort() + "/").build());
    }
    claims = new StatefulSetClaimMaker(client);
    controllers = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "shipshape-embedded-controllers");
      thread.setDaemon(true);
      return thread;
    });
    controllers.scheduleWithFixedDelay(this::reconcile, 0, CONTROLLER_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Starts a new, empty embedded API server. */
  public static EmbeddedCluster start() {
    requireMockServer(EmbeddedCluster.class.getClassLoader());
    return new EmbeddedCluster();
  }

  /** Says which dependency is missing, rather than letting the first use fail with {@code NoClassDefFoundError}. */
  static void requireMockServer(ClassLoader loader) {
    try {
      Class.forName("io.fabric8.kubernetes.client.server.mock.KubernetesMockServer", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("EmbeddedCluster needs fabric8's mock API server, which shipshape-core"
          + " declares optional: add the dependency io.fabric8:kubernetes-server-mock (the version of the"
          + " kubernetes-client you use, 7.5.2 with this release)", e);
    }
  }

  /** A client of this server, without fabric8's internal retries. Closed with the cluster. */
  public KubernetesClient client() {
    return client;
  }

  /** The server's URL, such as {@code http://127.0.0.1:41235/}. */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  private void reconcile() {
    try {
      markAll("v1", "Namespace", "namespaces", false, status -> status.get("phase") == null,
          Map.of("phase", "Active"));
      markAll("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false,
          status -> status.get("conditions") == null,
          Map.of("conditions", List.of(Map.of("type", "Established", "status", "True", "reason", "InitialNamesAccepted"),
              Map.of("type", "NamesAccepted", "status", "True", "reason", "NoConflicts"))));
      for (String kind : List.of("Deployment", "StatefulSet", "ReplicaSet")) markReplicasReady(kind);
      markAll("batch/v1", "Job", "jobs", true, status -> status.get("succeeded") == null,
          Map.of("succeeded", 1, "conditions", List.of(Map.of("type", "Complete", "status", "True"))));
      markAll("apps/v1", "DaemonSet", "daemonsets", true, status -> status.get("numberReady") == null,
          Map.of("desiredNumberScheduled", 1, "numberReady", 1, "updatedNumberScheduled", 1));
      claims.reconcile();
      bindClaims();
    } catch (RuntimeException e) {
      // The server is shutting down, an object changed under us, or an object has an unexpected shape: the next
      // round catches up. An exception escaping here would cancel every later round.
    }
  }

  private void markReplicasReady(String kind) {
    var operation = client.genericKubernetesResources(context("apps/v1", kind, kind.toLowerCase() + "s", true));
    for (GenericKubernetesResource item : operation.inAnyNamespace().list().getItems()) {
      Object replicas = spec(item).getOrDefault("replicas", 1);
      Long generation = item.getMetadata().getGeneration();
      Map<String, Object> status = status(item);
      if (replicas.equals(status.get("readyReplicas")) && (generation == null
          || generation.equals(asLong(status.get("observedGeneration"))))) {
        continue;
      }
      Map<String, Object> ready = new HashMap<>();
      ready.put("replicas", replicas);
      ready.put("readyReplicas", replicas);
      ready.put("availableReplicas", replicas);
      ready.put("updatedReplicas", replicas);
      if (generation != null) ready.put("observedGeneration", generation);
      patchStatus(operation, item, ready);
    }
  }

  /**
   * Marks Bound each claim that names no StorageClass or one on the server; a claim naming a missing class stays
   * Pending, as no provisioner would make its volume.
   */
  private void bindClaims() {
    Set<String> classes = client.genericKubernetesResources(context("storage.k8s.io/v1", "StorageClass",
        "storageclasses", false)).list().getItems().stream().map(c -> c.getMetadata().getName())
        .collect(Collectors.toSet());
    var operation = client.genericKubernetesResources(context("v1", "PersistentVolumeClaim",
        "persistentvolumeclaims", true));
    for (GenericKubernetesResource claim : operation.inAnyNamespace().list().getItems()) {
      Object storageClass = spec(claim).get("storageClassName");
      boolean known = storageClass == null || "".equals(storageClass) || classes.contains(storageClass);
      if (known && !"Bound".equals(status(claim).get("phase"))) {
        patchStatus(operation, claim, Map.of("phase", "Bound"));
      }
    }
  }

  private void markAll(String apiVersion, String kind, String plural, boolean namespaced,
      java.util.function.Predicate<Map<String, Object>> needsStatus, Map<String, Object> status) {
    var operation = client.genericKubernetesResources(context(apiVersion, kind, plural, namespaced));
    var items = namespaced ? operation.inAnyNamespace().list().getItems() : operation.list().getItems();
    for (GenericKubernetesResource item : items) {
      if (needsStatus.test(status(item))) patchStatus(operation, item, status);
    }
  }

  private static void patchStatus(
      io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource, ?, 
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> operation,
      GenericKubernetesResource item, Map<String, Object> status) {
    String ns = item.getMetadata().getNamespace();
    var resource = ns == null ? operation.withName(item.getMetadata().getName())
        : operation.inNamespace(ns).withName(item.getMetadata().getName());
    GenericKubernetesResource patch = new GenericKubernetesResource();
    patch.setAdditionalProperty("status", status);
    resource.patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(GenericKubernetesResource item) {
    Object status = item.getAdditionalProperties().get("status");
    return status instanceof Map ? (Map<String, Object>) status : Map.of();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource item) {
    Object spec = item.getAdditionalProperties().get("spec");
    return spec instanceof Map ? (Map<String, Object>) spec : Map.of();
  }

  private static Long asLong(Object value) {
    return value instanceof Number ? ((Number) value).longValue() : null;
  }

  static ResourceDefinitionContext context(String apiVersion, String kind, String plural,
      boolean namespaced) {
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  @Override
  public void close() {
    controllers.shutdownNow();
    try {
      controllers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    server.destroy();
  }
}
