package dev.shipshape.storage.internal;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name the StatefulSet controller gives the claim of template {@code t} for its pod of ordinal {@code i},
 * {@code t-<statefulset>-i} (<a
 * href="https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage">Stable storage</a>),
 * as a typed source or snapshot names it: the value checks of such a name, and the arguments
 * of the typed form that names it.
 */
final class StatefulSetClaimNames {
  private StatefulSetClaimNames() {}

  /** {@code <template>-<statefulSet>-<ordinal>}: the template and the ordinal, possibly negative, as written. */
  private static Optional<Matcher> parse(String statefulSet, String claimName) {
    Matcher m = Pattern.compile("(.+)-" + Pattern.quote(statefulSet) + "-(-?[0-9]+)").matcher(claimName);
    return m.matches() ? Optional.of(m) : Optional.empty();
  }

  /**
   * The problems of {@code claimName}, in {@code field} of {@code ref}, as the claim of StatefulSet
   * {@code statefulSet} that the typed form {@code typedForm} (such as {@code VolumeDataSource.statefulSetClaim})
   * names: the StatefulSet's name is valid, the claim is named like one of its claims, of an ordinal of 0 or more.
   */
  static List<Problem> check(ResourceRef ref, String field, String statefulSet, String claimName, String typedForm) {
    List<Problem> problems = new ArrayList<>();
    Names.checkDns1123Subdomain(statefulSet).forEach(p -> problems.add(Problem.error(ref, field, "names the claim"
        + " of StatefulSet '" + statefulSet + "', whose name " + p, "name the StatefulSet as in its"
        + " metadata.name, such as 'db'")));
    if (!problems.isEmpty()) return problems;
    Optional<Matcher> parsed = parse(statefulSet, claimName);
    if (parsed.isEmpty()) {
      problems.add(Problem.error(ref, field, "is '" + claimName + "', which is no claim of StatefulSet "
          + statefulSet + ": its controller names the claims of its pods <template>-" + statefulSet + "-<ordinal>",
          "use " + typedForm + "(\"" + statefulSet + "\", template, ordinal), which writes the name"));
    } else if (parsed.get().group(2).startsWith("-")) {
      problems.add(Problem.error(ref, field, "is '" + claimName + "', of the negative ordinal "
          + parsed.get().group(2) + ": the pods of StatefulSet " + statefulSet + ", and their claims, are numbered"
          + " from spec.ordinals.start, 0 or more", "give the ordinal of one of the StatefulSet's pods, such as "
          + typedForm + "(\"" + statefulSet + "\", \"" + parsed.get().group(1) + "\", 0)"));
    }
    return problems;
  }

  /**
   * The arguments of the typed form that names claim {@code claimName} of StatefulSet {@code statefulSet}, such as
   * {@code "db", "data", 0}; the name is one of its claims, as {@link #check} requires.
   */
  static String arguments(String statefulSet, String claimName) {
    return arguments(statefulSet, template(statefulSet, claimName), claimName);
  }

  /** The template of claim {@code claimName} of StatefulSet {@code statefulSet}, as {@link #check} requires it. */
  static String template(String statefulSet, String claimName) {
    return parse(statefulSet, claimName).orElseThrow().group(1);
  }

  /** The ordinal of claim {@code claimName} of StatefulSet {@code statefulSet}, as {@link #check} requires it. */
  static String ordinal(String statefulSet, String claimName) {
    return parse(statefulSet, claimName).orElseThrow().group(2);
  }

  /** The ordinal of claim {@code claimName} of StatefulSet {@code statefulSet}, when named as one of its claims. */
  static OptionalLong parsedOrdinal(String statefulSet, String claimName) {
    // Ordinals are 32-bit: longer digit strings name no pod and are left to the other checks.
    return parse(statefulSet, claimName).filter(m -> m.group(2).length() <= 12)
        .map(m -> OptionalLong.of(Long.parseLong(m.group(2))))
        .orElse(OptionalLong.empty());
  }

  /**
   * The arguments of the typed form that names claim {@code claimName} of template {@code template} of
   * StatefulSet {@code statefulSet}, such as {@code "db", "data", 0}.
   */
  static String arguments(String statefulSet, String template, String claimName) {
    return "\"" + statefulSet + "\", \"" + template + "\", "
        + claimName.substring(template.length() + statefulSet.length() + 2);
  }
}
