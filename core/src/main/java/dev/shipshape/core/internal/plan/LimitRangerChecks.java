package dev.shipshape.core.internal.plan;

import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Quantities;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Pod against the bounds of the LimitRanges of its namespace, once their defaults are in, as the LimitRanger
 * admission plugin validates it ({@code PodValidateLimitFunc}, plugin/pkg/admission/limitranger/admission.go): an
 * item of type Container bounds each container and init container, an item of type Pod the Pod's total
 * ({@link PodTotals}). A min needs a request, at least the min, and a limit, if any, at least the min; a max needs a
 * limit, at most the max, and a request, if any, at most the max; a maxLimitRequestRatio needs a request and a
 * limit, neither 0, the limit at most that many times the request. Amounts are compared as the plugin compares them
 * ({@code requestLimitEnforcedValues}): in thousandths rounded up, or in whole units rounded up where an amount is
 * too large for thousandths. A Pod item takes the cpu and memory a Pod sets of its own ({@code spec.resources}, the
 * PodLevelResources feature, on by default since Kubernetes 1.34) over its containers' total, each of requests and
 * limits apart; every other resource is its containers' total ({@code podRequests}, {@code podLimits}).
 */
final class LimitRangerChecks {
  /** The resources a Pod may set of its own ({@code isSupportedPodLevelResource}). */
  private static final Set<String> POD_LEVEL_RESOURCES = Set.of("cpu", "memory");

  private final PodFindings findings;
  private final String podField;

  LimitRangerChecks(PodFindings findings, String podField) {
    this.findings = findings;
    this.podField = podField;
  }

  void check(List<LimitRangeBound> bounds, List<PodContainer> containers, List<DefaultedResources> defaulted,
      PodSpec pod) {
    ResourceRequirements own = pod.getResources();
    Map<String, Quantity> podRequests = own == null || own.getRequests() == null ? Map.of() : own.getRequests();
    Map<String, Quantity> podLimits = own == null || own.getLimits() == null ? Map.of() : own.getLimits();
    for (LimitRangeBound bound : bounds) {
      String r = bound.resource();
      if (!bound.perPod()) {
        for (int i = 0; i < containers.size(); i++) {
          DefaultedResources d = defaulted.get(i);
          judge(bound, new Subject(containers.get(i).field() + ".resources", false), Amount.of(d.requests().get(r)),
              Amount.of(d.limits().get(r)), causes(d.filledRequest(r)), causes(d.filledLimit(r)));
        }
      } else {
        boolean ownRequest = POD_LEVEL_RESOURCES.contains(r) && podRequests.containsKey(r);
        boolean ownLimit = POD_LEVEL_RESOURCES.contains(r) && podLimits.containsKey(r);
        judge(bound, new Subject(podField, true),
            ownRequest ? Amount.of(podRequests.get(r))
                : PodTotals.of(containers, defaulted, DefaultedResources::requests, r),
            ownLimit ? Amount.of(podLimits.get(r)) : PodTotals.of(containers, defaulted, DefaultedResources::limits, r),
            ownRequest ? List.of() : filled(defaulted, d -> d.filledRequest(r)),
            ownLimit ? List.of() : filled(defaulted, d -> d.filledLimit(r)));
      }
    }
  }

  /** One bound against one container's or Pod's request and limit (empty when absent; null when no number). */
  private void judge(LimitRangeBound bound, Subject s, Optional<Amount> request, Optional<Amount> limit,
      List<LimitRangeDefault> requestCauses, List<LimitRangeDefault> limitCauses) {
    Optional<BigDecimal> enforced = Quantities.amount(bound.amount());
    if (enforced.isEmpty() || request == null || limit == null) return;
    BigDecimal[] v = compared(request.map(Amount::value).orElse(BigDecimal.ZERO),
        limit.map(Amount::value).orElse(BigDecimal.ZERO), enforced.get());
    String r = bound.resource();
    String in = findings.where();
    String change = " in " + findings.named(bound.limitRange());
    switch (bound.kind()) {
      case MIN -> {
        if (request.isEmpty()) {
          none(s.field("requests", null), s.none("requests", r), bound, "request at least " + bound.amount()
              + " of " + r + in);
        } else if (v[0].compareTo(v[2]) < 0) {
          error(s.field("requests", r), s.amount("request", request.get(), r) + " is below " + bound.describe(),
              requestCauses, "request at least " + bound.amount() + " of " + r + in + ", or lower the min" + change);
        } else if (limit.isPresent() && v[1].compareTo(v[2]) < 0) {
          error(s.field("limits", r), s.amount("limit", limit.get(), r) + " is below " + bound.describe(),
              limitCauses, "set limits." + r + " to " + bound.amount() + " at least" + in + ", or lower the min"
              + change);
        }
      }
      case MAX -> {
        if (limit.isEmpty()) {
          none(s.field("limits", null), s.none("limits", r), bound, "set limits." + r + " to " + bound.amount()
              + " at most" + in);
        } else if (v[1].compareTo(v[2]) > 0) {
          error(s.field("limits", r), s.amount("limit", limit.get(), r) + " is above " + bound.describe(),
              limitCauses, "lower limits." + r + " to " + bound.amount() + " at most" + in + ", or raise the max"
              + change);
        } else if (request.isPresent() && v[0].compareTo(v[2]) > 0) {
          error(s.field("requests", r), s.amount("request", request.get(), r) + " is above " + bound.describe(),
              requestCauses, "lower the request of " + r + " to " + bound.amount() + " at most" + in
              + ", or raise the max" + change);
        }
      }
      case RATIO -> ratio(bound, s, request, limit, v, requestCauses, limitCauses);
    }
  }

