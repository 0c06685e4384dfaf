package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options of {@link TrafficRoutes} as Istio's validation judges a VirtualService's HTTP route (its
 * {@code validateHTTPRetry}, {@code validateHTTPFaultInjection} and {@code validateHTTPMirrors}): Istio refuses the
 * object otherwise, so the plan says so first. Durations are whole milliseconds, at least 1 ms; retries are not
 * negative, and none but their count is set when it is 0; each {@code retryOn} policy is one Envoy knows (x-envoy-retry-on and
 * x-envoy-retry-grpc-on, https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter)
 * or an HTTP status code; percentages are between 0 and 100; an abort's HTTP status is between 200 and 600.
 */
final class RouteOptionChecks {
  private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
      "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
      "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
      "resource-exhausted", "unavailable");
  /** The HTTP status codes with a registered meaning, which Istio takes as retryOn policies. */
  private static final Set<Integer> STATUS_CODES = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206,
      207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409,
      410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
      503, 504, 505, 506, 507, 508, 510, 511);

  private RouteOptionChecks() {}

  /** The problems of {@code options}, the fields {@link TrafficRoutes} adds to each HTTP route. */
  static List<Problem> check(ResourceRef ref, ObjectNode options) {
    List<Problem> problems = new ArrayList<>();
    duration(ref, "timeout", options.path("timeout"), problems);
    JsonNode retries = options.path("retries");
    if (retries.isObject()) {
      int attempts = retries.path("attempts").asInt();
      if (attempts < 0) {
        problems.add(Problem.error(ref, "spec.http.retries.attempts", "attempts " + attempts + " is negative",
            "give the number of retries, such as 3, or 0 for none"));
      }
      String on = retries.path("retryOn").asText("");
      if (attempts == 0 && (retries.path("perTryTimeout").isTextual() || !on.isEmpty())) {
        problems.add(Problem.error(ref, "spec.http.retries", "retries are off (attempts 0) but perTryTimeout or "
            + "retryOn is set, which Istio refuses", "give a number of attempts, or leave out the retries"));
      }
      duration(ref, "retries.perTryTimeout", retries.path("perTryTimeout"), problems);
      for (String policy : on.isEmpty() ? new String[0] : on.split(",", -1)) {
        if (RETRY_ON.contains(policy) || statusCode(policy)) continue;
        problems.add(Problem.error(ref, "spec.http.retries.retryOn", "'" + policy + "' is not a retry policy",
            "use Envoy's policies, such as 5xx,reset,connect-failure, or HTTP status codes such as 503"));
      }
    }
    JsonNode fault = options.path("fault");
    percentage(ref, "fault.delay.percentage", fault.path("delay").path("percentage"), problems);
    duration(ref, "fault.delay.fixedDelay", fault.path("delay").path("fixedDelay"), problems);
    percentage(ref, "fault.abort.percentage", fault.path("abort").path("percentage"), problems);
    JsonNode status = fault.path("abort").path("httpStatus");
    if (status.isInt() && (status.asInt() < 200 || status.asInt() > 600)) {
      problems.add(Problem.error(ref, "spec.http.fault.abort.httpStatus", "HTTP status " + status.asInt()
          + " is not between 200 and 600", "give the status the faulty requests get, such as 503"));
    }
    percentage(ref, "mirrorPercentage", options.path("mirrorPercentage"), problems);
    return problems;
  }

  private static void duration(ResourceRef ref, String field, JsonNode value, List<Problem> problems) {
    if (value.isTextual()) IstioDurations.check(ref, "spec.http." + field, value.asText()).ifPresent(problems::add);
  }

  private static void percentage(ResourceRef ref, String field, JsonNode percentage, List<Problem> problems) {
    JsonNode value = percentage.path("value");
    if (value.isNumber() && (value.asDouble() < 0 || value.asDouble() > 100)) {
      problems.add(Problem.error(ref, "spec.http." + field, "percentage " + value.asDouble()
          + " is not between 0 and 100", "give the percent of requests, such as 10"));
    }
  }

  private static boolean statusCode(String policy) {
    try {
      return STATUS_CODES.contains(Integer.parseInt(policy));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
