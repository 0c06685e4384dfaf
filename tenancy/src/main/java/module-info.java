/**
 * Tenants: a namespace with labels, Pod Security, quota, limits, network isolation and RBAC personas.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.tenancy {
  requires transitive dev.shipshape.core;
  requires transitive dev.shipshape.networking;
  requires transitive dev.shipshape.security;
  requires static dev.shipshape.cli.spi;
  requires static info.picocli;
  requires static org.immutables.value;
  requires static com.google.errorprone.annotations;
  requires static java.compiler;

  exports dev.shipshape.tenancy;
  exports dev.shipshape.tenancy.cli;

  // The CLI plug-in (TenancyCliPlugin) is listed in META-INF/services only: a 'provides' of a service whose module is
  // optional (requires static) makes resolution fail without it ("does not read a module that exports
  // dev.shipshape.cli.spi"), and the shipshape command runs on the class path.
}
