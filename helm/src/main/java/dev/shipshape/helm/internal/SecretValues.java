package dev.shipshape.helm.internal;

import dev.shipshape.helm.HelmChart;
import dev.shipshape.helm.ValueLayer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides a chart's secret values ({@code setSecret}) from text that Helm or a cluster wrote, such as an error that
 * quotes a rendered template: each value the secret expression sets, as Helm reads it and in base64, becomes
 * {@code <redacted>}.
 */
public final class SecretValues {
  private static final String REDACTED = "<redacted>";

  private SecretValues() {}

  /** {@code text} without the values of {@code chart}'s secret {@code --set}s. */
  public static String redact(HelmChart chart, String text) {
    String redacted = String.valueOf(text);
    for (ValueLayer layer : chart.valueLayers()) {
      if (!layer.secret()) continue;
      // Longest first, so that a value holding another is hidden whole.
      Set<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
          .thenComparing(Comparator.naturalOrder()));
      try {
        collect(SetValues.parse(layer), values);
      } catch (SetSyntaxException e) {
        continue; // an expression that is not valid never reaches Helm
      }
      for (String value : values) {
        if (value.isEmpty()) continue;
        redacted = redacted.replace(value, REDACTED)
            .replace(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)), REDACTED);
      }
    }
    return redacted;
  }

  private static void collect(Object value, Set<String> values) {
    if (value instanceof Map) {
      ((Map<?, ?>) value).values().forEach(v -> collect(v, values));
    } else if (value instanceof List) {
      ((List<?>) value).forEach(v -> collect(v, values));
    } else if (value != null) {
      values.add(String.valueOf(value));
    }
  }
}
