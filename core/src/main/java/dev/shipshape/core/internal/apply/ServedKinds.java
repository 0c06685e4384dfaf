package dev.shipshape.core.internal.apply;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the server serves, from API discovery, one request per group-version, remembered for the run and shared by
 * its checks ({@link ResourceAccess#served()}).
 */
final class ServedKinds {
  private static final long MAX_POLL_MILLIS = 1_000;
  private final KubernetesClient client;
  // One future per group-version: a request in flight holds no lock of the map (computeIfAbsent would hold its
  // bucket's, and a resize would wait for it), so parallel discoveries do not wait for each other.
  private final Map<String, CompletableFuture<Optional<APIResourceList>>> discovered = new ConcurrentHashMap<>();

  ServedKinds(KubernetesClient client) {
    this.client = client;
  }

  /** True when the server answers API discovery (fabric8's mock server does not). */
  boolean servesDiscovery() {
    return resources("v1").map(list -> !list.getResources().isEmpty()).orElse(false);
  }

  /** True when the server serves objects of this kind under this apiVersion. */
  boolean serves(String apiVersion, String kind) {
    return resources(apiVersion).map(list -> list.getResources().stream()
        .anyMatch(res -> kind.equals(res.getKind()) && !res.getName().contains("/"))).orElse(false);
  }

  /**
   * Discovers these group-versions at once, with up to {@code concurrency} requests in flight, so that the checks
   * that ask about them one after the other find the answers remembered.
   */
  void prefetch(Collection<String> apiVersions, int concurrency) {
    List<String> missing = apiVersions.stream().distinct().filter(v -> !discovered.containsKey(v)).toList();
    if (missing.size() < 2) return;
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, missing.size()), runnable -> {
      Thread thread = new Thread(runnable, "shipshape-discovery");
      thread.setDaemon(true);
      return thread;
    });
    try {
      CompletableFuture.allOf(missing.stream()
          .map(apiVersion -> CompletableFuture.runAsync(() -> resources(apiVersion), pool))
          .toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Waits until the server serves this kind, asking discovery again after {@code poll}, then after twice as long
   * each time (at most a second), for at most {@code timeout}: for a CustomResourceDefinition that is
   * {@code Established}, which the server's discovery lists a moment later. True when it is served.
   */
  boolean awaitServed(String apiVersion, String kind, Duration timeout, Duration poll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = poll.toMillis();
    while (!serves(apiVersion, kind)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) return false;
      try {
        Thread.sleep(Math.min(pause, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pause = Math.min(pause * 2, MAX_POLL_MILLIS);
      discovered.remove(apiVersion);
    }
    return true;
  }

  /** "the server does not serve API_VERSION KIND", as every check words it. */
  static String notServed(String apiVersion, String kind) {
    return "the server does not serve " + apiVersion + " " + kind;
  }

  /** The server's resources of this group-version; empty when it serves none (or answers no discovery). */
  Optional<APIResourceList> resources(String apiVersion) {
    CompletableFuture<Optional<APIResourceList>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<APIResourceList>> known = discovered.putIfAbsent(apiVersion, mine);
    if (known != null) return known.join();
    try {
      Optional<APIResourceList> resources = fetch(apiVersion);
      mine.complete(resources);
      return resources;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private Optional<APIResourceList> fetch(String apiVersion) {
    try {
      APIResourceList list = client.getApiResources(apiVersion);
      return list == null || list.getResources() == null ? Optional.empty() : Optional.of(list);
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}
