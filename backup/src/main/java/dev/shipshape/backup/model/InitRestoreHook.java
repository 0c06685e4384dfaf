package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Init containers a restore adds to the pods it recreates; {@code timeout} is a Go duration. The containers are
 * kept as written: Velero's CRD takes any object there ({@code x-kubernetes-preserve-unknown-fields}), and Velero
 * reads each as a container only when it validates the restore.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InitRestoreHook(List<Map<String, Object>> initContainers, String timeout) {}
