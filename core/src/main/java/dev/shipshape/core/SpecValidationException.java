package dev.shipshape.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a spec cannot be planned. It carries every problem found, not just the first; its message lists
 * them one per line, errors first.
 */
public final class SpecValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public SpecValidationException(String subject, List<Problem> problems) {
    super(render(subject, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, errors and warnings, errors first. */
  public List<Problem> problems() {
    return problems;
  }

  /** The errors only. */
  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).collect(Collectors.toList());
  }

  private static String render(String subject, List<Problem> problems) {
    long errors = problems.stream().filter(Problem::isError).count();
    StringBuilder text = new StringBuilder()
        .append(subject).append(" is invalid: ").append(errors).append(errors == 1 ? " error" : " errors");
    long warnings = problems.size() - errors;
    if (warnings > 0) text.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    for (Problem p : problems) text.append(System.lineSeparator()).append("  ").append(p);
    return text.toString();
  }
}
