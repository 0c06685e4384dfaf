package dev.shipshape.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Rules for the fields of a location's {@code spec} outside its plugin {@code config}, for every
 * BackupStorageLocation and VolumeSnapshotLocation of a spec, built or raw: the credential Secret exists, the CA
 * bundle is PEM, and the periods are Go durations.
 */
final class LocationFields {
  private LocationFields() {}

  /** The problems of a BackupStorageLocation's {@code spec}. */
  static void storage(SpecContext context, ResourceRef ref, JsonNode spec, List<Problem> problems) {
    credential(context, ref, spec, problems);
    // The CRD keeps the bundle base64-encoded (format: byte); the builder's caCert(...) takes the PEM text.
    JsonNode caCert = spec.path("objectStorage").path("caCert");
    if (caCert.isTextual() && !caCert.asText().isEmpty() && !isPem(caCert.asText())) {
      problems.add(Problem.error(ref, "spec.objectStorage.caCert", "is not a PEM certificate bundle (no"
          + " '-----BEGIN CERTIFICATE-----' line)", "pass the PEM text of the CA certificates to caCert(...), not a"
          + " file name or base64; in YAML, give that text base64-encoded"));
    }
    duration(ref, spec, "backupSyncPeriod", problems);
    duration(ref, spec, "validationFrequency", problems);
  }

  /** The problems of a VolumeSnapshotLocation's {@code spec}. */
  static void snapshots(SpecContext context, ResourceRef ref, JsonNode spec, List<Problem> problems) {
    credential(context, ref, spec, problems);
  }

  private static void credential(SpecContext context, ResourceRef ref, JsonNode spec, List<Problem> problems) {
    String secret = spec.path("credential").path("name").asText("");
    if (secret.isEmpty()) return;
    References.requireSecret(context, ref, "spec.credential.name", ref.namespace().orElse("default"), secret,
        problems);
  }

  private static boolean isPem(String base64) {
    try {
      return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8)
          .contains("-----BEGIN CERTIFICATE-----");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void duration(ResourceRef ref, JsonNode spec, String field, List<Problem> problems) {
    JsonNode value = spec.path(field);
    if (value.isTextual()) References.requireDuration(ref, "spec." + field, value.asText(), "1m0s", problems);
  }
}
