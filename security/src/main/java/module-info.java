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
  exports dev.shipshape.security.auditlog;
  exports dev.shipshape.security.cli;
  exports dev.shipshape.security.etcd;
  exports dev.shipshape.security.pss;
  exports dev.shipshape.security.rbac;
  exports dev.shipshape.security.rbac.analysis;

  opens dev.shipshape.security.cli to info.picocli;

  // The CLI plug-in (SecurityCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
  provides dev.shipshape.core.SpecCheck with dev.shipshape.security.pss.internal.PodSecuritySpecCheck;
}
