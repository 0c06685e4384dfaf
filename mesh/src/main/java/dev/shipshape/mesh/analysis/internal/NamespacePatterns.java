package dev.shipshape.mesh.analysis.internal;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Namespace names, asked whether any matches one of Istio's string patterns: exact, {@code *}, {@code prefix*} or
 * {@code *suffix}. Names are kept sorted, and also reversed, so that a prefix or a suffix is one probe rather than a
 * test of every name.
 */
final class NamespacePatterns {
  private final TreeSet<String> names = new TreeSet<>();
  private final TreeSet<String> reversedNames = new TreeSet<>();

  NamespacePatterns(Collection<String> namespaces) {
    for (String ns : namespaces) {
      names.add(ns);
      reversedNames.add(reversed(ns));
    }
  }

  /** True when some namespace matches the pattern. */
  boolean anyMatches(String pattern) {
    if (pattern.equals("*")) return !names.isEmpty();
    if (pattern.endsWith("*")) return anyStartsWith(names, pattern.substring(0, pattern.length() - 1));
    if (pattern.startsWith("*")) return anyStartsWith(reversedNames, reversed(pattern.substring(1)));
    return names.contains(pattern);
  }

  private static boolean anyStartsWith(TreeSet<String> sorted, String prefix) {
    // The least name not below the prefix is the first of those that start with it, if any do.
    String least = sorted.ceiling(prefix);
    return least != null && least.startsWith(prefix);
  }

  private static String reversed(String s) {
    return new StringBuilder(s).reverse().toString();
  }
}
