package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code VolumeSnapshotLocation.status}: {@code phase} is {@code Available} or {@code Unavailable}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeSnapshotLocationStatus(String phase) {}
