package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.Restore;
import dev.shipshape.backup.model.RestoreSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over every Velero Restore of a spec, whichever produced it: a {@code VeleroRestore} component, raw YAML, or
 * another component ({@link RestoreChecks}: one source, the schedule it names, filters, label selectors, namespace
 * mapping, existing-resource policy, timeouts and hooks). Each problem is reported once, under the component that
 * produced the Restore. A field of a type Velero's CRD refuses is one error naming it.
 */
public final class RestoreSpecCheck implements SpecCheck {
  private static final RestoreSpec UNSET = new RestoreSpec(null, null, null, null, null, null, null, null, null,
      null, null, null, null, null);

  @Override
  public String name() {
    return "backup-restores";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    for (HasMetadata object : context.resources(Velero.GROUP, "Restore")) {
      ResourceRef ref = ResourceRef.of(object);
      String producer = context.producerOf(ref).orElse(name());
      check(object, ref, context).forEach(p -> problems.add(p.inComponent(producer)));
    }
    return problems;
  }

  private static List<Problem> check(HasMetadata object, ResourceRef ref, SpecContext context) {
    Restore restore;
    try {
      restore = Typed.as(object, Restore.class);
    } catch (IllegalArgumentException e) {
      return List.of(Typed.misfit(ref, Typed.field(e)));
    }
    return RestoreChecks.check(ref, restore.getSpec() == null ? UNSET : restore.getSpec(), context);
  }
}
