package dev.shipshape.core.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The API server's own OpenAPI v3 schemas ({@code GET /openapi/v3}, then one document per group-version), which
 * custom resources publish too. The index is read on every {@link #load}; a group-version's document only when its
 * {@code serverRelativeURL} (which carries a hash of its content) changed since the last load, so that one instance
 * per executor fetches each document once while it stays current. A document can be {@link #prefetch prefetched}
 * while other work goes on; a load then waits for that fetch instead of starting another. Thread-safe.
 */
public final class ServerSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GVK = "x-kubernetes-group-version-kind";
  /**
   * The {@code info.title} of the documents that the API server publishes for custom resources (those of built-in
   * kinds are titled {@code Kubernetes}).
   */
  private static final String CRD_DOCUMENT_TITLE = "Kubernetes CRD Swagger";

  private final KubernetesClient client;
  /** By {@code serverRelativeURL}: the document, empty when it could not be read. */
  private final Map<String, CompletableFuture<Optional<Document>>> documents = new ConcurrentHashMap<>();
  /** The index that the {@link #prefetch prefetches} before a load read once for all of them. */
  private CompletableFuture<Map<String, String>> prefetchIndex;

  public ServerSchemas(KubernetesClient client) {
    this.client = client;
  }

  /**
   * One group-version's document: its components and the schema name of each kind it serves; whether it is a
   * custom resource's, whose schema the server applies as a CRD's (a whole number such as {@code 2.0} is an
   * integer) rather than by decoding into a Go type (where it is not).
   */
  private static final class Document {
    final Map<String, JsonNode> components = new HashMap<>();
    final Map<String, String> kinds = new HashMap<>();
    final boolean customResources;

    Document(boolean customResources) {
      this.customResources = customResources;
    }
  }

  /** The schemas of these group-versions ({@code v1}, {@code apps/v1}), as the server publishes them now. */
  public final class Loaded {
    private final Map<String, Document> byGroupVersion;

    private Loaded(Map<String, Document> byGroupVersion) {
      this.byGroupVersion = byGroupVersion;
    }

    /**
     * The violations of {@code object} against its kind's published schema; empty when the server publishes no
     * schema for the kind (then nothing can be said here).
     */
    public Optional<List<SchemaViolation>> check(String apiVersion, String kind, JsonNode object) {
      Document document = byGroupVersion.get(apiVersion);
      if (document == null || !document.kinds.containsKey(kind)) return Optional.empty();
      JsonNode schema = document.components.get(document.kinds.get(kind));
      return Optional.of(new SchemaWalker(document.components, document.customResources).check(object, schema));
    }
  }

  /**
   * Reads the index and the documents of these group-versions not read before, in parallel on {@code pool} (a
   * document already being read, by a {@link #prefetch} or another run, is waited for).
   * A server that publishes no OpenAPI v3 (fabric8's mock server) gives schemas for nothing.
   */
  public Loaded load(Collection<String> groupVersions, ExecutorService pool) {
    synchronized (this) {
      prefetchIndex = null; // the next run's prefetches read the index again
    }
    if (groupVersions.isEmpty()) return new Loaded(Map.of());
    Map<String, String> urls = index();
    Map<String, CompletableFuture<Optional<Document>>> fetches = new HashMap<>();
    for (String gv : new LinkedHashSet<>(groupVersions)) {
      String url = urls.get(path(gv));
      if (url != null) fetches.put(gv, document(gv, url, pool));
    }
    Map<String, Document> loaded = new HashMap<>();
    fetches.forEach((gv, fetch) -> fetch.join().ifPresent(d -> loaded.put(gv, d)));
    return new Loaded(loaded);
  }

  /**
   * Starts reading a group-version's document on {@code pool}, for a {@link #load} to come; the index is read once
   * for all prefetches before that load. Never fails: what cannot be read is left to the load.
   */
  public void prefetch(String groupVersion, ExecutorService pool) {
    CompletableFuture<Map<String, String>> index;
    try {
      synchronized (this) {
        if (prefetchIndex == null) prefetchIndex = CompletableFuture.supplyAsync(this::index, pool);
        index = prefetchIndex;
      }
    } catch (RejectedExecutionException e) {
      return; // The pool is closing: the run needs no schema any more.
    }
    index.thenAccept(urls -> {
      String url = urls.get(path(groupVersion));
      if (url != null) document(groupVersion, url, pool);
    });
  }

  /**
   * The document at {@code url}: read before, being read, or read now on {@code pool}; one that could not be read
   * before is read again.
   */
  private CompletableFuture<Optional<Document>> document(String groupVersion, String url, ExecutorService pool) {
    return documents.compute(url, (u, known) -> known != null && !unread(known) ? known
        : CompletableFuture.supplyAsync(() -> fetch(groupVersion, u), pool));
  }

  private static boolean unread(CompletableFuture<Optional<Document>> fetch) {
    return fetch.isDone() && (fetch.isCompletedExceptionally() || fetch.join().isEmpty());
  }

  /** {@code api/v1} for the core group, {@code apis/GROUP/VERSION} for the others: the index's keys. */
  private static String path(String groupVersion) {
    return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
  }

  private Map<String, String> index() {
    Map<String, String> urls = new HashMap<>();
    try {
      String text = client.raw("/openapi/v3");
      if (text == null) return urls;
      JSON.readTree(text).path("paths").fields().forEachRemaining(e -> urls.put(e.getKey(),
          e.getValue().path("serverRelativeURL").asText()));
    } catch (KubernetesClientException | IOException e) {
      // Not published (or not readable by this user): every object is left to the server's dry run.
    }
    return urls;
  }

  private Optional<Document> fetch(String groupVersion, String url) {
    try {
      String text = client.raw(url);
      if (text == null) return Optional.empty();
      JsonNode published = JSON.readTree(text);
      Document document = new Document(CRD_DOCUMENT_TITLE.equals(published.path("info").path("title").asText()));
      published.path("components").path("schemas").fields().forEachRemaining(e -> {
        document.components.put(e.getKey(), e.getValue());
        for (JsonNode gvk : e.getValue().path(GVK)) {
          String group = gvk.path("group").asText();
          if ((group.isEmpty() ? "" : group + "/").concat(gvk.path("version").asText()).equals(groupVersion)) {
            document.kinds.put(gvk.path("kind").asText(), e.getKey());
          }
        }
      });
      return Optional.of(document);
    } catch (KubernetesClientException e) {
      // Left to the server's dry run.
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
