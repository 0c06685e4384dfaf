package dev.shipshape.backup.internal;

import dev.shipshape.backup.BackupHook;
import dev.shipshape.backup.BackupTemplate;
import dev.shipshape.backup.ExecHook;
import dev.shipshape.backup.HookErrorMode;
import dev.shipshape.backup.model.BackupHooks;
import dev.shipshape.backup.model.BackupResourceHook;
import dev.shipshape.backup.model.BackupResourceHookSpec;
import dev.shipshape.backup.model.BackupSpec;
import dev.shipshape.backup.model.ExecHookSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the API's values into Velero's wire model. */
public final class Templates {
  private Templates() {}

  /** Fresh metadata with a name and namespace. */
  public static ObjectMeta metadata(String name, String namespace) {
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).build();
  }

  /** A {@code matchLabels} selector, or null (left out) when there are no labels. */
  public static LabelSelector selector(Map<String, String> labels) {
    return labels.isEmpty() ? null : new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  /**
   * {@code orLabelSelectors} of these label sets, or null (left out) when there are none: Velero takes a written
   * empty list as set, which only one of it and {@code labelSelector} may be. An empty label set is an empty
   * selector, as written.
   */
  public static List<LabelSelector> selectors(List<Map<String, String>> labelSets) {
    return labelSets.isEmpty() ? null : labelSets.stream()
        .map(labels -> new LabelSelectorBuilder().withMatchLabels(labels).build()).collect(Collectors.toList());
  }

  /** The backup spec of a template; unset attributes stay unset. */
  public static BackupSpec toSpec(BackupTemplate t) {
    return new BackupSpec(
        t.includedNamespaces(),
        t.excludedNamespaces(),
        t.includedResources(),
        t.excludedResources(),
        t.includeClusterResources().orElse(null),
        t.includedClusterScopedResources(),
        t.excludedClusterScopedResources(),
        t.includedNamespaceScopedResources(),
        t.excludedNamespaceScopedResources(),
        selector(t.labelSelector()),
        selectors(t.orLabelSelectors()),
        t.ttl().orElse(null),
        t.snapshotVolumes().orElse(null),
        t.defaultVolumesToFsBackup().orElse(null),
        t.storageLocation().orElse(null),
        t.volumeSnapshotLocations(),
        t.hooks().isEmpty() ? null
            : new BackupHooks(t.hooks().stream().map(Templates::hook).collect(Collectors.toList())));
  }

  private static BackupResourceHookSpec hook(BackupHook h) {
    return new BackupResourceHookSpec(h.name(), h.includedNamespaces(), h.excludedNamespaces(),
        h.includedResources(), h.excludedResources(), selector(h.labelSelector()), exec(h.pre()), exec(h.post()));
  }

  private static List<BackupResourceHook> exec(List<ExecHook> hooks) {
    return hooks.stream()
        .map(e -> new BackupResourceHook(new ExecHookSpec(e.container().orElse(null), e.command(),
            e.onError().map(HookErrorMode::value).orElse(null), e.timeout().orElse(null))))
        .collect(Collectors.toList());
  }
}
