package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;

/** Init containers a restore adds to the pods it recreates; {@code timeout} is a Go duration. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InitRestoreHook(List<Container> initContainers, String timeout) {}
