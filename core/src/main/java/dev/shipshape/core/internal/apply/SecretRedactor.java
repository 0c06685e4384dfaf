package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ResourceResult;
import dev.shipshape.core.step.StepResult;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hides every value of every Secret of a plan from text: each value as written and in base64 ({@code data} and
 * {@code stringData} alike), and as JSON or Go quoting escapes it, since servers and admission webhooks quote
 * requests in their errors in any of these forms. Values shorter than {@value #SHORT} characters are hidden only
 * where they stand as a whole word, so that a value such as {@code 1} does not blank out every digit of a message
 * (next to a longer value, hidden first, a short one stands as a word).
 * Immutable and thread-safe.
 */
public final class SecretRedactor {
  static final int SHORT = 6;
  private static final SecretRedactor NONE = new SecretRedactor(Map.of());
  // The values by length, longest first: a text is searched once per distinct length rather than once per value,
  // as a plan with a Secret per tenant has thousands of values and every result of an apply is redacted.
  private final List<SameLengthValues> valuesByLength;

  private SecretRedactor(Map<Integer, Set<String>> valuesByLength) {
    List<SameLengthValues> sorted = new ArrayList<>();
    valuesByLength.forEach((length, values) -> sorted.add(new SameLengthValues(length, values)));
    sorted.sort(Comparator.comparingInt(SameLengthValues::length).reversed());
    this.valuesByLength = List.copyOf(sorted);
  }

  /** A redactor for the Secrets of {@code plan}; one that changes nothing when the plan has none. */
  public static SecretRedactor of(Plan plan) {
    Set<String> values = new LinkedHashSet<>();
    for (PlannedResource r : plan.resources()) {
      if (!r.isSecret()) continue;
      JsonNode tree = Manifests.toTree(r.object());
      tree.path("data").forEach(v -> addEncoded(values, v.asText()));
      tree.path("stringData").forEach(v -> addPlain(values, v.asText()));
    }
    if (values.isEmpty()) return NONE;
    Map<Integer, Set<String>> byLength = new HashMap<>();
    for (String value : values) byLength.computeIfAbsent(value.length(), k -> new HashSet<>()).add(value);
    return new SecretRedactor(byLength);
  }

  private static void addEncoded(Set<String> values, String base64) {
    if (base64.isEmpty()) return;
    values.add(base64);
    try {
      addPlain(values, new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // Not base64: the planner reports it; the text itself is hidden above.
    }
  }

  private static void addPlain(Set<String> values, String plain) {
    if (plain.isEmpty()) return;
    values.add(plain);
    values.add(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    String escaped = plain.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t");
    values.add(escaped);
    for (String line : plain.split("\n")) {
      if (line.strip().length() >= SHORT) values.add(line.strip());
    }
  }

  /**
   * The text with every Secret value replaced by {@link FieldChange#HIDDEN}: each run of characters that some value
   * covers (values that overlap hide their union) becomes one {@code (hidden)}.
   */
  public String redact(String text) {
    if (text == null || valuesByLength.isEmpty()) return text;
    int n = text.length();
    // For each position, the end of the longest value found starting there (0: none); and the characters hidden so
    // far, which count as a word's edge for a shorter value, as the "(hidden)" that replaces them would.
    int[] end = new int[n];
    boolean[] hidden = new boolean[n];
    for (SameLengthValues same : valuesByLength) {
      int length = same.length();
      // Judged against the longer values only, then hidden: values of one length do not make each other words.
      List<Integer> starts = new ArrayList<>();
      same.search(text, start -> {
        if (end[start] == 0 && (length >= SHORT || standsAlone(text, start, start + length, hidden))) starts.add(start);
      });
      for (int start : starts) {
        end[start] = start + length;
        for (int i = start; i < start + length; i++) hidden[i] = true;
      }
    }
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < n) {
      if (end[i] == 0) {
        i++;
        continue;
      }
      int runEnd = end[i];
      for (int j = i; j < runEnd; j++) runEnd = Math.max(runEnd, end[j]);
      if (out == null) out = new StringBuilder(n);
      out.append(text, copied, i).append(FieldChange.HIDDEN);
      copied = runEnd;
      i = runEnd;
    }
    return out == null ? text : out.append(text, copied, n).toString();
  }

  /** True when no shown letter or digit (ASCII) touches the text between {@code start} and {@code end}. */
  private static boolean standsAlone(String text, int start, int end, boolean[] hidden) {
    return (start == 0 || hidden[start - 1] || !isAsciiAlnum(text.charAt(start - 1)))
        && (end == text.length() || hidden[end] || !isAsciiAlnum(text.charAt(end)));
  }

  private static boolean isAsciiAlnum(char c) {
    return c < 128 && Character.isLetterOrDigit(c);
  }

  /** True when the text holds a Secret value. */
  boolean reveals(String text) {
    return text != null && !redact(text).equals(text);
  }

  /**
   * The throwable itself when no message of its cause chain holds a Secret value; otherwise one exception with the
   * redacted messages of the chain, and no cause that could reveal the value.
   */
  public Throwable redact(Throwable error) {
    if (error == null || valuesByLength.isEmpty()) return error;
    boolean reveals = false;
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      reveals |= reveals(t.getMessage()) || reveals(t.toString());
      if (text.length() > 0) text.append(" (caused by ").append(t.getClass().getSimpleName()).append(": ");
      else text.append(t.getClass().getSimpleName()).append(": ");
      text.append(redact(String.valueOf(t.getMessage())));
      if (t != error) text.append(')');
    }
    if (!reveals) return error;
    RedactedException redacted = new RedactedException(text.toString());
    redacted.setStackTrace(error.getStackTrace());
    return redacted;
  }

  /** The result with its message redacted. */
  public ResourceResult redact(ResourceResult result) {
    if (result.message().isEmpty() || !reveals(result.message().get())) return result;
    return ResourceResult.builder().from(result).message(redact(result.message().get())).build();
  }

  /** The step's result with its message redacted. */
  public StepResult redact(StepResult result) {
    if (result.message().isEmpty() || !reveals(result.message().get())) return result;
    return StepResult.builder().from(result).message(redact(result.message().get())).build();
  }

  /** The report with the message of every result, and of every step's result, redacted. */
  public ApplyReport redact(ApplyReport report) {
    if (valuesByLength.isEmpty()) return report;
    List<ResourceResult> results = new ArrayList<>();
    boolean changed = false;
    for (ResourceResult r : report.results()) {
      ResourceResult redacted = redact(r);
      changed |= redacted != r;
      results.add(redacted);
    }
    List<StepResult> steps = new ArrayList<>();
    for (StepResult s : report.steps()) {
      StepResult redacted = redact(s);
      changed |= redacted != s;
      steps.add(redacted);
    }
    return changed ? ApplyReport.builder().from(report).results(results).steps(steps).build() : report;
  }

  /** An error whose message had a Secret value hidden; it keeps the original's stack but not its causes. */
  public static final class RedactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedactedException(String message) {
      super(message);
    }
  }
}
