package dev.shipshape.core.internal.apply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Values of one length, hashed so that a text is searched for all of them in one pass: a rolling hash over each
 * window of that length, and a comparison only where the hash is one of theirs. The cost is the text's length,
 * however many values and however long they are.
 */
final class SameLengthValues {
  // Hashes are polynomials in this odd multiplier, modulo 2^64; a false hit costs one comparison.
  private static final long BASE = 0x100000001B3L;
  private static final int FILTER_BITS = 1 << 16;

  private final int length;
  private final long topPower;
  private final Map<Long, List<String>> byHash = new HashMap<>();
  // Most windows hold no value: a bit per hash class answers them without boxing a key.
  private final long[] filter = new long[FILTER_BITS / 64];

  SameLengthValues(int length, Collection<String> values) {
    if (length < 1) throw new IllegalArgumentException("values must not be empty");
    this.length = length;
    long power = 1;
    for (int i = 1; i < length; i++) power *= BASE;
    this.topPower = power;
    for (String value : values) {
      long hash = hash(value, 0, length);
      byHash.computeIfAbsent(hash, k -> new ArrayList<>(1)).add(value);
      int bit = bit(hash);
      filter[bit >>> 6] |= 1L << bit;
    }
  }

  int length() {
    return length;
  }

  /** Calls {@code found} with each position of {@code text} where one of the values starts, in order. */
  void search(String text, IntConsumer found) {
    int n = text.length();
    if (length > n) return;
    long hash = hash(text, 0, length);
    for (int start = 0; ; start++) {
      int bit = bit(hash);
      if ((filter[bit >>> 6] & (1L << bit)) != 0 && holds(text, start, hash)) found.accept(start);
      if (start + length >= n) return;
      hash = (hash - text.charAt(start) * topPower) * BASE + text.charAt(start + length);
    }
  }

  private boolean holds(String text, int start, long hash) {
    for (String value : byHash.getOrDefault(hash, List.of())) {
      if (text.regionMatches(start, value, 0, length)) return true;
    }
    return false;
  }

  private static long hash(String text, int from, int to) {
    long hash = 0;
    for (int i = from; i < to; i++) hash = hash * BASE + text.charAt(i);
    return hash;
  }

  private static int bit(long hash) {
    return (int) (hash ^ (hash >>> 29)) & (FILTER_BITS - 1);
  }
}
