package dev.shipshape.backup.internal;

import dev.shipshape.core.Names;
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
      int d = Names.editDistance(wanted, candidate.toLowerCase(Locale.ROOT));
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
}
