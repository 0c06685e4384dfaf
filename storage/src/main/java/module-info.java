/**
 * CSI storage classes, volume snapshots and claims, and the storage drift detector.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.storage {
  requires transitive dev.shipshape.core;
  requires transitive kubernetes.model.storageclass;
  requires transitive volumesnapshot.model;
  requires kubernetes.model.apps;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.storage;
  exports dev.shipshape.storage.cli;
  exports dev.shipshape.storage.drift;

  opens dev.shipshape.storage.cli to info.picocli;

  // The CLI plug-in (StorageCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
