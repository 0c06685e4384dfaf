package dev.shipshape.backup.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The namespaces an include and an exclude list select, as Velero reads them: an empty include list or
 * {@code *} selects every namespace; entries may be glob patterns ({@code *}, {@code ?}); excludes win.
 */
public final class NamespaceSelection {
  private final List<String> includes;
  private final List<String> excludes;

  private NamespaceSelection(List<String> includes, List<String> excludes) {
    this.includes = includes;
    this.excludes = excludes;
  }

  /** The selection of these lists; null lists count as empty. */
  public static NamespaceSelection of(List<String> includes, List<String> excludes) {
    return new NamespaceSelection(includes == null ? List.of() : List.copyOf(includes),
        excludes == null ? List.of() : List.copyOf(excludes));
  }

  /** True when the include list selects every namespace. */
  public boolean includesAll() {
    return includes.isEmpty() || includes.contains("*");
  }

  /** True when the include list names namespaces one by one: not every namespace, no pattern. */
  public boolean literalOnly() {
    return !includesAll() && includes.stream().allMatch(NamespaceSelection::isLiteral);
  }

  public boolean covers(String namespace) {
    boolean included = includesAll() || includes.stream().anyMatch(p -> matches(p, namespace));
    return included && excludes.stream().noneMatch(p -> matches(p, namespace));
  }

  /** Included entries that name one namespace (no glob characters). */
  public List<String> literalIncludes() {
    return includes.stream().filter(NamespaceSelection::isLiteral).collect(Collectors.toList());
  }

  /** A namespace both selections cover among {@code candidates}, or any when both select everything. */
  public Optional<String> overlap(NamespaceSelection other, List<String> candidates) {
    Optional<String> shared = candidates.stream().filter(ns -> covers(ns) && other.covers(ns)).findFirst();
    if (shared.isPresent() || !includesAll() || !other.includesAll()) return shared;
    return Optional.of("every namespace");
  }

  /** How messages show the selection: {@code [t1, t2]} or {@code every namespace}. */
  public String describe() {
    String base = includesAll() ? "every namespace" : "namespaces " + includes;
    return excludes.isEmpty() ? base : base + " except " + excludes;
  }

  static boolean isLiteral(String entry) {
    return entry.indexOf('*') < 0 && entry.indexOf('?') < 0;
  }

  private static boolean matches(String pattern, String namespace) {
    if (isLiteral(pattern)) return pattern.equals(namespace);
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*') regex.append(".*");
      else if (c == '?') regex.append('.');
      else regex.append(Pattern.quote(String.valueOf(c)));
    }
    return namespace.matches(regex.toString());
  }
}
