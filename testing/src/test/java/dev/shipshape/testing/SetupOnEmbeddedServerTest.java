package dev.shipshape.testing;

/** The set-up helpers on the embedded server, which implements no server-side apply. */
@ShipshapeCluster(ClusterMode.EMBEDDED)
class SetupOnEmbeddedServerTest extends SetupWritesChecks {
  @Override
  String prefix() {
    return "setup-embedded";
  }
}
