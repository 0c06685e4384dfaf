package dev.shipshape.core.testing;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.ControllerObject;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link Component} for tests that compiles to fixed objects (fresh copies on every call), with optional
 * {@code dependsOn} targets, objects made by controllers that it {@code awaits}, ordering edges of its own (as a
 * Helm chart orders its hooks) and an optional validation. Immutable; each method that configures it returns a new one.
 *
 * <pre>{@code
 * ClusterSpec.builder().name("test")
 *     .component(StaticComponent.of("web", deployment).dependingOn(ResourceRef.core("Secret", "shop", "tls")))
 *     .build();
 * }</pre>
 */
public final class StaticComponent implements Component {
  private final String name;
  private final List<HasMetadata> objects;
  private final List<ResourceRef> dependsOn;
  private final List<ControllerObject> awaits;
  private final List<Dependency> ownOrder;
  private final Function<SpecContext, List<Problem>> validation;

  private StaticComponent(String name, List<HasMetadata> objects, List<ResourceRef> dependsOn,
      List<ControllerObject> awaits, List<Dependency> ownOrder, Function<SpecContext, List<Problem>> validation) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.objects = objects.stream().map(Manifests::copy).collect(Collectors.toUnmodifiableList());
    this.dependsOn = List.copyOf(dependsOn);
    this.awaits = List.copyOf(awaits);
    this.ownOrder = List.copyOf(ownOrder);
    this.validation = validation;
  }

  /** A component named {@code name} that compiles to copies of {@code objects}. */
  public static StaticComponent of(String name, HasMetadata... objects) {
    return of(name, List.of(objects));
  }

  /** A component named {@code name} that compiles to copies of {@code objects}. */
  public static StaticComponent of(String name, List<? extends HasMetadata> objects) {
    return new StaticComponent(name, List.copyOf(objects), List.of(), List.of(), List.of(), context -> List.of());
  }

  /** This component, applied after {@code targets}. */
  public StaticComponent dependingOn(ResourceRef... targets) {
    return new StaticComponent(name, objects, List.of(targets), awaits, ownOrder, validation);
  }

  /** This component, applied once these objects, which controllers make, meet their conditions. */
  public StaticComponent awaiting(ControllerObject... awaited) {
    return new StaticComponent(name, objects, dependsOn, List.of(awaited), ownOrder, validation);
  }

  /** This component, ordering its own objects by {@code edges} ({@link Component#orderingEdges}). */
  public StaticComponent orderedBy(List<Dependency> edges) {
    return new StaticComponent(name, objects, dependsOn, awaits, edges, validation);
  }

  /** This component, validated by {@code check} against the whole compiled spec. */
  public StaticComponent validatedBy(Function<SpecContext, List<Problem>> check) {
    return new StaticComponent(name, objects, dependsOn, awaits, ownOrder,
        Objects.requireNonNull(check, "check == null"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    return objects.stream().map(Manifests::copy).collect(Collectors.toList());
  }

  @Override
  public List<ResourceRef> dependsOn() {
    return dependsOn;
  }

  @Override
  public List<ControllerObject> awaits() {
    return awaits;
  }

  @Override
  public List<Dependency> orderingEdges(List<HasMetadata> compiled) {
    return ownOrder;
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    return validation.apply(context);
  }

  @Override
  public String toString() {
    return "StaticComponent " + name + " (" + objects.size() + " objects)";
  }
}
