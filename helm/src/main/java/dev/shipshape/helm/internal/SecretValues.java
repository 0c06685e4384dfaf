package dev.shipshape.helm.internal;

import dev.shipshape.helm.HelmChart;
import dev.shipshape.helm.ValueLayer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Hides a chart's secret values ({@code setSecret}) from text that Helm or a cluster wrote, such as an error that
 * quotes a rendered template: each value as written and in base64 becomes {@code <redacted>}.
 */
public final class SecretValues {
  private static final String REDACTED = "<redacted>";

  private SecretValues() {}

  /** {@code text} without the values of {@code chart}'s secret {@code --set}s. */
  public static String redact(HelmChart chart, String text) {
    String redacted = String.valueOf(text);
    for (ValueLayer layer : chart.valueLayers()) {
      if (!layer.secret()) continue;
      String value = String.valueOf(layer.setValue().orElse(""));
      if (value.isEmpty()) continue;
      redacted = redacted.replace(value, REDACTED)
          .replace(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)), REDACTED);
    }
    return redacted;
  }
}
