package dev.shipshape.cli.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code shipshape} command: one table, printed in every command's {@code --help} and in
 * the README. As with {@code kubectl diff}, 1 is a negative answer and not an error (differences, a denied
 * permission, findings at {@code --fail-on}); every code above 1 is an error.
 */
public enum ExitCode {
  /** Success: the spec is valid, nothing differs, the answer is yes, everything was applied. */
  OK(0, "success: the spec is valid; no differences; the answer is yes; everything was applied"),
  /**
   * A negative answer, not an error: differences found ({@code diff}, {@code rbac-diff}, {@code reach --diff}),
   * {@code can-i} denied or {@code reach --from/--to} unreachable, a finding at {@code --fail-on}, nothing found
   * to write.
   */
  NO(1, "the answer is no: differences found (diff, rbac-diff, reach --diff); denied or unreachable (can-i, reach "
      + "--from/--to); a finding at --fail-on (audit, backup check, storage drift, mesh analyze); nothing to write"),
  /** Usage error: unknown option, missing or malformed argument or option value. */
  USAGE(2, "usage error: unknown option, missing or malformed argument or option value"),
  /**
   * The input cannot be used: a missing file, unreadable YAML, a script that fails or assigns no {@code spec}, or
   * an invalid spec, chart or inventory (every problem is listed).
   */
  INVALID_INPUT(3, "the input cannot be used: missing file, unreadable YAML, script error, no 'spec', or an "
      + "invalid spec or chart (every problem is listed, with its fix)"),
  /** The cluster cannot be used: no kubeconfig, unknown context, unreachable server, rejected credentials. */
  CLUSTER(4, "cluster unusable: no kubeconfig, unknown context, unreachable, credentials rejected, reading failed"),
  /** The apply failed: some objects failed or were not attempted; the report says which and why. */
  APPLY_FAILED(5, "apply failed: some objects failed or were not attempted (see the report)"),
  /** An unexpected internal error. */
  INTERNAL(6, "internal error (set SHIPSHAPE_DEBUG=1 for the stack trace)"),
  /** Standard output cannot be written (a full disk, a closed pipe): what was printed is incomplete. */
  OUTPUT(7, "standard output cannot be written (disk full, closed pipe): the output is incomplete"),
  /** Interrupted (Ctrl-C); {@code apply} prints its partial report first. */
  INTERRUPTED(130, "interrupted (Ctrl-C); apply prints its partial report (applied, failed, not attempted) first");

  /** The heading of the exit code table in every command's help. */
  public static final String HEADING = "%nExit codes:%n";

  private final int code;
  private final String description;

  ExitCode(int code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The process exit code. */
  public int code() {
    return code;
  }

  /** What it means, for the help's table. */
  public String description() {
    return description;
  }

  /** The table for picocli's exit code list: code to description, in code order. */
  public static Map<String, String> table() {
    Map<String, String> table = new LinkedHashMap<>();
    for (ExitCode exitCode : values()) table.put(String.valueOf(exitCode.code), exitCode.description);
    return table;
  }
}
