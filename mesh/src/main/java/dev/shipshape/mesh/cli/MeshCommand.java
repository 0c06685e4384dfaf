package dev.shipshape.mesh.cli;

import dev.shipshape.cli.spi.CommandGroup;
import picocli.CommandLine.Command;

/** {@code shipshape mesh}: Istio mesh analysis, offline routing and releases. */
@Command(name = "mesh",
    mixinStandardHelpOptions = true,
    description = "Istio service mesh: analyze configuration as istioctl analyze does, trace where a request goes, "
        + "and run canary releases and A/B tests step by step.")
final class MeshCommand extends CommandGroup {
}
