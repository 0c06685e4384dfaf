package dev.shipshape.helm.internal;

import dev.shipshape.core.BuiltInKinds;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A rendered chart as groups of objects in install order: the chart's CRDs, each weight of {@code pre-install}
 * hooks, the chart's own objects, each weight of {@code post-install} hooks, then (when asked) test hooks. Every
 * group must be applied, and ready, before the next; objects within a group have no order among them beyond the
 * planner's kind order.
 */
public final class RenderedChart {
  private final List<List<HasMetadata>> groups;
  private final List<HasMetadata> manifest;
  private final List<String> notes;
  private final Set<String> clusterScopedKinds;
  private final Set<ResourceRef> placed;
  private final List<Problem> warnings;

  RenderedChart(List<List<HasMetadata>> groups, List<HasMetadata> manifest, List<String> notes) {
    this(groups, manifest, notes, Set.of(), Set.of(), List.of());
  }

  private RenderedChart(List<List<HasMetadata>> groups, List<HasMetadata> manifest, List<String> notes,
      Set<String> clusterScopedKinds, Set<ResourceRef> placed, List<Problem> warnings) {
    this.groups = List.copyOf(groups);
    this.manifest = List.copyOf(manifest);
    this.notes = List.copyOf(notes);
    this.clusterScopedKinds = Collections.unmodifiableSet(new LinkedHashSet<>(clusterScopedKinds));
    this.placed = Collections.unmodifiableSet(new LinkedHashSet<>(placed));
    this.warnings = List.copyOf(warnings);
  }

  /** The custom kinds ({@code Kind.group}) taken to be cluster-scoped: the chart's CRDs' and those it was told. */
  public Set<String> clusterScopedKinds() {
    return clusterScopedKinds;
  }

  RenderedChart withScopes(Set<String> kinds, Set<ResourceRef> placedObjects) {
    return new RenderedChart(groups, manifest, notes, kinds, placedObjects, warnings);
  }

  /** What rendering found that may make the objects differ from Helm's, as warnings of the chart. */
  public List<Problem> warnings() {
    return warnings;
  }

  RenderedChart withWarning(Problem warning) {
    List<Problem> more = new ArrayList<>(warnings);
    more.add(warning);
    return new RenderedChart(groups, manifest, notes, clusterScopedKinds, placed, more);
  }

  /** Fresh copies of the objects of a Helm release's manifest: neither hooks nor the chart's {@code crds/}. */
  public List<HasMetadata> manifestObjects() {
    List<HasMetadata> copies = new ArrayList<>();
    manifest.forEach(o -> copies.add(Manifests.copy(o)));
    return copies;
  }

  /** The non-empty groups, in install order. */
  public List<List<HasMetadata>> groups() {
    return groups;
  }

  /** The identities of every object. */
  public Set<ResourceRef> refs() {
    return groups.stream().flatMap(List::stream).map(ResourceRef::of).collect(Collectors.toSet());
  }

  /** What was left out of the plan and why, such as delete hooks. */
  public List<String> notes() {
    return notes;
  }

  RenderedChart withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new RenderedChart(groups, manifest, more, clusterScopedKinds, placed, warnings);
  }

  /**
   * The custom kinds ({@code Kind.group}) of objects put in the release namespace only because nothing known while
   * rendering said their kind is cluster-scoped: neither built in nor a kind of the chart's CRDs or of those it was
   * told.
   */
  public Set<String> kindsTakenToBeNamespaced() {
    return groups.stream().flatMap(List::stream).filter(GenericKubernetesResource.class::isInstance)
        .map(ResourceRef::of).filter(placed::contains).map(ResourceRef::groupKind)
        .filter(kind -> !BuiltInKinds.isNamespaced(kind)).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * This chart as Helm would place it when {@code kinds} are cluster-scoped: their objects put in the release
   * namespace set none.
   */
  public RenderedChart withClusterScoped(Set<String> kinds) {
    Set<String> scoped = new LinkedHashSet<>(clusterScopedKinds);
    scoped.addAll(kinds);
    Set<ResourceRef> stillPlaced = new LinkedHashSet<>();
    Function<HasMetadata, HasMetadata> place = object -> {
      ResourceRef ref = ResourceRef.of(object);
      if (!placed.contains(ref)) return object;
      if (!kinds.contains(ref.groupKind())) {
        stillPlaced.add(ref);
        return object;
      }
      HasMetadata copy = Manifests.copy(object);
      copy.getMetadata().setNamespace(null);
      return copy;
    };
    List<List<HasMetadata>> placedGroups = groups.stream()
        .map(g -> g.stream().map(place).collect(Collectors.toList())).collect(Collectors.toList());
    List<HasMetadata> placedManifest = manifest.stream().map(place).collect(Collectors.toList());
    return new RenderedChart(placedGroups, placedManifest, notes, scoped, stillPlaced, warnings);
  }

  /** Fresh copies of every object, group after group. */
  public List<HasMetadata> objectsInOrder() {
    List<HasMetadata> all = new ArrayList<>();
    groups.forEach(g -> g.forEach(o -> all.add(Manifests.copy(o))));
    return all;
  }
}
