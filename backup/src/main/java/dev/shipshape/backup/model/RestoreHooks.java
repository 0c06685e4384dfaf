package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code Restore.spec.hooks}: hooks run in the pods a restore recreates. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestoreHooks(List<RestoreResourceHookSpec> resources) {}
