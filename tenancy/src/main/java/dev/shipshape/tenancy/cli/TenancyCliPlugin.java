package dev.shipshape.tenancy.cli;

import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;

/** The tenancy module's part of the {@code shipshape} command: the import of its package (it has no commands). */
public final class TenancyCliPlugin implements CliPlugin {
  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.tenancy");
  }
}
