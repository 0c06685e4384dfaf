/**
 * RBAC personas and analysis, Pod Security, the security audit and etcd encryption checks.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.security {
  requires transitive dev.shipshape.core;
  requires transitive kubernetes.model.rbac;
  requires kubernetes.model.apps;
  requires kubernetes.model.batch;
  requires kubernetes.model.networking;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires java.net.http;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.security.audit;
  exports dev.shipshape.security.cli;
  exports dev.shipshape.security.etcd;
  exports dev.shipshape.security.pss;
  exports dev.shipshape.security.rbac;
  exports dev.shipshape.security.rbac.analysis;

  opens dev.shipshape.security.cli to info.picocli;

  provides dev.shipshape.cli.spi.CliPlugin with dev.shipshape.security.cli.SecurityCliPlugin;
  provides dev.shipshape.core.SpecCheck with dev.shipshape.security.pss.internal.PodSecuritySpecCheck;
}
