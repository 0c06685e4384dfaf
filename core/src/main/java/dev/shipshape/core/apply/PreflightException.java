package dev.shipshape.core.apply;

import dev.shipshape.core.Problem;
import java.util.List;

/**
 * Thrown by {@link KubernetesExecutor#apply} when the live checks before the first write found problems (a
 * namespace that does not exist, a kind the server does not serve, a write the caller may not make, an object the
 * server's strict dry run rejects or a field another field manager owns). Nothing was written. It carries every
 * problem found, each with its fix; its message lists them one per line.
 */
public final class PreflightException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public PreflightException(String specName, String server, List<Problem> problems) {
    super(render(specName, server, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(String specName, String server, List<Problem> problems) {
    StringBuilder text = new StringBuilder("spec ").append(specName).append(" cannot be applied to ").append(server)
        .append(": ").append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append(" found before the first write; nothing was written");
    for (Problem p : problems) text.append(System.lineSeparator()).append("  ").append(p);
    return text.toString();
  }
}
