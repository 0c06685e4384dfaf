package dev.shipshape.networking.reach;

/**
 * An inclusive range of port numbers, {@code first} to {@code last}.
 *
 * @param first the lowest port, at least 1
 * @param last the highest port, at most 65535 and not below {@code first}
 */
public record PortRange(int first, int last) {

  public PortRange {
    if (first < ConnectionSet.MIN_PORT || last > ConnectionSet.MAX_PORT || last < first) {
      throw new IllegalArgumentException("port range " + first + "-" + last + " is not within 1-65535");
    }
  }

  /** {@code 80} for one port, {@code 8000-8080} for a range. */
  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
