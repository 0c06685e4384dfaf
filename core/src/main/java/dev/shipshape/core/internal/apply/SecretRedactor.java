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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides every value of every Secret of a plan from text: each value as written and in base64 ({@code data} and
 * {@code stringData} alike), and as JSON or Go quoting escapes it, since servers and admission webhooks quote
 * requests in their errors in any of these forms. Values shorter than {@value #SHORT} characters are hidden only
 * where they stand as a whole word, so that a value such as {@code 1} does not blank out every digit of a message.
 * Immutable and thread-safe.
 */
public final class SecretRedactor {
  static final int SHORT = 6;
  private static final SecretRedactor NONE = new SecretRedactor(List.of());
  private final List<Pattern> patterns;

  private SecretRedactor(List<Pattern> patterns) {
    this.patterns = patterns;
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
    List<String> sorted = new ArrayList<>(values);
    // Longest first, so that a value containing another is hidden whole.
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    List<Pattern> patterns = new ArrayList<>();
    for (String value : sorted) {
      String quoted = Pattern.quote(value);
      patterns.add(Pattern.compile(value.length() < SHORT ? "(?<![\\p{Alnum}])" + quoted + "(?![\\p{Alnum}])"
          : quoted));
    }
    return new SecretRedactor(List.copyOf(patterns));
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

  /** The text with every Secret value replaced by {@link FieldChange#HIDDEN}. */
  public String redact(String text) {
    if (text == null || patterns.isEmpty()) return text;
    String out = text;
    for (Pattern pattern : patterns) out = pattern.matcher(out).replaceAll(Matcher.quoteReplacement(FieldChange.HIDDEN));
    return out;
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
    if (error == null || patterns.isEmpty()) return error;
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
    if (patterns.isEmpty()) return report;
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
