/**
 * Network policies, the offline reachability analyzer and kube-proxy configuration.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.networking {
  requires transitive dev.shipshape.core;
  requires transitive kubernetes.model.discovery;
  requires transitive kubernetes.model.networking;
  requires kubernetes.model.apps;
  requires kubernetes.model.batch;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.google.common;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.networking;
  exports dev.shipshape.networking.cli;
  exports dev.shipshape.networking.policy;
  exports dev.shipshape.networking.proxy;
  exports dev.shipshape.networking.reach;

  opens dev.shipshape.networking.cli to info.picocli;

  // The CLI plug-in (NetworkingCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
