package dev.shipshape.networking.reach;

/**
 * Traffic allowed from one peer to another.
 *
 * @param source where connections start
 * @param destination where they go
 * @param allowed what both sides' policies allow
 */
public record Connection(Peer source, Peer destination, ConnectionSet allowed) {

  /** {@code source => destination : allowed}, one line of the connection list. */
  @Override
  public String toString() {
    return source + " => " + destination + " : " + allowed;
  }
}
