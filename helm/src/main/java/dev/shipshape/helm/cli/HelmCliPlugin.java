package dev.shipshape.helm.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;
import picocli.CommandLine;

/**
 * The Helm module's part of the {@code shipshape} command: {@code helm render}, and the import of its package.
 */
public final class HelmCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new CommandLine(new HelmCommand()).addSubcommand(new HelmRenderCommand(context)));
  }

  @Override
  public List<String> commandNames() {
    return List.of("helm");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.helm");
  }
}
