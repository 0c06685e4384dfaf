package dev.shipshape.backup;

import dev.shipshape.backup.internal.TemplateChecks;
import dev.shipshape.backup.internal.Templates;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.immutables.value.Value;

/**
 * An on-demand Velero Backup, taken once when it is applied (see {@link BackupTemplate} for its attributes), for
 * example before a risky migration. {@link #validate} runs the same checks as for a schedule's template.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VeleroBackup extends BackupTemplate implements Component {

  public static Builder builder() {
    return new Builder();
  }

  /** The reference of the compiled Backup. */
  public ResourceRef ref() {
    return Velero.ref("Backup", veleroNamespace(), name());
  }

  /** Velero's {@code Backup} CRD. */
  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(Velero.crd("Backup"));
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Backup backup = new Backup();
    backup.setMetadata(Templates.metadata(name(), veleroNamespace()));
    backup.setSpec(Templates.toSpec(this));
    return List.of(backup);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return TemplateChecks.check(this, ref(), "spec", context);
  }

  /** Builds {@link VeleroBackup}s. */
  public static final class Builder extends ImmutableVeleroBackup.Builder implements TemplateSetters<Builder> {}
}
