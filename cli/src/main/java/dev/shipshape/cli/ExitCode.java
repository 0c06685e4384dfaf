package dev.shipshape.cli;

/**
 * The exit codes of the {@code shipshape} commands. The same table is in every command's help and in the README;
 * keep the three in step.
 */
final class ExitCode {
  /** Success: the spec is valid, the cluster matches (diff), everything was applied. */
  static final int OK = 0;
  /** The spec is invalid ({@code plan}, {@code render}, {@code apply}); for {@code diff}: there are differences. */
  static final int INVALID_OR_CHANGED = 1;
  /**
   * The answer is no: {@code can-i} denied, {@code reach --from/--to} not reachable, audit findings at
   * {@code --fail-on}, failed backup checks, differences ({@code rbac-diff}, {@code reach --diff}).
   */
  static final int NO = 1;
  /** Usage error: unknown option, missing or malformed argument. */
  static final int USAGE = 2;
  /** The spec cannot be loaded: missing file, script error, no {@code spec} variable; for diff also an invalid spec. */
  static final int SPEC_ERROR = 3;
  /** The cluster cannot be used: no kubeconfig, unknown context, unreachable server, rejected credentials. */
  static final int CLUSTER = 4;
  /** The apply failed: some objects failed or were not attempted. */
  static final int APPLY_FAILED = 5;
  /** An unexpected internal error. */
  static final int INTERNAL = 6;
  /** Standard output cannot be written (a full disk, a closed pipe): what was printed is incomplete. */
  static final int OUTPUT = 7;

  /** The heading of the exit code table in every command's help. */
  static final String HEADING = "%nExit codes:%n";

  private ExitCode() {}
}
