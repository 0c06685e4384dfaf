package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code Backup.status}: phase ({@code Completed}, {@code PartiallyFailed}, {@code Failed}, …) and times. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupStatus(
    String phase,
    String startTimestamp,
    String completionTimestamp,
    String expiration,
    Integer errors,
    Integer warnings,
    String failureReason) {}
