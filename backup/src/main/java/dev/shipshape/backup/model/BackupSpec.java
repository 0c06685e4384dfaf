package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** {@code Backup.spec}, also the {@code template} of a Schedule: what to back up, where, and for how long. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupSpec(
    List<String> includedNamespaces,
    List<String> excludedNamespaces,
    List<String> includedResources,
    List<String> excludedResources,
    Boolean includeClusterResources,
    List<String> includedClusterScopedResources,
    List<String> excludedClusterScopedResources,
    List<String> includedNamespaceScopedResources,
    List<String> excludedNamespaceScopedResources,
    LabelSelector labelSelector,
    List<LabelSelector> orLabelSelectors,
    String ttl,
    Boolean snapshotVolumes,
    Boolean defaultVolumesToFsBackup,
    String storageLocation,
    List<String> volumeSnapshotLocations,
    BackupHooks hooks) {}
