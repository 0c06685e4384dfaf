/**
 * Typed Velero resources, their validation, the Velero preflight and restore drills.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.backup {
  requires transitive dev.shipshape.core;
  requires transitive com.fasterxml.jackson.annotation;
  requires kubernetes.model.apps;
  requires kubernetes.model.common;
  requires java.net.http;
  // The S3 probe of the preflight: optional, as in the build.
  requires static software.amazon.awssdk.auth;
  requires static software.amazon.awssdk.awscore;
  requires static software.amazon.awssdk.core;
  requires static software.amazon.awssdk.http;
  requires static software.amazon.awssdk.http.urlconnection;
  requires static software.amazon.awssdk.regions;
  requires static software.amazon.awssdk.retries.api;
  requires static software.amazon.awssdk.services.s3;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.backup;
  exports dev.shipshape.backup.cli;
  exports dev.shipshape.backup.drill;
  exports dev.shipshape.backup.model;
  exports dev.shipshape.backup.preflight;

  opens dev.shipshape.backup.cli to info.picocli;

  provides dev.shipshape.core.SpecCheck with dev.shipshape.backup.internal.LocationSpecCheck,
      dev.shipshape.backup.internal.ScheduleSpecCheck,
      dev.shipshape.backup.internal.BackupSpecCheck,
      dev.shipshape.backup.internal.RestoreSpecCheck;

  // The CLI plug-in (BackupCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
