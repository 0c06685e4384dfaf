package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A command run in a container of a restored pod ({@code onError} is {@code Continue} or {@code Fail});
 * {@code execTimeout} and {@code waitTimeout} are Go durations.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreExecHook(String container, List<String> command, String onError, String execTimeout,
    String waitTimeout, Boolean waitForReady) {}
