package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A container's requests and limits as the API server validates them, and those of them a LimitRange filled in.
 *
 * @param requests the requests, written or filled in
 * @param limits the limits, written or filled in
 * @param filledRequests the requests a LimitRange filled in, by resource name
 * @param filledLimits the limits a LimitRange filled in, by resource name
 */
record DefaultedResources(Map<String, Quantity> requests, Map<String, Quantity> limits,
    Map<String, LimitRangeDefault> filledRequests, Map<String, LimitRangeDefault> filledLimits) {

  DefaultedResources {
    requests = inOrder(requests);
    limits = inOrder(limits);
    filledRequests = inOrder(filledRequests);
    filledLimits = inOrder(filledLimits);
  }

  /** An unmodifiable copy in the same order (problems are listed in it), which may hold a null written amount. */
  private static <V> Map<String, V> inOrder(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Requests and limits as written, nothing filled in: a pod template, or a Pod whose namespace has no defaults. */
  static DefaultedResources asWritten(Map<String, Quantity> requests, Map<String, Quantity> limits) {
    return new DefaultedResources(requests, limits, Map.of(), Map.of());
  }

  Optional<LimitRangeDefault> filledRequest(String resource) {
    return Optional.ofNullable(filledRequests.get(resource));
  }

  Optional<LimitRangeDefault> filledLimit(String resource) {
    return Optional.ofNullable(filledLimits.get(resource));
  }
}
