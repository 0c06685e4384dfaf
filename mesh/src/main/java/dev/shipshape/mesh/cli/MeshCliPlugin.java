package dev.shipshape.mesh.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;
import picocli.CommandLine;

/**
 * The mesh module's part of the {@code shipshape} command: {@code mesh analyze}, {@code mesh route} and
 * {@code mesh release}, and the
 * imports of its mesh and release packages.
 */
public final class MeshCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new CommandLine(new MeshCommand()).addSubcommand(new MeshAnalyzeCommand(context))
        .addSubcommand(new MeshRouteCommand(context)).addSubcommand(new MeshReleaseCommand(context)));
  }

  @Override
  public List<String> commandNames() {
    return List.of("mesh");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.mesh", "dev.shipshape.mesh.release");
  }
}
