package dev.shipshape.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Counts the write requests a client sends, on the wire: every {@code POST}, {@code PUT}, {@code PATCH} and
 * {@code DELETE}, except server-side dry runs ({@code dryRun=All}) and access reviews
 * ({@code selfsubjectaccessreviews}, {@code selfsubjectrulesreviews}, {@code subjectaccessreviews},
 * {@code tokenreviews}), which store nothing. Thread-safe.
 */
public final class WriteCounter {
  private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern NOT_STORED = Pattern.compile(
      "[?&]dryRun=All|/(selfsubjectaccessreviews|selfsubjectrulesreviews|subjectaccessreviews|tokenreviews)\\b");

  private final List<String> writes = new ArrayList<>();

  private WriteCounter() {}

  /** A new counter with nothing counted. */
  public static WriteCounter create() {
    return new WriteCounter();
  }

  /**
   * A new client with the same configuration as {@code client} whose write requests this counter counts. Close it
   * when done.
   */
  public KubernetesClient countingClient(KubernetesClient client) {
    return new KubernetesClientBuilder().withConfig(client.getConfiguration())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("shipshape-write-counter",
            interceptor()))
        .build();
  }

  /**
   * The HTTP interceptor that counts for this counter, for a client built with other interceptors too
   * ({@code KubernetesClientBuilder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor(name, it))}).
   */
  public Interceptor interceptor() {
    return new Counting();
  }

  /** The number of write requests counted so far. */
  public synchronized int count() {
    return writes.size();
  }

  /** The write requests counted so far, as {@code METHOD path}, in the order sent. */
  public synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  /** Forgets what was counted. */
  public synchronized void reset() {
    writes.clear();
  }

  private synchronized void record(HttpRequest request) {
    String uri = request.uri().toString();
    if (WRITE_METHODS.contains(request.method()) && !NOT_STORED.matcher(uri).find()) {
      writes.add(request.method() + " " + request.uri().getRawPath());
    }
  }

  private final class Counting implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
      record(request);
    }
  }
}
