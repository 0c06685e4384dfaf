package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code Restore.status}: phase and counts. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreStatus(
    String phase,
    String startTimestamp,
    String completionTimestamp,
    Integer errors,
    Integer warnings,
    String failureReason) {}
