package dev.shipshape.backup;

import dev.shipshape.backup.internal.Templates;
import dev.shipshape.backup.model.Restore;
import dev.shipshape.backup.model.RestoreSpec;
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
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Velero Restore: recreates objects (and, with {@code restorePVs}, volumes) from one backup, or from the newest
 * completed backup of a schedule. {@code namespaceMapping} restores a namespace under another name, in this or
 * another cluster. The compiled Restore is checked as every Restore of the spec is, raw YAML alike.
 *
 * <pre>{@code
 * VeleroRestore.fromSchedule("t1-restore", "t1-daily").namespaces("t1").mapNamespace("t1", "t1-copy").build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class VeleroRestore implements Component {

  @Override
  public abstract String name();

  /** The namespace Velero runs in. By default, {@code velero}. */
  @Value.Default
  public String veleroNamespace() {
    return Velero.DEFAULT_NAMESPACE;
  }

  /** The backup to restore from; exactly one of this and {@link #scheduleName} is set. */
  public abstract Optional<String> backupName();

  /** The schedule whose newest completed backup to restore from. */
  public abstract Optional<String> scheduleName();

  /** The namespaces to restore. By default, every namespace of the backup. */
  public abstract List<String> includedNamespaces();

  public abstract List<String> excludedNamespaces();

  public abstract List<String> includedResources();

  public abstract List<String> excludedResources();

  public abstract Optional<Boolean> includeClusterResources();

  /** Restore namespace {@code key} as namespace {@code value}. */
  public abstract Map<String, String> namespaceMapping();

  /** Labels an object must have to be restored; exclusive with {@link #orLabelSelectors}. */
  public abstract Map<String, String> labelSelector();

  public abstract List<Map<String, String>> orLabelSelectors();

  /** Whether persistent volumes are restored from snapshots. By default, Velero's (true). */
  public abstract Optional<Boolean> restorePVs();

  /** What to do with objects that exist already. By default, Velero's ({@code none}: keep them). */
  public abstract Optional<ExistingResourcePolicy> existingResourcePolicy();

  public static Builder builder() {
    return ImmutableVeleroRestore.builder();
  }

  /** A builder for a restore of the newest completed backup of {@code schedule}. */
  public static Builder fromSchedule(String name, String schedule) {
    return builder().name(name).scheduleName(schedule);
  }

  /** A builder for a restore of the backup {@code backup}. */
  public static Builder fromBackup(String name, String backup) {
    return builder().name(name).backupName(backup);
  }

  /** The reference of the compiled Restore. */
  public ResourceRef ref() {
    return Velero.ref("Restore", veleroNamespace(), name());
  }

  /** Velero's {@code Restore} CRD. */
  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(Velero.crd("Restore"));
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    Restore restore = new Restore();
    restore.setMetadata(Templates.metadata(name(), veleroNamespace()));
    restore.setSpec(new RestoreSpec(backupName().orElse(null), scheduleName().orElse(null), includedNamespaces(),
        excludedNamespaces(), includedResources(), excludedResources(), includeClusterResources().orElse(null),
        namespaceMapping(), Templates.selector(labelSelector()),
        Templates.selectors(orLabelSelectors()), restorePVs().orElse(null),
        existingResourcePolicy().map(ExistingResourcePolicy::value).orElse(null), null, null, null));
    return List.of(restore);
  }

  /** Builds {@link VeleroRestore}s. */
  public sealed interface Builder permits ImmutableVeleroRestore.Builder {
    /** Starts from every attribute of {@code restore}. */
    Builder from(VeleroRestore restore);

    Builder name(String name);

    Builder veleroNamespace(String veleroNamespace);

    Builder backupName(String backupName);

    Builder scheduleName(String scheduleName);

    Builder addIncludedNamespaces(String... namespaces);

    /** Restores only these namespaces. */
    default Builder namespaces(String... namespaces) {
      return addIncludedNamespaces(namespaces);
    }

    /** Replaces the included namespaces. */
    Builder includedNamespaces(Iterable<String> namespaces);

    Builder addAllIncludedNamespaces(Iterable<String> namespaces);

    Builder addExcludedNamespaces(String... namespaces);

    Builder excludedNamespaces(Iterable<String> namespaces);

    Builder addIncludedResources(String... resources);

    Builder includedResources(Iterable<String> resources);

    Builder addExcludedResources(String... resources);

    Builder excludedResources(Iterable<String> resources);

    Builder includeClusterResources(boolean includeClusterResources);

    Builder putNamespaceMapping(String from, String to);

    /** Restores namespace {@code from} as {@code to}. */
    default Builder mapNamespace(String from, String to) {
      return putNamespaceMapping(from, to);
    }

    /** Replaces the namespace mapping. */
    Builder namespaceMapping(Map<String, ? extends String> mapping);

    Builder putLabelSelector(String key, String value);

    /** Replaces the labels an object must have. */
    Builder labelSelector(Map<String, ? extends String> labels);

    /**
     * Adds a label set of {@code orLabelSelectors}: objects with all of these labels, or with all the labels of
     * another such set, are restored. The map is copied.
     */
    default Builder orLabelSelector(Map<String, String> labels) {
      return ((ImmutableVeleroRestore.Builder) this)
          .addOrLabelSelectors(Collections.unmodifiableMap(new LinkedHashMap<>(labels)));
    }

    Builder restorePVs(boolean restorePVs);

    Builder existingResourcePolicy(ExistingResourcePolicy existingResourcePolicy);

    VeleroRestore build();
  }
}
