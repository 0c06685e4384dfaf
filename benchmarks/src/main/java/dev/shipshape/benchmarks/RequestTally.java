package dev.shipshape.benchmarks;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts every request a client sends, by method and kind of request ({@code GET list}, {@code PATCH dry-run},
 * {@code POST selfsubjectaccessreviews}, ...), to compare runs by requests rather than by time. Thread-safe.
 */
final class RequestTally implements Interceptor {
  private final Map<String, Integer> counts = new TreeMap<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
    String path = request.uri().getRawPath();
    String query = request.uri().getRawQuery() == null ? "" : request.uri().getRawQuery();
    String last = path.substring(path.lastIndexOf('/') + 1);
    String what;
    if (path.startsWith("/openapi")) {
      what = "openapi";
    } else if (last.endsWith("reviews")) {
      what = last;
    } else if (query.contains("dryRun=All")) {
      what = "dry-run";
    } else if (request.method().equals("GET")) {
      what = path.split("/").length <= 4 ? "discovery" : "read";
    } else {
      what = "write";
    }
    synchronized (this) {
      counts.merge(request.method() + " " + what, 1, Integer::sum);
    }
  }

  /** The counts so far, then forgets them. */
  synchronized Map<String, Integer> takeCounts() {
    Map<String, Integer> taken = new TreeMap<>(counts);
    counts.clear();
    return taken;
  }
}
