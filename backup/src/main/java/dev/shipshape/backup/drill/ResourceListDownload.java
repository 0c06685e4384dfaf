package dev.shipshape.backup.drill;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a backup's resource list the way {@code velero backup describe --details} does: a DownloadRequest for
 * the backup's {@code BackupResourceList}, which Velero answers with a short-lived URL of the object store
 * ({@code status.phase: Processed}, {@code status.downloadURL}); the file is fetched from that URL, and the
 * DownloadRequest deleted.
 */
final class ResourceListDownload {
  static final ResourceDefinitionContext DOWNLOAD_REQUESTS = new ResourceDefinitionContext.Builder()
      .withGroup("velero.io").withVersion("v1").withKind("DownloadRequest").withPlural("downloadrequests")
      .withNamespaced(true).build();

  private final KubernetesClient client;
  private final HttpClient http;
  private final Clock clock;
  private final Duration pollInterval;

  ResourceListDownload(KubernetesClient client, HttpClient http, Clock clock, Duration pollInterval) {
    this.client = client;
    this.http = http;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /**
   * The contents of {@code backup}, whose Velero runs in {@code veleroNamespace}.
   *
   * @throws DrillStepException when Velero does not answer within {@code timeout}, or the file cannot be read
   */
  BackupContents fetch(String veleroNamespace, String backup, Duration timeout) {
    String name = requestName(backup);
    GenericKubernetesResource request = new GenericKubernetesResourceBuilder()
        .withApiVersion("velero.io/v1").withKind("DownloadRequest")
        .withNewMetadata().withName(name).withNamespace(veleroNamespace).endMetadata()
        .addToAdditionalProperties("spec", Map.of("target", Map.of("kind", "BackupResourceList", "name", backup)))
        .build();
    var requests = client.genericKubernetesResources(DOWNLOAD_REQUESTS).inNamespace(veleroNamespace);
    try {
      requests.resource(request).create();
    } catch (KubernetesClientException e) {
      throw new DrillStepException("cannot create a DownloadRequest in " + veleroNamespace + " (HTTP " + e.getCode()
          + "): " + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()), e);
    }
    try {
      String url = awaitUrl(requests.withName(name), backup, timeout);
      return download(url, backup);
    } finally {
      requests.withName(name).delete();
    }
  }

  private String awaitUrl(io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> request,
      String backup, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      GenericKubernetesResource current = request.get();
      Object status = current == null ? null : current.getAdditionalProperties().get("status");
      if (status instanceof Map) {
        Object url = ((Map<?, ?>) status).get("downloadURL");
        if ("Processed".equals(((Map<?, ?>) status).get("phase")) && url instanceof String) return (String) url;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new DrillStepException("Velero did not answer the DownloadRequest for backup " + backup
            + "'s resource list within " + timeout.toSeconds() + " s (is Velero running?)", null);
      }
      Sleeper.sleep(pollInterval);
    }
  }

  private BackupContents download(String url, String backup) {
    try {
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
          .timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new DrillStepException("the object store answered HTTP " + response.statusCode()
              + " for backup " + backup + "'s resource list", null);
        }
        return BackupContents.read(body);
      }
    } catch (IOException | IllegalArgumentException e) {
      // The URL is presigned: it is not quoted, as it carries a credential.
      throw new DrillStepException("cannot read backup " + backup + "'s resource list from the object store: "
          + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DrillStepException("interrupted while reading backup " + backup + "'s resource list", e);
    }
  }

  /** {@code <backup>-<seconds>}, shortened to fit a name. */
  private String requestName(String backup) {
    String suffix = "-" + clock.instant().getEpochSecond();
    return backup.substring(0, Math.min(backup.length(), 253 - suffix.length())) + suffix;
  }
}
