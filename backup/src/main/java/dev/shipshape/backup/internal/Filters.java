package dev.shipshape.backup.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Velero's rules for include and exclude lists ({@code ValidateIncludesExcludes} and, for the cluster- and
 * namespace-scoped lists, {@code ValidateScopedIncludesExcludes} in Velero's {@code pkg/util/collections}).
 */
final class Filters {
  private Filters() {}

  /**
   * Checks one pair of lists. {@code scoped} selects the rules of the new-style scoped lists, where an exclude
   * list may be {@code *} alone.
   */
  public static void check(ResourceRef ref, String prefix, String includeName, String excludeName,
      List<String> includes, List<String> excludes, boolean scoped, List<Problem> problems) {
    Set<String> in = new LinkedHashSet<>(includes == null ? List.of() : includes);
    Set<String> out = new LinkedHashSet<>(excludes == null ? List.of() : excludes);
    String includeField = prefix + "." + includeName;
    String excludeField = prefix + "." + excludeName;
    if (in.size() > 1 && in.contains("*")) {
      problems.add(Problem.error(ref, includeField, "lists '*' together with other entries " + in
          + "; Velero takes '*' only alone", "use '*' alone to include everything, or list the entries without '*'"));
    }
    if (scoped) {
      if (out.size() > 1 && out.contains("*")) {
        problems.add(Problem.error(ref, excludeField, "lists '*' together with other entries " + out
            + "; Velero takes '*' only alone", "use '*' alone to exclude everything, or list the entries without"
            + " '*'"));
      }
      if (!in.isEmpty() && out.contains("*")) {
        problems.add(Problem.error(ref, excludeField, "is '*' while " + includeName + " lists " + in + "; Velero"
            + " takes no include list when everything is excluded", "remove '*' from " + excludeName + " to take"
            + " only " + includeName + ", or empty " + includeName + " to take none"));
      }
    } else if (out.contains("*")) {
      problems.add(Problem.error(ref, excludeField, "contains '*'; Velero does not accept '*' in an exclude list",
          "remove '*'; to take nothing, narrow " + includeName + " instead"));
    }
    for (String item : out) {
      if (in.contains(item) && !item.equals("*")) {
        problems.add(Problem.error(ref, excludeField, "'" + item + "' is both included and excluded",
            "remove '" + item + "' from " + includeName + " or from " + excludeName));
      }
    }
  }

  /**
   * Velero refuses a backup whose included or excluded namespaces are not namespace names, wildcards aside
   * ({@code ValidateNamespaceIncludesExcludes}); {@code ""} stands for cluster-scoped objects.
   */
  static void namespaceNames(ResourceRef ref, String field, List<String> namespaces, List<Problem> problems) {
    for (int i = 0; i < namespaces.size(); i++) {
      String ns = namespaces.get(i);
      if (ns.isEmpty() || ns.equals("*")) continue;
      // A glob stands for letters: only what no wildcard explains is checked.
      String literal = ns.replaceAll("\\[[^\\]]*\\]|[*?]", "x");
      for (String message : Names.checkDns1123Label(literal)) {
        problems.add(Problem.error(ref, field + "[" + i + "]", (literal.equals(ns) ? "namespace '"
            : "namespace pattern '") + ns + "' " + message + "; Velero fails the"
            + " validation of such a backup", "use lower-case letters, digits and '-', and '*' as a wildcard"));
      }
    }
  }
}
