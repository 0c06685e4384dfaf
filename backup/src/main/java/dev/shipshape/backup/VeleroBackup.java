package dev.shipshape.backup;

import dev.shipshape.backup.internal.Templates;
import dev.shipshape.backup.model.Backup;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * An on-demand Velero Backup, taken once when it is applied (see {@link BackupTemplate} for its attributes), for
 * example before a risky migration. The compiled Backup is checked with every other Backup of the spec, raw YAML
 * included, as a schedule's template is: its filters and label selectors, the locations, namespaces and hook
 * containers it names, and its ttl.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VeleroBackup extends BackupTemplate implements Component {

  public static Builder builder() {
    return ImmutableVeleroBackup.builder();
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

  /** Builds {@link VeleroBackup}s. */
  public sealed interface Builder extends TemplateSetters<Builder> permits ImmutableVeleroBackup.Builder {
    /** Starts from every attribute of {@code backup}. */
    Builder from(VeleroBackup backup);

    @Override
    default Builder orLabelSelector(Map<String, String> labels) {
      return ((ImmutableVeleroBackup.Builder) this)
          .addOrLabelSelectors(Collections.unmodifiableMap(new LinkedHashMap<>(labels)));
    }

    VeleroBackup build();
  }
}
