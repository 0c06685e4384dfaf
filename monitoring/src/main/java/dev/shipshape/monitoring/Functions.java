package dev.shipshape.monitoring;

import dev.shipshape.monitoring.PromQl.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions of PromQL in Prometheus 2.42 ("Functions", Prometheus documentation) with their argument types.
 * A signature lists the argument types; the last one may be optional or repeated as the documentation says, which
 * {@link #check} knows per function.
 */
final class Functions {
  static final Map<String, List<Type>> SIGNATURES = signatures();

  private Functions() {}

  private static Map<String, List<Type>> signatures() {
    Map<String, List<Type>> m = new HashMap<>();
    for (String f : List.of("abs", "ceil", "exp", "floor", "ln", "log2", "log10", "sqrt", "sgn", "acos", "acosh",
        "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "absent",
        "timestamp", "sort", "sort_desc")) {
      m.put(f, List.of(Type.INSTANT));
    }
    for (String f : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
        "absent_over_time", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
        "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time")) {
      m.put(f, List.of(Type.RANGE));
    }
    m.put("quantile_over_time", List.of(Type.SCALAR, Type.RANGE));
    m.put("predict_linear", List.of(Type.RANGE, Type.SCALAR));
    m.put("holt_winters", List.of(Type.RANGE, Type.SCALAR, Type.SCALAR));
    m.put("histogram_quantile", List.of(Type.SCALAR, Type.INSTANT));
    m.put("histogram_count", List.of(Type.INSTANT));
    m.put("histogram_sum", List.of(Type.INSTANT));
    m.put("histogram_fraction", List.of(Type.SCALAR, Type.SCALAR, Type.INSTANT));
    m.put("clamp", List.of(Type.INSTANT, Type.SCALAR, Type.SCALAR));
    m.put("clamp_max", List.of(Type.INSTANT, Type.SCALAR));
    m.put("clamp_min", List.of(Type.INSTANT, Type.SCALAR));
    m.put("round", List.of(Type.INSTANT, Type.SCALAR));
    m.put("scalar", List.of(Type.INSTANT));
    m.put("vector", List.of(Type.SCALAR));
    m.put("time", List.of());
    m.put("pi", List.of());
    for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
        "month", "year")) {
      m.put(f, List.of(Type.INSTANT));
    }
    m.put("label_replace", List.of(Type.INSTANT, Type.STRING, Type.STRING, Type.STRING, Type.STRING));
    m.put("label_join", List.of(Type.INSTANT, Type.STRING, Type.STRING, Type.STRING));
    return Map.copyOf(m);
  }

  /** Checks the arguments of a call and returns its result type. */
  static Type check(String function, List<Type> signature, List<Type> arguments,
      Function<String, IllegalArgumentException> error) {
    int min = signature.size();
    int max = signature.size();
    // Optional trailing arguments: round's to_nearest, the date functions' and sort's single vector, label_join's
    // source labels.
    if (function.equals("round")) min = 1;
    if (List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")
        .contains(function)) {
      min = 0;
    }
    if (function.equals("label_join")) {
      min = signature.size() - 1;
      max = Integer.MAX_VALUE;
    }
    if (arguments.size() < min || arguments.size() > max) {
      String count = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min
          : min + " to " + max;
      throw error.apply(function + "() takes " + count + " argument" + (count.equals("1") ? "" : "s") + ", not "
          + arguments.size());
    }
    for (int i = 0; i < arguments.size(); i++) {
      Type wanted = i < signature.size() ? signature.get(i) : signature.get(signature.size() - 1);
      if (arguments.get(i) != wanted) {
        throw error.apply(function + "() takes " + PromQl.name(wanted) + " as argument " + (i + 1) + ", not "
            + PromQl.name(arguments.get(i)));
      }
    }
    return switch (function) {
      case "time", "pi", "scalar" -> Type.SCALAR;
      default -> Type.INSTANT;
    };
  }
}
