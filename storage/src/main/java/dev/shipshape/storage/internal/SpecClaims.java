package dev.shipshape.storage.internal;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Names;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.StatefulSetClaims;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetOrdinals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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
    /** For a claim template, the ordinals of the StatefulSet's pods: {@code [start, start + replicas)}. */
    private final int start;
    private final int replicas;

    Claim(ResourceRef owner, String field, String description, PersistentVolumeClaimSpec spec,
        Optional<String> template, int start, int replicas) {
      this.owner = owner;
      this.field = field;
      this.description = description;
      this.spec = spec;
      this.template = template;
      this.start = start;
      this.replicas = replicas;
    }

    /**
     * True when this claim is, or (for a template) produces, the claim {@code name} of its namespace: the
     * StatefulSet controller names the claim of template {@code t} for pod {@code set-i}
     * {@code t-set-i}, for each ordinal {@code i} from {@code spec.ordinals.start} (0 by default) below start plus
     * {@code spec.replicas} (1 by default), written without leading zeros.
     */
    boolean produces(String name) {
      if (template.isEmpty()) return owner.name().equals(name);
      OptionalInt ordinal = StatefulSetClaims.ordinal(name, template.get(), owner.name());
      return ordinal.isPresent() && ordinal.getAsInt() >= start && ordinal.getAsInt() < (long) start + replicas;
    }

    /**
     * True when this claim {@linkplain #produces(String) produces} {@code name} and, for a claim of
     * {@code statefulSet} when one is given, is a claim template of that StatefulSet.
     */
    boolean produces(String name, Optional<String> statefulSet) {
      return produces(name) && statefulSet.map(set -> template.isPresent() && owner.name().equals(set)).orElse(true);
    }

    /** The arguments of the typed form naming {@code name}, a claim of this template, such as "db", "data", 0. */
    String typedArguments(String name) {
      return StatefulSetClaimNames.arguments(owner.name(), template.orElseThrow(), name);
    }

    /** The class named by the claim; empty when the field is absent (the default class applies). */
    Optional<String> storageClassName() {
      return Optional.ofNullable(spec.getStorageClassName());
    }
  }

  /**
   * Why {@code name} is no claim of a StatefulSet of the spec although it is named like one,
   * {@code <template>-<statefulset>-<ordinal>}: its ordinal is not one of the StatefulSet's pods, or the StatefulSet
   * has no such template. The fix names the claims it does create, or the closest template.
   */
  static final class Mismatch {
    final String problem;
    final String fix;

    private Mismatch(String problem, String fix) {
      this.problem = problem;
      this.fix = fix;
    }
  }

  /** A StatefulSet of the spec: its claim templates and the ordinals of its pods. */
  private static final class Stateful {
    final ResourceRef ref;
    final List<String> templates;
    final int start;
    final int replicas;

    Stateful(ResourceRef ref, List<String> templates, int start, int replicas) {
      this.ref = ref;
      this.templates = templates;
      this.start = start;
      this.replicas = replicas;
    }

    /** Its claims of {@code template}, such as {@code data-db-0 to data-db-2}. */
    String claims(String template) {
      String first = StatefulSetClaims.name(template, ref.name(), start);
      if (replicas == 1) return first;
      return first + " to " + StatefulSetClaims.name(template, ref.name(), (long) start + replicas - 1);
    }

    String ordinals() {
      if (replicas == 0) return "its 0 replicas create no claims";
      return "its " + replicas + (replicas == 1 ? " replica has ordinal " : " replicas have ordinals ") + start
          + (replicas == 1 ? "" : " to " + ((long) start + replicas - 1));
    }
  }

  private final List<Claim> all;
  private final List<Stateful> sets = new ArrayList<>();
  private final Map<String, List<Claim>> byNamespace = new HashMap<>();

  private SpecClaims(SpecContext context) {
    all = List.copyOf(read(context, sets));
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

  /**
   * Why {@code name}, a claim of {@code namespace} named like a StatefulSet's, is none of the claims the spec's
   * StatefulSets create ({@code only}'s, when given); empty when it is not named like one, or is one of
   * them.
   */
  static Optional<Mismatch> mismatch(SpecContext context, String namespace, String name,
      Optional<String> only) {
    // Every StatefulSet whose name the claim's could hold ("data-web-db-3" fits both db and web-db): one with the
    // claim's template judges it; else the longest name, the most specific reading, tells what is missing.
    Stateful withTemplate = null;
    Stateful longest = null;
    for (Stateful set : shared(context).sets) {
      if (!set.ref.namespace().orElse("").equals(namespace)) continue;
      if (only.filter(s -> !s.equals(set.ref.name())).isPresent()) continue;
      String infix = "-" + set.ref.name() + "-";
      int at = name.lastIndexOf(infix);
      if (at <= 0 || !name.substring(at + infix.length()).matches("[0-9]+")) continue;
      if (set.templates.contains(name.substring(0, at))
          && (withTemplate == null || set.ref.name().length() > withTemplate.ref.name().length())) {
        withTemplate = set;
      }
      if (longest == null || set.ref.name().length() > longest.ref.name().length()) longest = set;
    }
    if (withTemplate != null) return wrongOrdinal(context, withTemplate, namespace, name, only);
    return longest == null ? Optional.empty() : Optional.of(noTemplate(longest, name));
  }

  private static Optional<Mismatch> wrongOrdinal(SpecContext context, Stateful set, String namespace, String name,
      Optional<String> only) {
    String infix = "-" + set.ref.name() + "-";
    int at = name.lastIndexOf(infix);
    String template = name.substring(0, at);
    if (in(context, namespace).stream().anyMatch(c -> c.produces(name, only))) return Optional.empty();
    String why = StatefulSetClaims.ordinal(name, template, set.ref.name()).isEmpty()
        ? "its controller writes ordinals without leading zeros" : set.ordinals();
    String fix = set.replicas == 0 ? "raise the StatefulSet's replicas" : "name " + (set.replicas == 1 ? ""
        : "one of ") + set.claims(template) + ", raise the StatefulSet's replicas";
    return Optional.of(new Mismatch("claim " + name + ", which StatefulSet " + set.ref.qualifiedName()
        + " never creates: " + why, fix + ", or declare the claim with preExistingResource(...) if it remains from"
        + " a scale-down"));
  }

  private static Mismatch noTemplate(Stateful set, String name) {
    String infix = "-" + set.ref.name() + "-";
    String template = name.substring(0, name.lastIndexOf(infix));
    String nearest = set.templates.stream().min(Comparator.comparingInt((String t) -> Names.editDistance(t,
        template)).thenComparing(Comparator.naturalOrder())).orElse("");
    boolean close = !nearest.isEmpty() && set.replicas > 0
        && Names.editDistance(nearest, template) <= Math.max(2, template.length() / 3);
    return new Mismatch("claim " + name + ", which StatefulSet " + set.ref.qualifiedName() + " never creates: it has"
        + " no claim template " + template + (set.templates.isEmpty() ? "" : " (its templates: "
        + String.join(", ", set.templates) + ")"), close ? "did you mean " + nearest + infix + set.start
        + ", of claim template " + nearest + "?" : "name a claim of one of its templates, or declare the claim"
        + " with preExistingResource(...)");
  }

  private static List<Claim> read(SpecContext context, List<Stateful> sets) {
    List<Claim> claims = new ArrayList<>();
    for (PersistentVolumeClaim pvc : context.resources(PersistentVolumeClaim.class)) {
      ResourceRef ref = ResourceRef.of(pvc);
      if (pvc.getSpec() != null) claims.add(new Claim(ref, "spec", "claim " + ref.qualifiedName(), pvc.getSpec(),
          Optional.empty(), 0, 0));
    }
    for (HasMetadata object : context.resources("apps", "StatefulSet")) {
      StatefulSet set = Manifests.convert(object, StatefulSet.class);
      if (set.getSpec() == null) continue;
      ResourceRef ref = ResourceRef.of(object);
      // As the API server defaults them: one replica, ordinals from 0.
      int replicas = Optional.ofNullable(set.getSpec().getReplicas()).orElse(1);
      int start = Optional.ofNullable(set.getSpec().getOrdinals()).map(StatefulSetOrdinals::getStart).orElse(0);
      List<String> templates = new ArrayList<>();
      int i = 0;
      for (PersistentVolumeClaim template : Optional.ofNullable(set.getSpec().getVolumeClaimTemplates())
          .orElse(List.of())) {
        String field = "spec.volumeClaimTemplates[" + i++ + "].spec";
        String name = template.getMetadata() == null ? null : template.getMetadata().getName();
        if (name == null) continue;
        templates.add(name);
        if (template.getSpec() == null) continue;
        claims.add(new Claim(ref, field, "claim template " + name + " of StatefulSet " + ref.qualifiedName(),
            template.getSpec(), Optional.of(name), start, replicas));
      }
      sets.add(new Stateful(ref, List.copyOf(templates), start, replicas));
    }
    return claims;
  }
}
