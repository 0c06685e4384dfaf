package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code Schedule.status}: phase ({@code New}, {@code Enabled}, {@code FailedValidation}) and last run times. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleStatus(String phase, String lastBackup, String lastSkipped, List<String> validationErrors) {}
