/**
 * Istio as components, releases with gates, the mesh analyzer and the offline mesh router.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.mesh {
  requires transitive dev.shipshape.core;
  requires transitive dev.shipshape.networking;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires istio.model;
  requires java.net.http;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;

  exports dev.shipshape.mesh;
  exports dev.shipshape.mesh.analysis;
  exports dev.shipshape.mesh.cli;
  exports dev.shipshape.mesh.release;
  exports dev.shipshape.mesh.route;

  opens dev.shipshape.mesh.cli to info.picocli;

  // The CLI plug-in (MeshCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
  provides dev.shipshape.core.SpecCheck with dev.shipshape.mesh.internal.RouteHostsCheck,
      dev.shipshape.mesh.internal.MtlsConflictCheck, dev.shipshape.mesh.internal.TlsCredentialsCheck,
      dev.shipshape.mesh.internal.DestinationRuleCheck;
}
