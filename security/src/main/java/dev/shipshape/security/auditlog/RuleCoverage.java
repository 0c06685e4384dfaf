package dev.shipshape.security.auditlog;

import java.util.List;

/**
 * Whether one rule matches every request another matches, judged from the rules alone: each condition of the
 * first is absent or at least as wide as the second's. Sound, not complete: two earlier rules that together cover a
 * later one are not seen.
 */
final class RuleCoverage {
  private RuleCoverage() {}

  static boolean covers(AuditPolicyRule wide, AuditPolicyRule narrow) {
    return widerList(wide.users(), narrow.users()) && widerList(wide.userGroups(), narrow.userGroups())
        && widerList(wide.verbs(), narrow.verbs()) && widerScope(wide, narrow);
  }

  /** An empty list allows everything; else every value the narrow rule allows must be listed. */
  private static boolean widerList(List<String> wide, List<String> narrow) {
    return wide.isEmpty() || !narrow.isEmpty() && wide.containsAll(narrow);
  }

  private static boolean widerScope(AuditPolicyRule wide, AuditPolicyRule narrow) {
    boolean wideResources = !wide.namespaces().isEmpty() || !wide.resources().isEmpty();
    boolean narrowResources = !narrow.namespaces().isEmpty() || !narrow.resources().isEmpty();
    if (wideResources) {
      return narrowResources && widerList(wide.namespaces(), narrow.namespaces())
          && (wide.resources().isEmpty() || !narrow.resources().isEmpty()
              && narrow.resources().stream().allMatch(n -> wide.resources().stream().anyMatch(w -> covers(w, n))));
    }
    if (!wide.nonResourceURLs().isEmpty()) {
      return !narrowResources && !narrow.nonResourceURLs().isEmpty() && narrow.nonResourceURLs().stream()
          .allMatch(n -> wide.nonResourceURLs().stream().anyMatch(w -> coversPath(w, n)));
    }
    return true;
  }

  private static boolean covers(AuditResources wide, AuditResources narrow) {
    if (!wide.group().equals(narrow.group())) return false;
    if (wide.resources().isEmpty()) return true;
    if (narrow.resources().isEmpty()) return false;
    if (!widerList(wide.resourceNames(), narrow.resourceNames())) return false;
    return narrow.resources().stream().allMatch(n -> wide.resources().stream().anyMatch(w -> coversResource(w, n)));
  }

  /** {@code *}, the same entry, {@code pods/*} over pods and its subresources, {@code *}/x over any/x. */
  private static boolean coversResource(String wide, String narrow) {
    if (wide.equals("*") || wide.equals(narrow)) return true;
    int slash = narrow.indexOf('/');
    String resource = slash < 0 ? narrow : narrow.substring(0, slash);
    if (wide.endsWith("/*") && !resource.equals("*")) return resource.equals(wide.substring(0, wide.length() - 2));
    return wide.startsWith("*/") && slash > 0 && narrow.substring(slash + 1).equals(wide.substring(2));
  }

  private static boolean coversPath(String wide, String narrow) {
    if (wide.equals("*") || wide.equals(narrow)) return true;
    if (!wide.endsWith("*")) return false;
    String prefix = wide.substring(0, wide.length() - 1);
    return narrow.startsWith(prefix);
  }
}
