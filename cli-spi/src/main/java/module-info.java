/**
 * The plug-in SPI of the {@code shipshape} command: how a module adds its commands and script imports.
 *
 * <p>Exports the API packages only; the engines in its {@code internal} packages are not exported.
 */
module dev.shipshape.cli.spi {
  requires transitive dev.shipshape.core;
  requires transitive info.picocli;

  exports dev.shipshape.cli.spi;

  opens dev.shipshape.cli.spi to info.picocli;
}
