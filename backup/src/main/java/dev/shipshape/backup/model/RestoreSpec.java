package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import java.util.List;
import java.util.Map;

/**
 * {@code Restore.spec}: which backup (or the newest of a schedule), what to restore, and where to;
 * {@code resourceModifier} names the ConfigMap of JSON patches applied to what is restored.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreSpec(
    String backupName,
    String scheduleName,
    List<String> includedNamespaces,
    List<String> excludedNamespaces,
    List<String> includedResources,
    List<String> excludedResources,
    Boolean includeClusterResources,
    Map<String, String> namespaceMapping,
    LabelSelector labelSelector,
    List<LabelSelector> orLabelSelectors,
    Boolean restorePVs,
    String existingResourcePolicy,
    String itemOperationTimeout,
    RestoreHooks hooks,
    TypedLocalObjectReference resourceModifier) {}
