package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The amounts of Kubernetes quantities as the API server reads and compares them (k8s.io/apimachinery
 * pkg/api/resource): exactly, as {@code Cmp} does, or as the whole units and thousandths of {@code Value()} and
 * {@code MilliValue()}, which round up (away from zero), as admission plugins such as the LimitRanger compare them.
 */
public final class Quantities {
  /** The largest amount whose thousandths {@code MilliValue()} gives without overflow ({@code MaxMilliValue}). */
  public static final BigDecimal MAX_MILLI_VALUE = BigDecimal.valueOf(Long.MAX_VALUE / 1000);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private Quantities() {}

  /** The exact amount; empty when there is no quantity or it is no number (such as {@code 1 Gi}). */
  public static Optional<BigDecimal> amount(Quantity quantity) {
    if (quantity == null) return Optional.empty();
    try {
      return Optional.of(quantity.getNumericalAmount());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code Value()}: the amount rounded up to a whole number. */
  public static BigDecimal value(BigDecimal amount) {
    return amount.setScale(0, RoundingMode.UP);
  }

  /** {@code MilliValue()}: the amount in thousandths, rounded up to a whole number. */
  public static BigDecimal milliValue(BigDecimal amount) {
    return amount.multiply(THOUSAND).setScale(0, RoundingMode.UP);
  }
}
