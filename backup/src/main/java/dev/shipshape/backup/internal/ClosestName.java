package dev.shipshape.backup.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The name among candidates closest to a misspelled one, by edit distance (insertions, deletions and substitutions)
 * ignoring case, so that {@code insecureSkipTlsVerify} finds {@code insecureSkipTLSVerify} and {@code s3url} finds
 * {@code s3Url}.
 */
public final class ClosestName {
  private ClosestName() {}

  /**
   * The candidate closest to {@code name}, when it is within a third of the name's length (at least 2 edits) and
   * no other candidate is as close; empty otherwise.
   */
  public static Optional<String> to(String name, Collection<String> candidates) {
    String wanted = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : candidates) {
      int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    if (best == null || bestDistance > Math.max(2, name.length() / 3) || tie && bestDistance > 0) {
      return Optional.empty();
    }
    return Optional.of(best);
  }

  /** Levenshtein distance, with two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
