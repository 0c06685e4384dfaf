package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.Map;

/** {@code VolumeSnapshotLocation.spec}: the snapshotter plugin, its settings and credential. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeSnapshotLocationSpec(String provider, Map<String, String> config, SecretKeySelector credential) {}
