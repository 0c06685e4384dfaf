package dev.shipshape.readiness.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;

/**
 * The readiness module's part of the {@code shipshape} command: {@code readiness} and {@code profile}, and its
 * package's import.
 */
public final class ReadinessCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new ReadinessCommand(context), new ProfileCommand(context));
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.readiness");
  }
}
