/**
 * Prometheus Operator monitors, the scrapes' RBAC and NetworkPolicies, and alerts for the spec's pitfalls.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.monitoring {
  requires transitive dev.shipshape.core;
  requires dev.shipshape.networking;
  requires dev.shipshape.backup;
  requires kubernetes.model.apps;
  requires kubernetes.model.networking;
  requires kubernetes.model.rbac;
  requires openshift.model.monitoring;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.monitoring;
  exports dev.shipshape.monitoring.cli;

  opens dev.shipshape.monitoring.cli to info.picocli;

  // The CLI plug-in (MonitoringCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
