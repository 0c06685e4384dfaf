package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One post hook of a {@link RestoreResourceHookSpec}: a command in a container, or init containers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreResourceHook(RestoreExecHook exec, InitRestoreHook init) {}
