package dev.shipshape.backup.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The bucket, prefix and CA bundle (base64-encoded PEM) of a BackupStorageLocation. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectStorageLocation(String bucket, String prefix, String caCert) {}
