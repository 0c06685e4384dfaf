package dev.shipshape.core;

import java.util.List;

/**
 * A check of every planned spec that a module contributes by being on the class path, for rules that hold whatever
 * components the spec uses (such as Pod Security: a workload in a Namespace labelled
 * {@code pod-security.kubernetes.io/enforce=restricted} must satisfy that level, whether the label comes from a
 * component or from raw YAML). Where a rule belongs to one component, use {@link Component#validate} instead.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader}: a public class with a public no-argument
 * constructor, named in {@code META-INF/services/dev.shipshape.core.SpecCheck}. {@link ClusterSpec#plan()} runs
 * every one after the components validated, and reports their problems together with all others (an error makes
 * planning fail). Implementations are stateless and thread-safe, must not change the objects they read, and
 * signal problems by returning them, not by throwing.
 */
public interface SpecCheck {

  /** A short name shown with the problems the check reports, such as {@code pod-security}. */
  String name();

  /** The problems of the whole compiled spec; empty when there are none. */
  List<Problem> check(SpecContext context);
}
