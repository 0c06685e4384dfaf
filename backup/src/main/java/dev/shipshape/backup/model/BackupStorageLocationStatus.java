package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code BackupStorageLocation.status}: {@code phase} is {@code Available} or {@code Unavailable}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupStorageLocationStatus(
    String phase, String message, String lastValidationTime, String lastSyncedTime, String accessMode) {}
