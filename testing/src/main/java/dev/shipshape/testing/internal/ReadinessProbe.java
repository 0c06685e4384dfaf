package dev.shipshape.testing.internal;

import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.HttpClientUtils;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks an API server's {@code /readyz} whether every readiness check passes, as an admin. */
final class ReadinessProbe implements AutoCloseable {
  private final String url;
  private final HttpClient http;

  ReadinessProbe(String url, Pki pki) {
    this.url = url;
    this.http = HttpClientUtils.createHttpClient(
        Kubeconfigs.clientConfig(url, pki, "shipshape-admin", List.of("system:masters")));
  }

  boolean ready() {
    try {
      HttpResponse<String> response = http.sendAsync(http.newHttpRequestBuilder().uri(url + "/readyz").build(),
          String.class).get(5, TimeUnit.SECONDS);
      return response.code() == 200 && "ok".equals(response.body());
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
