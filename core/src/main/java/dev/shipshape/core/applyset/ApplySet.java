package dev.shipshape.core.applyset;

import dev.shipshape.core.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The ApplySet of a spec (KEP-3659, as {@code kubectl apply --prune --applyset} implements it): a parent Secret
 * records which group-kinds and namespaces the set spans, and every member carries the {@link #PART_OF_LABEL}
 * label with the set's id. Pruning lists members by that label, so it never touches objects outside the set.
 */
public final class ApplySet {
  /** The label every member carries, valued with the set's id. */
  public static final String PART_OF_LABEL = "applyset.kubernetes.io/part-of";
  /** The label of the parent, valued with the set's id. */
  public static final String ID_LABEL = "applyset.kubernetes.io/id";
  /** The annotation of the parent naming the tool that manages the set. */
  public static final String TOOLING_ANNOTATION = "applyset.kubernetes.io/tooling";
  /** The annotation of the parent listing the set's group-kinds ({@code Kind.group}, comma-separated, sorted). */
  public static final String CONTAINS_GROUP_KINDS_ANNOTATION = "applyset.kubernetes.io/contains-group-kinds";
  /** The annotation of the parent listing the namespaces of members, other than the parent's own. */
  public static final String ADDITIONAL_NAMESPACES_ANNOTATION = "applyset.kubernetes.io/additional-namespaces";
  /** The value of the tooling annotation. */
  public static final String TOOLING = "shipshape/v1";

  private final ResourceRef parent;
  private final String id;

  private ApplySet(ResourceRef parent) {
    this.parent = parent;
    this.id = computeId(parent);
  }

  /** The ApplySet of a spec: parent Secret {@code applyset-<spec>} in {@code namespace}. */
  public static ApplySet forSpec(String specName, String namespace) {
    Objects.requireNonNull(specName, "specName == null");
    Objects.requireNonNull(namespace, "namespace == null");
    return new ApplySet(ResourceRef.core("Secret", namespace, "applyset-" + specName));
  }

  /** The parent object. */
  public ResourceRef parent() {
    return parent;
  }

  /**
   * The set's id: {@code applyset-<base64url(sha256(name.namespace.Kind.group))>-v1}, without padding, as the KEP
   * defines it.
   */
  public String id() {
    return id;
  }

  private static String computeId(ResourceRef parent) {
    String identity = parent.name() + "." + parent.namespace().orElse("") + "." + parent.kind() + "."
        + parent.group();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** The value of the contains-group-kinds annotation for these members. */
  public static String groupKinds(Collection<ResourceRef> members) {
    return members.stream().map(ResourceRef::groupKind).collect(Collectors.toCollection(TreeSet::new)).stream()
        .collect(Collectors.joining(","));
  }

  /** The value of the additional-namespaces annotation for these members. */
  public String additionalNamespaces(Collection<ResourceRef> members) {
    String own = parent.namespace().orElse("");
    return members.stream().flatMap(r -> r.namespace().stream()).filter(ns -> !ns.equals(own))
        .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining(","));
  }

  /** Splits a comma-separated annotation value into its sorted entries. */
  public static Set<String> split(String annotation) {
    if (annotation == null || annotation.isBlank()) return new TreeSet<>();
    return Arrays.stream(annotation.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public String toString() {
    return "ApplySet " + id + " (parent " + parent + ")";
  }
}
