package dev.shipshape.storage.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Kubernetes quantities as byte counts. */
public final class Quantities {
  private Quantities() {}

  /** The bytes of a quantity such as {@code 20Gi}, rounded up; -1 when it cannot be parsed. */
  public static BigInteger bytes(String quantity) {
    try {
      BigDecimal amount = Quantity.getAmountInBytes(new Quantity(quantity));
      return amount.setScale(0, java.math.RoundingMode.CEILING).toBigIntegerExact();
    } catch (RuntimeException e) {
      return BigInteger.ONE.negate();
    }
  }

  /** True when a quantity such as {@code 500m} or {@code 1.5} is not a whole number of bytes. */
  public static boolean isFractional(String quantity) {
    try {
      return Quantity.getAmountInBytes(new Quantity(quantity)).stripTrailingZeros().scale() > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The bytes of a quantity; -1 when it is absent or cannot be parsed. */
  public static BigInteger bytes(Quantity quantity) {
    return quantity == null ? BigInteger.ONE.negate() : bytes(quantity.toString());
  }
}
