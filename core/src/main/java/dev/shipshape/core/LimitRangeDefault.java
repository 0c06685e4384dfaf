package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Objects;

/**
 * A default limit or request that a LimitRange gives the containers of its namespace that lack it, as the API
 * server stores the LimitRange: written in an item's {@code default} or {@code defaultRequest}, or completed from
 * another field of the item ({@link LimitRangeRules#defaults}).
 *
 * @param resource the resource name, such as {@code cpu} or {@code nvidia.com/gpu}
 * @param value the amount filled in
 * @param limit true for a default limit, false for a default request
 * @param limitRange the LimitRange that gives it
 * @param field the field of the LimitRange it comes from, such as {@code spec.limits[0].max.cpu}
 * @param how empty when the field is the default itself, else how the field stands for it
 */
public record LimitRangeDefault(String resource, Quantity value, boolean limit, ResourceRef limitRange,
    String field, String how) {

  /** Copies the amount, so the default stays what it was when the LimitRange was read. */
  public LimitRangeDefault {
    Objects.requireNonNull(resource, "resource");
    value = new Quantity(Objects.requireNonNull(value, "value").getAmount(), value.getFormat());
    Objects.requireNonNull(limitRange, "limitRange");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(how, "how");
  }

  /** The amount, a copy. */
  @Override
  public Quantity value() {
    return new Quantity(value.getAmount(), value.getFormat());
  }

  /** Whether it is written as a default, not completed from another field. */
  public boolean written() {
    return how.isEmpty();
  }

  /** Such as {@code the default limit cpu=1 of LimitRange shop/limits (spec.limits[0].default.cpu)}. */
  public String describe() {
    return kind() + " " + resource + "=" + value + " of LimitRange " + limitRange.qualifiedName() + " (" + field
        + (how.isEmpty() ? "" : ", " + how) + ")";
  }

  /**
   * Such as {@code the default limit cpu=1}, or {@code the default limit cpu=1 (spec.limits[0].max.cpu, which stands
   * for the default limit when there is none)}: the default in a problem of its own LimitRange.
   */
  public String named() {
    return kind() + " " + resource + "=" + value + (how.isEmpty() ? "" : " (" + field + ", " + how + ")");
  }

  private String kind() {
    return "the default " + (limit ? "limit" : "request");
  }
}
