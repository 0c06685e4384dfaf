package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code Schedule.spec}: the cron expression, the backup template and the schedule's switches. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleSpec(
    String schedule,
    BackupSpec template,
    Boolean paused,
    Boolean skipImmediately,
    Boolean useOwnerReferencesInBackup) {}
