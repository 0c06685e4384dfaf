package dev.shipshape.backup;

import dev.shipshape.core.ShipshapeStyle;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Exec hooks that a backup runs in the pods it selects: pods in the hook's namespaces (by default, every
 * namespace of the backup) whose labels match the hook's label selector. {@code pre} hooks run before the pod's
 * volumes are backed up, {@code post} hooks after.
 *
 * <pre>{@code
 * BackupHook.named("freeze-db").namespaces("t1").label("app", "db")
 *     .pre(ExecHook.in("db", "fsfreeze", "--freeze", "/data").build())
 *     .post(ExecHook.in("db", "fsfreeze", "--unfreeze", "/data").build())
 *     .build()
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class BackupHook {

  /** The hook's name, shown in Velero's logs. */
  public abstract String name();

  /** The namespaces whose pods run the hook. By default, every namespace of the backup. */
  public abstract List<String> includedNamespaces();

  public abstract List<String> excludedNamespaces();

  /** The resources the hook applies to. By default, all; exec hooks only ever run in pods. */
  public abstract List<String> includedResources();

  public abstract List<String> excludedResources();

  /** Labels the pod must have ({@code matchLabels}). By default, none: every pod. */
  public abstract Map<String, String> labelSelector();

  /** Hooks run before the pod is backed up, in order. */
  public abstract List<ExecHook> pre();

  /** Hooks run after the pod is backed up, in order. */
  public abstract List<ExecHook> post();

  public static Builder builder() {
    return ImmutableBackupHook.builder();
  }

  /** A builder for a hook of this name. */
  public static Builder named(String name) {
    return builder().name(name);
  }

  /** Builds {@link BackupHook}s. */
  public interface Builder {
    /** Starts from every attribute of {@code hook}. */
    Builder from(BackupHook hook);

    Builder name(String name);

    Builder addIncludedNamespaces(String... namespaces);

    default Builder namespaces(String... namespaces) {
      return addIncludedNamespaces(namespaces);
    }

    Builder includedNamespaces(Iterable<String> namespaces);

    Builder addAllIncludedNamespaces(Iterable<String> namespaces);

    Builder addExcludedNamespaces(String... namespaces);

    Builder excludedNamespaces(Iterable<String> namespaces);

    Builder addIncludedResources(String... resources);

    Builder includedResources(Iterable<String> resources);

    Builder addExcludedResources(String... resources);

    Builder excludedResources(Iterable<String> resources);

    Builder putLabelSelector(String key, String value);

    /** Requires the pod label {@code key=value}. */
    default Builder label(String key, String value) {
      return putLabelSelector(key, value);
    }

    /** Replaces the labels the pod must have. */
    Builder labelSelector(Map<String, ? extends String> labels);

    Builder addPre(ExecHook hook);

    default Builder pre(ExecHook hook) {
      return addPre(hook);
    }

    /** Replaces the hooks run before the backup. */
    Builder pre(Iterable<? extends ExecHook> hooks);

    Builder addPost(ExecHook hook);

    default Builder post(ExecHook hook) {
      return addPost(hook);
    }

    /** Replaces the hooks run after the backup. */
    Builder post(Iterable<? extends ExecHook> hooks);

    BackupHook build();
  }
}
