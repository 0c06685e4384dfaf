package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over every Velero Backup of a spec, whichever produced it: a {@code VeleroBackup} component, raw YAML, or
 * another component. Its {@code spec} is checked as a Schedule's template is ({@link TemplateChecks}: filters,
 * locations, namespaces, hooks), and its ttl as a Go duration, which Velero decodes as a {@code metav1.Duration}.
 * A field of a type Velero's CRD refuses is one error naming it.
 */
public final class BackupSpecCheck implements SpecCheck {
  @Override
  public String name() {
    return "backup-backups";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata object : context.resources(Velero.GROUP, "Backup")) {
      ResourceRef ref = ResourceRef.of(object);
      String producer = context.producerOf(ref).orElse(name());
      check(object, ref, context).forEach(p -> problems.add(p.inComponent(producer)));
    }
    return problems;
  }

  private static List<Problem> check(HasMetadata object, ResourceRef ref, SpecContext context) {
    Backup backup;
    try {
      backup = Typed.as(object, Backup.class);
    } catch (IllegalArgumentException e) {
      return List.of(Typed.misfit(ref, Typed.field(e)));
    }
    Template template = new Template(ref, "spec", backup.getSpec());
    List<Problem> problems = new ArrayList<>(TemplateChecks.check(template, context));
    template.ttl().ifPresent(ttl -> References.requireDuration(ref, "spec.ttl", ttl, "720h0m0s", problems));
    return problems;
  }
}
