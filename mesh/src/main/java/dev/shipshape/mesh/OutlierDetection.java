package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Outlier detection of a {@link TrafficPolicy} ({@code trafficPolicy.outlierDetection} of Istio's
 * DestinationRule): each client proxy ejects a pod that keeps failing from its load balancing pool for a while
 * (https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection).
 *
 * <pre>{@code
 * OutlierDetection.defaults().consecutive5xxErrors(5).consecutiveGatewayErrors(3).interval("10s")
 *     .baseEjectionTime("30s").maxEjectionPercent(50).minHealthPercent(30)
 * }</pre>
 *
 * <p>By default, every setting is Istio's (Envoy's) default: 5 consecutive 5xx errors, a 10s interval, a 30s base
 * ejection time and at most 10 % of the pods ejected. Values are checked at plan time as Istio's validation checks
 * them: counts not negative, percentages from 0 to 100, durations Go durations of whole milliseconds, at least
 * 1 ms. Immutable: each call returns a new value.
 */
public final class OutlierDetection {
  private final ObjectNode tree;

  private OutlierDetection(ObjectNode tree) {
    this.tree = tree;
  }

  /** Outlier detection with Istio's defaults, which the other methods override one by one. */
  public static OutlierDetection defaults() {
    return new OutlierDetection(JsonTrees.empty());
  }

  /**
   * Ejects a pod after this many 5xx responses in a row (for TCP, failed connections); 0 turns this ejection off
   * ({@code consecutive5xxErrors}).
   */
  public OutlierDetection consecutive5xxErrors(int errors) {
    return with(t -> t.put("consecutive5xxErrors", errors));
  }

  /**
   * Ejects a pod after this many gateway errors (502, 503, 504) in a row; 0 turns this ejection off
   * ({@code consecutiveGatewayErrors}).
   */
  public OutlierDetection consecutiveGatewayErrors(int errors) {
    return with(t -> t.put("consecutiveGatewayErrors", errors));
  }

  /**
   * Counts failures of the proxy's own (timeouts, resets, refused connections) apart from the pods' responses,
   * ejecting a pod after {@code failures} of them in a row ({@code splitExternalLocalOriginErrors} and
   * {@code consecutiveLocalOriginFailures}).
   */
  public OutlierDetection consecutiveLocalOriginFailures(int failures) {
    return with(t -> t.put("splitExternalLocalOriginErrors", true).put("consecutiveLocalOriginFailures", failures));
  }

  /** How often the pods are checked ({@code interval}), such as {@code 10s}. */
  public OutlierDetection interval(String interval) {
    String value = Objects.requireNonNull(interval, "interval == null");
    return with(t -> t.put("interval", value));
  }

  /**
   * How long an ejected pod stays out the first time ({@code baseEjectionTime}); each further ejection multiplies
   * it by the number of the pod's ejections so far.
   */
  public OutlierDetection baseEjectionTime(String time) {
    String value = Objects.requireNonNull(time, "time == null");
    return with(t -> t.put("baseEjectionTime", value));
  }

  /** At most this percentage of the pods is ejected at once ({@code maxEjectionPercent}), 0 to 100. */
  public OutlierDetection maxEjectionPercent(int percent) {
    return with(t -> t.put("maxEjectionPercent", percent));
  }

  /**
   * Outlier detection stays on while at least this percentage of the pods is healthy, and off below
   * ({@code minHealthPercent}), 0 to 100.
   */
  public OutlierDetection minHealthPercent(int percent) {
    return with(t -> t.put("minHealthPercent", percent));
  }

  private OutlierDetection with(Consumer<ObjectNode> change) {
    return new OutlierDetection(JsonTrees.changed(tree, change));
  }

  /** The settings as Istio's {@code outlierDetection} field, a fresh copy. */
  ObjectNode toTree() {
    return tree.deepCopy();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutlierDetection o && o.tree.equals(tree);
  }

  @Override
  public int hashCode() {
    return tree.hashCode();
  }

  @Override
  public String toString() {
    return "OutlierDetection" + tree;
  }
}
