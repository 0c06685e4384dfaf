package dev.shipshape.core.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON has one number type: {@code 0} and {@code 0.0}, {@code 4294967295} and {@code 4.294967295E9} are the same
 * value, although parsers type them differently (a CRD schema's {@code minimum} is a double in the client's model
 * and an integer in the YAML the server stored). Comparisons of live and desired objects, or of Helm's records and
 * values, go by this rule.
 */
public final class JsonNumbers {
  private JsonNumbers() {}

  /**
   * Whether {@code a} and {@code b} are both numbers of the same value. NaN and infinities, which have no decimal
   * value, are the same only when {@code equals} says so.
   */
  public static boolean same(JsonNode a, JsonNode b) {
    if (!a.isNumber() || !b.isNumber()) return false;
    if (!finite(a) || !finite(b)) return a.equals(b);
    return a.decimalValue().compareTo(b.decimalValue()) == 0;
  }

  private static boolean finite(JsonNode number) {
    return !number.isFloatingPointNumber() || Double.isFinite(number.doubleValue());
  }
}
