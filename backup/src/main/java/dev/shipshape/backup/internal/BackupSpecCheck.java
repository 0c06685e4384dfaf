package dev.shipshape.backup.internal;

import dev.shipshape.backup.model.Backup;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over every Velero Backup of a spec, whichever produced it: a {@code VeleroBackup} component, raw YAML, or
 * another component. Its {@code spec} is checked as a Schedule's template is ({@link TemplateChecks}: filters,
 * label selectors, locations, namespaces, hooks), and its ttl as a Go duration, which Velero decodes as a
 * {@code metav1.Duration}. A field of a type Velero's CRD refuses is one error naming it.
 */
public final class BackupSpecCheck implements SpecCheck {
  @Override
  public String name() {
    return "backup-backups";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    return Typed.eachOfKind(context, "Backup", Backup.class, name(), (ref, backup) -> {
      Template template = new Template(ref, "spec", backup.getSpec());
      List<Problem> problems = new ArrayList<>(TemplateChecks.check(template, context));
      template.ttl().ifPresent(ttl -> References.requireDuration(ref, "spec.ttl", ttl, "720h0m0s", problems));
      return problems;
    });
  }
}
