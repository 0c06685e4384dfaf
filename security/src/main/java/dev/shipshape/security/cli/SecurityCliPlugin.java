package dev.shipshape.security.cli;

import dev.shipshape.cli.spi.CliContext;
import dev.shipshape.cli.spi.CliPlugin;
import java.util.List;

/**
 * The security module's part of the {@code shipshape} command: {@code audit}, {@code can-i}, {@code who-can} and
 * {@code rbac-diff}, and the imports of its RBAC, Pod Security, audit, audit policy and etcd packages.
 */
public final class SecurityCliPlugin implements CliPlugin {
  @Override
  public List<Object> commands(CliContext context) {
    return List.of(new AuditCommand(context), new CanICommand(context), new WhoCanCommand(context),
        new RbacDiffCommand(context));
  }

  @Override
  public List<String> commandNames() {
    return List.of("audit", "can-i", "who-can", "rbac-diff");
  }

  @Override
  public List<String> scriptImports() {
    return List.of("dev.shipshape.security", "dev.shipshape.security.rbac", "dev.shipshape.security.rbac.analysis",
        "dev.shipshape.security.pss", "dev.shipshape.security.audit", "dev.shipshape.security.auditlog",
        "dev.shipshape.security.etcd");
  }
}
