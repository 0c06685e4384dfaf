package dev.shipshape.core.internal.plan;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An amendment's target that can match only objects found by name or label: the Namespaces of some names, the
 * Namespaces with some labels, or objects of one namespace. {@code Amendment}'s factories make them, and planning
 * tests such a target against those objects only instead of every object of the spec (a component per tenant gives
 * one amendment per namespace).
 */
public final class ScopedTarget implements Predicate<HasMetadata> {
  private final Set<String> namespaceNames;
  private final Optional<Map<String, String>> namespaceLabels;
  private final Optional<String> namespace;
  private final Predicate<HasMetadata> test;

  private ScopedTarget(Set<String> namespaceNames, Optional<Map<String, String>> namespaceLabels,
      Optional<String> namespace, Predicate<HasMetadata> test) {
    this.namespaceNames = namespaceNames;
    this.namespaceLabels = namespaceLabels;
    this.namespace = namespace;
    this.test = test;
  }

  /**
   * A target tested only against the Namespaces named one of {@code names}: {@code test} must hold for no other
   * object, as it is never asked about them.
   */
  public static ScopedTarget namespacesNamed(Set<String> names, Predicate<HasMetadata> test) {
    return new ScopedTarget(Set.copyOf(names), Optional.empty(), Optional.empty(), test);
  }

  /**
   * A target tested only against the Namespaces whose labels include every entry of {@code labels} when it is
   * tested (amendments before it may have added them): {@code test} must hold for no other object, as it is never
   * asked about them.
   */
  public static ScopedTarget namespacesLabelled(Map<String, String> labels, Predicate<HasMetadata> test) {
    return new ScopedTarget(Set.of(), Optional.of(Collections.unmodifiableMap(new LinkedHashMap<>(labels))), Optional.empty(), test);
  }

  /**
   * A target tested only against the objects of {@code namespace}: {@code test} must hold for no other object, as it
   * is never asked about them.
   */
  public static ScopedTarget inNamespace(String namespace, Predicate<HasMetadata> test) {
    return new ScopedTarget(Set.of(), Optional.empty(), Optional.of(namespace), test);
  }

  /** The Namespaces this target can match, by name; empty when it is scoped otherwise. */
  Set<String> namespaceNames() {
    return namespaceNames;
  }

  /** The labels every Namespace this target can match has, if that is its scope. */
  Optional<Map<String, String>> namespaceLabels() {
    return namespaceLabels;
  }

  /** The namespace whose objects this target can match, if that is its scope. */
  Optional<String> namespace() {
    return namespace;
  }

  @Override
  public boolean test(HasMetadata object) {
    return test.test(object);
  }
}
