package dev.shipshape.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The identity of a Kubernetes object: API group, kind, namespace and name. The API version is not part of the
 * identity, as the API server serves the same object under every version of its group.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class ResourceRef implements Comparable<ResourceRef> {

  /** The API group; empty for the core group ({@code v1}). */
  @Value.Parameter
  public abstract String group();

  @Value.Parameter
  public abstract String kind();

  /** The namespace; empty for cluster-scoped objects. */
  @Value.Parameter
  public abstract Optional<String> namespace();

  @Value.Parameter
  public abstract String name();

  /** A reference to a namespaced object. */
  public static ResourceRef namespaced(String group, String kind, String namespace, String name) {
    return ImmutableResourceRef.of(group, kind, Optional.of(namespace), name);
  }

  /** A reference to a cluster-scoped object. */
  public static ResourceRef clusterScoped(String group, String kind, String name) {
    return ImmutableResourceRef.of(group, kind, Optional.empty(), name);
  }

  /** A reference to a core-group ({@code v1}) object, namespaced when {@code namespace} is not null. */
  public static ResourceRef core(String kind, String namespace, String name) {
    return ImmutableResourceRef.of("", kind, Optional.ofNullable(namespace), name);
  }

  /** The reference of an object; an unset namespace stays empty. */
  public static ResourceRef of(HasMetadata object) {
    String name = object.getMetadata() == null ? "" : nullToEmpty(object.getMetadata().getName());
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    return ImmutableResourceRef.of(
        groupOf(nullToEmpty(object.getApiVersion())),
        nullToEmpty(object.getKind()),
        Optional.ofNullable(namespace).filter(s -> !s.isEmpty()),
        name);
  }

  /** The group part of an {@code apiVersion} such as {@code apps/v1}; empty for {@code v1}. */
  public static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The version part of an {@code apiVersion}: {@code v1} of {@code apps/v1} and of {@code v1}. */
  public static String versionOf(String apiVersion) {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** {@code Kind.group} as ApplySet and kubectl write it, plain {@code Kind} for the core group. */
  public String groupKind() {
    return group().isEmpty() ? kind() : kind() + "." + group();
  }

  /** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
  public String qualifiedName() {
    return namespace().map(ns -> ns + "/" + name()).orElse(name());
  }

  @Override
  public int compareTo(ResourceRef other) {
    int c = group().compareTo(other.group());
    if (c == 0) c = kind().compareTo(other.kind());
    if (c == 0) c = namespace().orElse("").compareTo(other.namespace().orElse(""));
    if (c == 0) c = name().compareTo(other.name());
    return c;
  }

  @Override
  public String toString() {
    return groupKind() + " " + qualifiedName();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
