package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A limit or request a LimitRange of the spec fills into a Pod's container that lacks it.
 *
 * @param resource the resource name, such as {@code cpu} or {@code nvidia.com/gpu}
 * @param value the amount filled in
 * @param limit true for a default limit, false for a default request
 * @param limitRange the LimitRange that gives it
 * @param field the field of the LimitRange it comes from
 * @param how empty when the field is the default itself, else how the field stands for it
 */
record LimitRangeDefault(String resource, Quantity value, boolean limit, ResourceRef limitRange, String field,
    String how) {

  /** Such as {@code the default limit cpu=1 of LimitRange shop/limits (spec.limits[0].default.cpu)}. */
  String describe() {
    return "the default " + (limit ? "limit " : "request ") + resource + "=" + value + " of LimitRange "
        + limitRange.qualifiedName() + " (" + field + (how.isEmpty() ? "" : ", " + how) + ")";
  }
}
