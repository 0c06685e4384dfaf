/**
 * Helm charts rendered into the plan, and Helm releases.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.helm {
  requires transitive dev.shipshape.core;
  requires kubernetes.model.apiextensions;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires helm.java;
  requires org.apache.commons.compress;
  requires java.net.http;
  // sun.misc.Signal: the JVM's signal handlers are given back after each call into Helm's Go code (GoSignals).
  requires jdk.unsupported;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.helm;
  exports dev.shipshape.helm.cli;

  opens dev.shipshape.helm.cli to info.picocli;

  // The CLI plug-in (HelmCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
