package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.Map;

/**
 * {@code BackupStorageLocation.spec}. {@code config} holds the provider plugin's settings (for {@code aws}:
 * {@code region}, {@code s3Url}, {@code s3ForcePathStyle}, {@code insecureSkipTLSVerify}, …), all strings.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupStorageLocationSpec(
    String provider,
    ObjectStorageLocation objectStorage,
    Map<String, String> config,
    SecretKeySelector credential,
    @JsonProperty("default") Boolean isDefault,
    String accessMode,
    String backupSyncPeriod,
    String validationFrequency) {}
