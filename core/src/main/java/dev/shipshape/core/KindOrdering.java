package dev.shipshape.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * An ordering rule between kinds that a {@link Component} contributes for its custom kinds: every object of a
 * {@link #before()} kind is applied (and its wave finished) before any object of an {@link #after()} kind, within
 * one namespace or cluster-wide. Kinds are written {@code Kind.group}, such as {@code Issuer.cert-manager.io}, or
 * plain {@code Kind} for the core group. The planner adds these rules to its built-in ones (Namespaces first,
 * CRDs before their custom resources, quotas and policies before pods, …) at the same cost: n + m edges for n
 * objects of one kind and m of the other.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class KindOrdering {

  /** Why the order matters, shown in cycle reports, such as {@code Issuers before Certificates}. */
  public abstract String description();

  /** True when the rule holds only between objects of the same namespace. */
  public abstract boolean sameNamespace();

  public abstract Set<String> before();

  public abstract Set<String> after();

  /** Objects of {@code before} kinds come before objects of {@code after} kinds in the same namespace. */
  public static KindOrdering inNamespace(String description, Set<String> before, Set<String> after) {
    return ImmutableKindOrdering.builder().description(description).sameNamespace(true)
        .before(before).after(after).build();
  }

  /** Objects of {@code before} kinds come before objects of {@code after} kinds anywhere in the cluster. */
  public static KindOrdering clusterWide(String description, Set<String> before, Set<String> after) {
    return ImmutableKindOrdering.builder().description(description).sameNamespace(false)
        .before(before).after(after).build();
  }

  @Value.Check
  void check() {
    List<Problem> problems = new ArrayList<>();
    if (before().isEmpty()) problems.add(empty("before", "Issuer.cert-manager.io"));
    if (after().isEmpty()) problems.add(empty("after", "Certificate.cert-manager.io"));
    if (!problems.isEmpty()) throw new SpecValidationException("KindOrdering " + description(), problems);
  }

  private static Problem empty(String field, String example) {
    return Problem.builder().severity(ProblemSeverity.ERROR).field(field).message(field + " names no kind")
        .fix("name at least one kind as Kind.group, such as " + example).build();
  }

  @Override
  public String toString() {
    return description();
  }
}
