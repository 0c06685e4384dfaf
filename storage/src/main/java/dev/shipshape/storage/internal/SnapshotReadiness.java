package dev.shipshape.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.readiness.ConditionResult;
import dev.shipshape.core.readiness.ReadinessCondition;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A VolumeSnapshot whose {@code status.readyToUse} is true: its content exists and a claim can be restored from
 * it. Until then the reason is the snapshot controller's error, when it reported one.
 */
public final class SnapshotReadiness implements ReadinessCondition {
  private static final String DESCRIPTION = "VolumeSnapshot ready to use";

  @Override
  public String description() {
    return DESCRIPTION;
  }

  @Override
  public ConditionResult evaluate(HasMetadata live) {
    JsonNode status = Manifests.toTree(live).path("status");
    if (status.path("readyToUse").asBoolean(false)) {
      String size = status.path("restoreSize").asText("");
      return ConditionResult.met(size.isEmpty() ? "ready to use" : "ready to use, restore size " + size);
    }
    String error = status.path("error").path("message").asText("");
    if (!error.isEmpty()) return ConditionResult.notMet("not ready to use: " + error);
    if (status.isMissingNode() || status.isEmpty()) {
      return ConditionResult.notMet("no status yet; is the snapshot controller running?");
    }
    return ConditionResult.notMet("not ready to use yet");
  }

  @Override
  public String toString() {
    return DESCRIPTION;
  }
}
