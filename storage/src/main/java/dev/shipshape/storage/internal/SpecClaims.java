package dev.shipshape.storage.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every claim of a compiled spec: its PersistentVolumeClaims and the {@code volumeClaimTemplates} of its
 * StatefulSets, with the field where each one sits.
 */
final class SpecClaims {
  /** One claim: the object holding it, the field of its spec, and the spec. */
  static final class Claim {
    final ResourceRef owner;
    final String field;
    final String description;
    final PersistentVolumeClaimSpec spec;
    /** The template name, for a StatefulSet's claim template. */
    final Optional<String> template;

    Claim(ResourceRef owner, String field, String description, PersistentVolumeClaimSpec spec,
        Optional<String> template) {
      this.owner = owner;
      this.field = field;
      this.description = description;
      this.spec = spec;
      this.template = template;
    }

    /** True when this claim is, or (for a template) produces, the claim {@code name} of its namespace. */
    boolean produces(String name) {
      return template.map(t -> name.matches(Pattern.quote(t + "-" + owner.name() + "-") + "[0-9]+"))
          .orElse(owner.name().equals(name));
    }

    /** The class named by the claim; empty when the field is absent (the default class applies). */
    Optional<String> storageClassName() {
      return Optional.ofNullable(spec.getStorageClassName());
    }
  }

  private final List<Claim> all;
  private final Map<String, List<Claim>> byNamespace = new HashMap<>();

  private SpecClaims(SpecContext context) {
    all = List.copyOf(read(context));
    for (Claim claim : all) {
      byNamespace.computeIfAbsent(claim.owner.namespace().orElse(""), k -> new ArrayList<>()).add(claim);
    }
    byNamespace.replaceAll((namespace, claims) -> List.copyOf(claims));
  }

  /** Every claim of the spec, in spec order: PersistentVolumeClaims first, then StatefulSets' templates. */
  static List<Claim> of(SpecContext context) {
    return shared(context).all;
  }

  /**
   * The claims of {@code namespace} (empty for objects without one), in the order of {@link #of}. Read once per
   * plan: a snapshot per tenant would otherwise convert every tenant's StatefulSets.
   */
  static List<Claim> in(SpecContext context, String namespace) {
    return shared(context).byNamespace.getOrDefault(namespace, List.of());
  }

  private static SpecClaims shared(SpecContext context) {
    return context.shared(SpecClaims.class, SpecClaims::new);
  }

  private static List<Claim> read(SpecContext context) {
    List<Claim> claims = new ArrayList<>();
    for (PersistentVolumeClaim pvc : context.resources(PersistentVolumeClaim.class)) {
      ResourceRef ref = ResourceRef.of(pvc);
      if (pvc.getSpec() != null) claims.add(new Claim(ref, "spec", "claim " + ref.qualifiedName(), pvc.getSpec(),
          Optional.empty()));
    }
    for (HasMetadata object : context.resources("apps", "StatefulSet")) {
      StatefulSet set = Manifests.convert(object, StatefulSet.class);
      if (set.getSpec() == null || set.getSpec().getVolumeClaimTemplates() == null) continue;
      ResourceRef ref = ResourceRef.of(object);
      int i = 0;
      for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
        String field = "spec.volumeClaimTemplates[" + i++ + "].spec";
        if (template.getSpec() == null) continue;
        claims.add(new Claim(ref, field, "claim template " + template.getMetadata().getName() + " of StatefulSet "
            + ref.qualifiedName(), template.getSpec(), Optional.of(template.getMetadata().getName())));
      }
    }
    return claims;
  }
}
