package dev.shipshape.networking.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;

/**
 * The networking module's part of the {@code shipshape} command: {@code reach}, and the imports of its policy,
 * proxy and reach packages.
 */
public final class NetworkingCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new ReachCommand(context));
  }

  @Override
  public List<String> commandNames() {
    return List.of("reach");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.networking", "dev.shipshape.networking.policy", "dev.shipshape.networking.proxy",
        "dev.shipshape.networking.reach");
  }
}
