package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** One entry of {@code Restore.spec.hooks.resources}: the restored pods it selects and the hooks run in them. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreResourceHookSpec(
    String name,
    List<String> includedNamespaces,
    List<String> excludedNamespaces,
    List<String> includedResources,
    List<String> excludedResources,
    LabelSelector labelSelector,
    List<RestoreResourceHook> postHooks) {}
