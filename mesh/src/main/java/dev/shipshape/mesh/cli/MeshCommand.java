package dev.shipshape.mesh.cli;

import dev.shipshape.cli.spi.CommandGroup;
import picocli.CommandLine.Command;

/** {@code shipshape mesh}: Istio mesh analysis and offline routing. */
@Command(name = "mesh",
    mixinStandardHelpOptions = true,
    description = "Istio service mesh: analyze configuration as istioctl analyze does, and trace where a request goes.")
final class MeshCommand extends CommandGroup {
}
