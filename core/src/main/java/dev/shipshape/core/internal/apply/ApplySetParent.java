package dev.shipshape.core.internal.apply;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.applyset.ApplySet;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parent Secret of an ApplySet: what it records (the group-kinds and the namespaces of the members) and
 * writing it. It writes only when the record changes, so re-applying an unchanged plan sends no write at all.
 * Not thread-safe: one run uses it from one thread.
 */
final class ApplySetParent {
  private final ResourceAccess access;
  private final ApplySet applySet;
  /** What the live parent says, as last read or written; null before the first read or when it is missing. */
  private Secret live;

  ApplySetParent(ResourceAccess access, ApplySet applySet) {
    this.access = access;
    this.applySet = applySet;
  }

  /** Reads the live parent; its record, empty when it does not exist yet. */
  Record read() {
    live = access.client().secrets().inNamespace(applySet.parent().namespace().orElseThrow())
        .withName(applySet.parent().name()).get();
    return recordOf(live);
  }

  /** Makes the parent record exactly this, writing only when it does not already. */
  void write(Record record) {
    Secret wanted = new SecretBuilder()
        .withNewMetadata()
        .withName(applySet.parent().name())
        .withNamespace(applySet.parent().namespace().orElseThrow())
        .addToLabels(ApplySet.ID_LABEL, applySet.id())
        .addToAnnotations(ApplySet.TOOLING_ANNOTATION, ApplySet.TOOLING)
        .addToAnnotations(ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION, String.join(",", record.groupKinds))
        .addToAnnotations(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION, String.join(",", record.namespaces))
        .endMetadata()
        .withType("Opaque")
        .build();
    if (live != null && contains(live.getMetadata().getLabels(), wanted.getMetadata().getLabels())
        && contains(live.getMetadata().getAnnotations(), wanted.getMetadata().getAnnotations())) {
      return;
    }
    live = access.client().resource(wanted).createOr(NonDeletingOperation::update);
  }

  private static boolean contains(Map<String, String> live, Map<String, String> wanted) {
    return live != null && live.entrySet().containsAll(wanted.entrySet());
  }

  private static Record recordOf(Secret parent) {
    if (parent == null || parent.getMetadata().getAnnotations() == null) return Record.EMPTY;
    Map<String, String> annotations = parent.getMetadata().getAnnotations();
    return new Record(ApplySet.split(annotations.get(ApplySet.CONTAINS_GROUP_KINDS_ANNOTATION)),
        ApplySet.split(annotations.get(ApplySet.ADDITIONAL_NAMESPACES_ANNOTATION)));
  }

  /** What the parent Secret records: the group-kinds and additional namespaces of the set, sorted. */
  static final class Record {
    static final Record EMPTY = new Record(Set.of(), Set.of());
    final Set<String> groupKinds;
    final Set<String> namespaces;

    Record(Set<String> groupKinds, Set<String> namespaces) {
      this.groupKinds = new TreeSet<>(groupKinds);
      this.namespaces = new TreeSet<>(namespaces);
    }

    /** The record of exactly these members of this set. */
    static Record of(ApplySet applySet, Collection<ResourceRef> members) {
      return new Record(ApplySet.split(ApplySet.groupKinds(members)),
          ApplySet.split(applySet.additionalNamespaces(members)));
    }

    Record union(Record other) {
      Set<String> kinds = new TreeSet<>(groupKinds);
      kinds.addAll(other.groupKinds);
      Set<String> spaces = new TreeSet<>(namespaces);
      spaces.addAll(other.namespaces);
      return new Record(kinds, spaces);
    }

  }
}
