/**
 * Production readiness of a spec or a live cluster, grouped by pitfall.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.readiness {
  requires transitive dev.shipshape.core;
  requires dev.shipshape.networking;
  requires dev.shipshape.security;
  requires dev.shipshape.backup;
  requires kubernetes.model.apiextensions;
  requires kubernetes.model.apps;
  requires kubernetes.model.autoscaling;
  requires kubernetes.model.batch;
  requires kubernetes.model.discovery;
  requires kubernetes.model.networking;
  requires kubernetes.model.policy;
  requires kubernetes.model.rbac;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.readiness;
  exports dev.shipshape.readiness.cli;

  opens dev.shipshape.readiness.cli to info.picocli;

  // The CLI plug-in (ReadinessCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
