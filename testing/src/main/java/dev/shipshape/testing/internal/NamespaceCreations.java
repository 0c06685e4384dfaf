package dev.shipshape.testing.internal;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The namespaces one client created, seen on the wire as an HTTP interceptor of that client: each namespace a
 * {@code POST} created, and each that a server-side apply created ({@code 201 Created}), with the uid the server
 * answered. Dry runs, and namespaces that already existed, are not recorded. Thread-safe.
 */
final class NamespaceCreations implements Interceptor {
  private static final Pattern COLLECTION = Pattern.compile("/api/v1/namespaces/?$");
  private static final Pattern ONE = Pattern.compile("/api/v1/namespaces/[^/]+$");
  private static final Pattern DRY_RUN = Pattern.compile("(^|&)dryRun=");
  /** How long {@link #created()} waits for the answers to creations that are still being read. */
  private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Map<String, String> uidsByName = new LinkedHashMap<>();
  private int reading;

  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(AsyncBody.Consumer<List<ByteBuffer>> consumer,
      HttpRequest request) {
    return mayCreate(request) ? new Capture(consumer) : consumer;
  }

  @Override
  public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    Capture capture = consumer.unwrap(Capture.class);
    if (capture == null || !(response.body() instanceof AsyncBody) || !created(request, response.code())) return;
    startReading();
    ((AsyncBody) response.body()).done().whenComplete((done, failure) -> {
      try {
        if (failure == null) record(capture.bytes());
      } finally {
        finishReading();
      }
    });
  }

  /**
   * The namespaces recorded, name to uid, once the answers still being read are in (waiting up to 10 s for them:
   * a namespace whose answer came later is not recorded).
   */
  synchronized Map<String, String> created() {
    long deadline = System.nanoTime() + SETTLE_NANOS;
    try {
      for (long left = SETTLE_NANOS; reading > 0 && left > 0; left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Map.copyOf(uidsByName);
  }

  private static boolean mayCreate(HttpRequest request) {
    String path = request.uri().getRawPath();
    String query = request.uri().getRawQuery();
    if (path == null || (query != null && DRY_RUN.matcher(query).find())) return false;
    return "POST".equals(request.method()) && COLLECTION.matcher(path).find()
        || "PATCH".equals(request.method()) && ONE.matcher(path).find();
  }

  /** A POST that succeeded created the namespace; a server-side apply did when it answered 201. */
  private static boolean created(HttpRequest request, int code) {
    return "POST".equals(request.method()) ? HttpResponse.isSuccessful(code) : code == 201;
  }

  private void record(byte[] answer) {
    GenericKubernetesResource namespace;
    try {
      namespace = SERIALIZATION.unmarshal(new ByteArrayInputStream(answer), GenericKubernetesResource.class);
    } catch (RuntimeException unreadable) {
      return;
    }
    if (namespace == null || namespace.getMetadata() == null) return;
    String name = namespace.getMetadata().getName();
    String uid = namespace.getMetadata().getUid();
    if (name == null || uid == null) return;
    synchronized (this) {
      uidsByName.put(name, uid);
    }
  }

  private synchronized void startReading() {
    reading++;
  }

  private synchronized void finishReading() {
    reading--;
    notifyAll();
  }

  /** Keeps a copy of an answer's bytes while handing them on unchanged. */
  private static final class Capture implements AsyncBody.Consumer<List<ByteBuffer>> {
    private final AsyncBody.Consumer<List<ByteBuffer>> next;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Capture(AsyncBody.Consumer<List<ByteBuffer>> next) {
      this.next = next;
    }

    @Override
    public void consume(List<ByteBuffer> buffers, AsyncBody body) throws Exception {
      for (ByteBuffer buffer : buffers) {
        ByteBuffer copy = buffer.duplicate();
        byte[] chunk = new byte[copy.remaining()];
        copy.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
      next.consume(buffers, body);
    }

    @Override
    public <U> U unwrap(Class<U> type) {
      return type.isInstance(this) ? type.cast(this) : next.unwrap(type);
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
