package dev.shipshape.testing;

/** The set-up helpers on a real API server, where they write by server-side apply. */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class SetupOnControlPlaneTest extends SetupWritesChecks {
  @Override
  String prefix() {
    return "setup-control-plane";
  }
}