  private void ratio(LimitRangeBound bound, Subject s, Optional<Amount> request, Optional<Amount> limit,
      BigDecimal[] v, List<LimitRangeDefault> requestCauses, List<LimitRangeDefault> limitCauses) {
    String r = bound.resource();
    String in = findings.where();
    if (request.isEmpty() || v[0].signum() == 0) {
      none(s.field("requests", null), s.none("requests", r) + " (or one of 0)", bound, "request " + r + in);
      return;
    }
    if (limit.isEmpty() || v[1].signum() == 0) {
      none(s.field("limits", null), s.none("limits", r) + " (or one of 0)", bound, "set limits." + r + in
          + ", at most " + bound.amount() + " times the request");
      return;
    }
    BigDecimal enforced = Quantities.amount(bound.amount()).orElseThrow();
    double observed = v[1].doubleValue() / v[0].doubleValue();
    double shown = observed;
    double most = Quantities.value(enforced).doubleValue();
    if (Quantities.value(enforced).compareTo(Quantities.MAX_MILLI_VALUE) <= 0) {
      observed *= 1000;
      most = Quantities.milliValue(enforced).doubleValue();
    }
    if (observed > most) {
      List<LimitRangeDefault> causes = new ArrayList<>(requestCauses);
      causes.addAll(limitCauses);
      // As the plugin prints it: Go's %f, six decimals ("but provided ratio is 8.000000").
      error(s.field("limits", r), s.amount("limit", limit.get(), r) + " is "
          + String.format(Locale.ROOT, "%f", shown) + " times the request "
          + request.get().text() + ", more than " + bound.describe(), causes, "raise the request of " + r
          + " or lower its limit" + in + ", or raise the ratio in " + findings.named(bound.limitRange()));
    }
  }

  /** A request or limit out of a bound, perhaps once defaults filled it in. */
  private void error(String field, String message, List<LimitRangeDefault> causes, String fix) {
    findings.error(field, message + ", which the LimitRanger admission plugin refuses"
        + ResourceRequestChecks.after(causes), fix + ResourceRequestChecks.orLimitRange(causes, findings));
  }

  /** A request or limit that a bound needs and the container or Pod lacks. */
  private void none(String field, String missing, LimitRangeBound bound, String fix) {
    findings.error(field, missing + ", which the LimitRanger admission plugin refuses under " + bound.describe(),
        fix);
  }

  /**
   * The request, limit and bound at one precision, as {@code requestLimitEnforcedValues}: whole units rounded up,
   * or thousandths rounded up when all three are small enough for them.
   */
  private static BigDecimal[] compared(BigDecimal request, BigDecimal limit, BigDecimal enforced) {
    BigDecimal[] amounts = {request, limit, enforced};
    boolean milli = true;
    for (BigDecimal a : amounts) milli &= Quantities.value(a).compareTo(Quantities.MAX_MILLI_VALUE) <= 0;
    BigDecimal[] compared = new BigDecimal[3];
    for (int i = 0; i < 3; i++) {
      compared[i] = milli ? Quantities.milliValue(amounts[i]) : Quantities.value(amounts[i]);
    }
    return compared;
  }

  private static List<LimitRangeDefault> causes(Optional<LimitRangeDefault> filled) {
    return filled.map(List::of).orElse(List.of());
  }

  private static List<LimitRangeDefault> filled(List<DefaultedResources> defaulted,
      Function<DefaultedResources, Optional<LimitRangeDefault>> which) {
    return defaulted.stream().map(which).flatMap(Optional::stream).distinct().toList();
  }

  /** A container's resources, or a Pod's total, and how problems name them. */
  private record Subject(String at, boolean pod) {
    /** A container's {@code requests} or {@code limits}, of one resource unless null; the pod spec of a Pod. */
    String field(String map, String resource) {
      return pod ? at : at + "." + map + (resource == null ? "" : "." + resource);
    }

    String amount(String what, Amount amount, String resource) {
      String value = amount.text();
      return pod ? "the total " + what + " " + value + " of " + resource + " of the Pod's containers"
          : "the " + what + " " + value + " of " + resource;
    }

    String none(String what, String resource) {
      return pod ? "no container of the Pod " + (what.equals("requests") ? "requests " : "limits ") + resource
          : resource + " has no " + (what.equals("requests") ? "request" : "limit");
    }
  }
}
