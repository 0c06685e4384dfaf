package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Quantities;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Pod's total request or limit of one resource, as the LimitRanger sums it for an item of type Pod
 * ({@code podRequests}, {@code podLimits}, plugin/pkg/admission/limitranger/admission.go): the containers' amounts
 * added up, with those of the init containers that keep running (sidecars, {@code restartPolicy: Always}); an init
 * container that runs to completion counts with the sidecars started before it, and the Pod's total is at least
 * the largest such sum. A container without the resource adds nothing; a Pod in which no container has it has none.
 */
final class PodTotals {
  private PodTotals() {}

  /** Empty when no container has the resource; null when an amount is no number. */
  static Optional<Amount> of(List<PodContainer> containers, List<DefaultedResources> defaulted,
      Function<DefaultedResources, Map<String, Quantity>> which, String resource) {
    BigDecimal total = null;
    BigDecimal sidecars = null;
    BigDecimal initPeak = null;
    Quantity unit = null;
    for (int i = 0; i < containers.size(); i++) {
      Quantity q = which.apply(defaulted.get(i)).get(resource);
      if (q == null) continue;
      Optional<BigDecimal> amount = Quantities.amount(q);
      if (amount.isEmpty()) return null;
      unit = unit == null ? q : unit;
      PodContainer c = containers.get(i);
      if (!c.init() || c.sidecar()) total = add(total, amount.get());
      if (c.sidecar()) {
        sidecars = add(sidecars, amount.get());
        initPeak = max(initPeak, sidecars);
      } else if (c.init()) {
        initPeak = max(initPeak, add(sidecars, amount.get()));
      }
    }
    BigDecimal pod = max(total, initPeak);
    return pod == null ? Optional.empty() : Optional.of(new Amount(pod, shown(pod, unit)));
  }

  private static BigDecimal add(BigDecimal sum, BigDecimal amount) {
    return sum == null ? amount : sum.add(amount);
  }

  private static BigDecimal max(BigDecimal a, BigDecimal b) {
    return a == null ? b : b == null ? a : a.max(b);
  }

  /** In the unit of one of the amounts where it shows the total exactly, else as a plain number. */
  private static String shown(BigDecimal total, Quantity unit) {
    try {
      Quantity q = Quantity.fromNumericalAmount(total, unit.getFormat());
      if (Quantities.amount(q).filter(a -> a.compareTo(total) == 0).isPresent()) return q.toString();
    } catch (RuntimeException e) {
      // fall through to the plain number
    }
    return total.stripTrailingZeros().toPlainString();
  }
}
