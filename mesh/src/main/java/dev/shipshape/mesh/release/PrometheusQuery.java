package dev.shipshape.mesh.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.readiness.ReadinessCondition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * A release gate on a metric: an instant query to Prometheus's HTTP API ({@code GET /api/v1/query}, see
 * https://prometheus.io/docs/prometheus/latest/querying/api/) whose first sample must satisfy a test, such as an
 * error ratio below 1%. It reads no Kubernetes object. A query without samples, an error response or an
 * unreachable server counts as not met, with the reason. Immutable and thread-safe.
 */
public final class PrometheusQuery implements ReadinessCondition {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI server;
  private final String query;
  private final String expectation;
  private final DoublePredicate test;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusQuery(URI server, String query, String expectation, DoublePredicate test) {
    this.server = server;
    this.query = query;
    this.expectation = expectation;
    this.test = test;
  }

  /** The query's value must be below {@code limit}, on the Prometheus server at {@code server}. */
  public static PrometheusQuery below(URI server, String query, double limit) {
    return new PrometheusQuery(Objects.requireNonNull(server, "server == null"),
        Objects.requireNonNull(query, "query == null"), "< " + limit, v -> v < limit);
  }

  /** The query's value must be at least {@code minimum}. */
  public static PrometheusQuery atLeast(URI server, String query, double minimum) {
    return new PrometheusQuery(Objects.requireNonNull(server, "server == null"),
        Objects.requireNonNull(query, "query == null"), ">= " + minimum, v -> v >= minimum);
  }

  @Override
  public String description() {
    return "Prometheus " + query + " " + expectation;
  }

  /** Queries now; the object is not read. */
  @Override
  public ConditionResult evaluate(HasMetadata ignored) {
    String base = server.toString().endsWith("/") ? server.toString() : server + "/";
    URI uri = URI.create(base + "api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (!"success".equals(body.path("status").asText())) {
        return ConditionResult.notMet("Prometheus answered " + response.statusCode() + ": "
            + body.path("error").asText(response.body()));
      }
      JsonNode result = body.path("data").path("result");
      JsonNode sample = result.isArray() && result.size() > 0 ? result.get(0).path("value")
          : body.path("data").path("resultType").asText().equals("scalar") ? result : null;
      if (sample == null || !sample.isArray() || sample.size() < 2) {
        return ConditionResult.notMet("query " + query + " returned no sample");
      }
      double value = Double.parseDouble(sample.get(1).asText());
      String reason = query + " = " + value + " (want " + expectation + ")";
      return test.test(value) ? ConditionResult.met(reason) : ConditionResult.notMet(reason);
    } catch (java.io.IOException | RuntimeException e) {
      return ConditionResult.notMet("cannot query Prometheus at " + server + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ConditionResult.notMet("interrupted while querying Prometheus");
    }
  }

  @Override
  public String toString() {
    return description();
  }
}
