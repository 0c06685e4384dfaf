/**
 * The test kit for specs: a local control plane, the {@code @ShipshapeCluster} JUnit 5 extension and AssertJ plan assertions.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.testing {
  requires transitive dev.shipshape.core;
  requires transitive kubernetes.model.apiextensions;
  requires transitive org.assertj.core;
  requires transitive org.junit.jupiter.api;
  requires kubernetes.client;
  requires kubernetes.server.mock;
  requires com.google.common;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.junit.platform.commons;
  requires java.net.http;

  exports dev.shipshape.testing;

  // JUnit instantiates the extension that @ShipshapeCluster names.
  opens dev.shipshape.testing.internal to org.junit.platform.commons;
}
