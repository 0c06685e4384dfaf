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
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.helm;
  exports dev.shipshape.helm.cli;

  opens dev.shipshape.helm.cli to info.picocli;

  provides dev.shipshape.cli.spi.CliPlugin with dev.shipshape.helm.cli.HelmCliPlugin;
}
