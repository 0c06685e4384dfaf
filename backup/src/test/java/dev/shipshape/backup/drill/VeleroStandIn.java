package dev.shipshape.backup.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.Restore;
import dev.shipshape.backup.model.RestoreStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Plays Velero's part for drill tests on a real API server: answers DownloadRequests for a backup's resource list
 * with a URL of a loopback HTTP server, and performs Restores by copying the backed-up objects of each mapped
 * namespace into its target namespace (and creating a volume when the Restore restores volumes), then setting the
 * phase. What it backs up is what the source namespaces
 * held when {@link #backUp} was called.
 */
final class VeleroStandIn implements AutoCloseable {
  private static final ResourceDefinitionContext DOWNLOAD_REQUESTS = new ResourceDefinitionContext.Builder()
      .withGroup("velero.io").withVersion("v1").withKind("DownloadRequest").withPlural("downloadrequests")
      .withNamespaced(true).build();

  /** The claim whose volume restores create. */
  static final String CLAIM = "data";

  private final KubernetesClient client;
  private final String veleroNamespace;
  private final HttpServer http;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, List<HasMetadata>> backedUp = new LinkedHashMap<>();
  private volatile Set<String> lost = Set.of();
  private volatile String finalPhase = "Completed";
  private volatile boolean answersDownloads = true;
  private volatile boolean finishesRestores = true;

  VeleroStandIn(KubernetesClient client, String veleroNamespace) throws IOException {
    this.client = client;
    this.veleroNamespace = veleroNamespace;
    this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      byte[] body = resourceList();
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.start();
    loop.scheduleWithFixedDelay(this::work, 0, 50, TimeUnit.MILLISECONDS);
  }

  /**
   * Remembers the ConfigMaps (the cluster's {@code kube-root-ca.crt} too, as Velero backs it up), Services and
   * Deployments of {@code namespace} as the backup's contents.
   */
  void backUp(String namespace) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
    objects.addAll(client.services().inNamespace(namespace).list().getItems());
    objects.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
    backedUp.put(namespace, objects);
  }

  /** Restores skip the objects of these names. */
  void loses(String... names) {
    lost = Set.of(names);
  }

  void endsRestoresWith(String phase) {
    finalPhase = phase;
  }

  void ignoresDownloadRequests() {
    answersDownloads = false;
  }

  void neverFinishesRestores() {
    finishesRestores = false;
  }

  private void work() {
    try {
      answerDownloads();
      if (finishesRestores) performRestores();
    } catch (RuntimeException e) {
      // The next round retries; a test that waits for the stand-in fails on its own timeout with its own message.
    }
  }

  private void answerDownloads() {
    for (GenericKubernetesResource request : client.genericKubernetesResources(DOWNLOAD_REQUESTS)
        .inNamespace(veleroNamespace).list().getItems()) {
      // Read after the list, not before it: a test that stops the answers before its drill creates the request
      // is then never answered, however late this round runs.
      if (!answersDownloads || request.getAdditionalProperties().get("status") != null) continue;
      request.getAdditionalProperties().put("status", Map.of("phase", "Processed", "downloadURL",
          "http://127.0.0.1:" + http.getAddress().getPort() + "/resource-list.json.gz"));
      client.genericKubernetesResources(DOWNLOAD_REQUESTS).inNamespace(veleroNamespace).resource(request).update();
    }
  }

  private void performRestores() {
    for (Restore restore : client.resources(Restore.class).inAnyNamespace().list().getItems()) {
      if (restore.getStatus() != null && restore.getStatus().phase() != null) continue;
      restore.getSpec().namespaceMapping().forEach(this::restoreNamespace);
      if (Boolean.TRUE.equals(restore.getSpec().restorePVs())) restoreVolume(restore);
      restore.setStatus(new RestoreStatus(finalPhase, null, null, "Completed".equals(finalPhase) ? 0 : 2, 0,
          null));
      client.resource(restore).update();
    }
  }

  private void restoreNamespace(String from, String to) {
    client.resource(new NamespaceBuilder().withNewMetadata().withName(to).endMetadata().build())
        .fieldManager("velero").forceConflicts().serverSideApply();
    for (HasMetadata object : backedUp.getOrDefault(from, List.of())) {
      if (lost.contains(object.getMetadata().getName())) continue;
      HasMetadata copy = copyInto(object, to);
      client.resource(copy).fieldManager("velero").forceConflicts().serverSideApply();
    }
  }

  /**
   * A persistent volume as Velero creates one for a restored claim: cluster-scoped, labelled with the restore's
   * name, named after the Restore's namespace (each test's own), and bound to the claim {@value #CLAIM} restored
   * into the first scratch namespace.
   */
  private void restoreVolume(Restore restore) {
    String volume = volumeOf(restore.getMetadata().getNamespace());
    String scratch = restore.getSpec().namespaceMapping().values().iterator().next();
    client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName(CLAIM).withNamespace(scratch)
        .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("").withVolumeName(volume)
        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build())
        .fieldManager("velero").forceConflicts().serverSideApply();
    client.resource(new PersistentVolumeBuilder().withNewMetadata().withName(volume)
        .addToLabels(Velero.RESTORE_NAME_LABEL, restore.getMetadata().getName()).endMetadata()
        .withNewSpec().addToCapacity("storage", new Quantity("1Gi")).withAccessModes("ReadWriteOnce")
        .withStorageClassName("").withNewClaimRef().withNamespace(scratch).withName(CLAIM).endClaimRef()
        .withNewHostPath().withPath("/tmp/restored").endHostPath().endSpec().build())
        .fieldManager("velero").forceConflicts().serverSideApply();
  }

  /** The name of the volume restores in {@code restoreNamespace} create. */
  static String volumeOf(String restoreNamespace) {
    return "restored-" + restoreNamespace;
  }

  private static HasMetadata copyInto(HasMetadata object, String namespace) {
    HasMetadata copy = io.fabric8.kubernetes.client.utils.Serialization.clone(object);
    copy.setMetadata(new ObjectMetaBuilder().withName(object.getMetadata().getName()).withNamespace(namespace)
        .withLabels(object.getMetadata().getLabels()).build());
    if (copy instanceof Service) {
      ((Service) copy).getSpec().setClusterIP(null);
      ((Service) copy).getSpec().setClusterIPs(null);
    }
    if (copy instanceof Deployment) ((Deployment) copy).setStatus(null);
    return copy;
  }

  /** The backup's resource list in Velero's format: {@code apiVersion/Kind} to {@code namespace/name}. */
  private byte[] resourceList() {
    Map<String, List<String>> list = new LinkedHashMap<>();
    backedUp.forEach((namespace, objects) -> objects.forEach(o -> list
        .computeIfAbsent(o.getApiVersion() + "/" + o.getKind(), k -> new ArrayList<>())
        .add(namespace + "/" + o.getMetadata().getName())));
    list.put("v1/Pod", List.of(backedUp.keySet().iterator().next() + "/web-5d4f8b-abcde"));
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream gz = new GZIPOutputStream(bytes)) {
        new ObjectMapper().writeValue(gz, list);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    http.stop(0);
  }
}
