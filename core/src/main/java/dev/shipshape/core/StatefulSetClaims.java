package dev.shipshape.core;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The names of the claims the StatefulSet controller makes from a StatefulSet's {@code volumeClaimTemplates}:
 * {@code <template>-<statefulset>-<ordinal>}, the claim of template {@code template} for the pod of that ordinal,
 * the ordinal written in decimal without leading zeros (<a
 * href="https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-storage">Stable storage</a>;
 * the controller's {@code getPersistentVolumeClaimName}). One reading for the planner's order and the storage checks.
 */
public final class StatefulSetClaims {
  /** What the controller writes for an ordinal (Go's {@code strconv.Itoa}), within an {@code int32}. */
  private static final Pattern ORDINAL = Pattern.compile("0|[1-9][0-9]{0,9}");

  private StatefulSetClaims() {}

  /** The claim of template {@code template} for the pod of ordinal {@code ordinal} of StatefulSet {@code set}. */
  public static String name(String template, String set, long ordinal) {
    return template + "-" + set + "-" + ordinal;
  }

  /**
   * The ordinal of the pod whose claim of template {@code template} of StatefulSet {@code set} is named
   * {@code claim}; empty when the controller never writes that name for that template (another shape, a negative
   * ordinal, leading zeros).
   */
  public static OptionalInt ordinal(String claim, String template, String set) {
    String prefix = template + "-" + set + "-";
    if (!claim.startsWith(prefix)) return OptionalInt.empty();
    String written = claim.substring(prefix.length());
    if (!ORDINAL.matcher(written).matches()) return OptionalInt.empty();
    long ordinal = Long.parseLong(written);
    return ordinal > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) ordinal);
  }
}
