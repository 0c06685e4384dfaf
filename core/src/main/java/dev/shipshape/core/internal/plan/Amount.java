package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Quantities;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A request or limit that the LimitRanger compares: its number, and how messages show it.
 *
 * @param value the number
 * @param text as written, such as {@code 512Mi}
 */
record Amount(BigDecimal value, String text) {

  /** Empty when there is no quantity; null when it is no number, which nothing can be compared with. */
  static Optional<Amount> of(Quantity quantity) {
    if (quantity == null) return Optional.empty();
    return Quantities.amount(quantity).map(v -> Optional.of(new Amount(v, quantity.toString()))).orElse(null);
  }
}
