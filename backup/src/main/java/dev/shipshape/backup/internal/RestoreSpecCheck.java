package dev.shipshape.backup.internal;

import dev.shipshape.backup.Velero;
import dev.shipshape.backup.model.Restore;
import dev.shipshape.backup.model.RestoreSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import java.util.List;

/**
 * Rules over every Velero Restore of a spec, whichever produced it: a {@code VeleroRestore} component, raw YAML, or
 * another component ({@link RestoreChecks}: one source, the schedule it names, filters, label selectors, namespace
 * mapping, existing-resource policy, timeouts, hooks and the resource modifier ConfigMap). Each problem is reported
 * once, under the component that produced the Restore. A field of a type Velero's CRD refuses is one error naming it.
 */
public final class RestoreSpecCheck implements SpecCheck {
  private static final RestoreSpec UNSET = new RestoreSpec(null, null, null, null, null, null, null, null, null,
      null, null, null, null, null, null);

  @Override
  public String name() {
    return "backup-restores";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    return Typed.eachOfKind(context, "Restore", Restore.class, name(), (ref, restore) ->
        RestoreChecks.check(ref, restore.getSpec() == null ? UNSET : restore.getSpec(), context));
  }
}
