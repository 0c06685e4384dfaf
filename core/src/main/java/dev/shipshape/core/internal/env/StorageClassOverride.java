package dev.shipshape.core.internal.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.Names;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code storageClassName} of one PersistentVolumeClaim, or of every claim (and StatefulSet claim template) that
 * names class {@code from}.
 */
public record StorageClassOverride(Optional<ResourceRef> claim, Optional<String> from, String to)
    implements EnvironmentOverride {

  public StorageClassOverride {
    Objects.requireNonNull(to, "to == null");
    from.ifPresent(name -> checkClassName("from", name));
    checkClassName("to", to);
    claim.ifPresent(ref -> {
      if (!ref.groupKind().equals("PersistentVolumeClaim")) {
        throw new IllegalArgumentException(ref + " is not a PersistentVolumeClaim");
      }
    });
  }

  /** A class name as a claim takes it: empty (no class, so no dynamic provisioning) or a DNS-1123 subdomain. */
  private static void checkClassName(String argument, String name) {
    List<String> problems = name.isEmpty() ? List.of() : Names.checkDns1123Subdomain(name);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("storage class " + argument + " '" + name + "' " + String.join("; ",
          problems) + " — name a StorageClass, such as standard or csi-cinder-high-speed");
    }
  }

  @Override
  public String description() {
    return "storage class of " + claim.map(ResourceRef::toString)
        .orElse("every claim of class " + from.orElse("")) + ": " + to;
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (claim.isPresent()) {
      if (!object.ref().equals(claim.get())) return false;
      object.tree().with("spec").put("storageClassName", to);
      return true;
    }
    String kind = object.ref().groupKind();
    if (kind.equals("PersistentVolumeClaim")) return replace(object.tree().with("spec"));
    if (!kind.equals("StatefulSet.apps")) return false;
    boolean concerned = false;
    for (JsonNode template : object.tree().path("spec").path("volumeClaimTemplates")) {
      if (template.path("spec").isObject()) concerned |= replace((ObjectNode) template.path("spec"));
    }
    return concerned;
  }

  private boolean replace(ObjectNode claimSpec) {
    if (!claimSpec.path("storageClassName").asText().equals(from.orElse(""))) return false;
    claimSpec.put("storageClassName", to);
    return true;
  }
}
