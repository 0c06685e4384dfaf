package dev.shipshape.core.plan;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.internal.yaml.YamlWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.immutables.value.Value;

/** One object of a {@link Plan}: what it is, where it came from, its wave and what it waits for. */
@Value.Immutable
@ShipshapeStyle
public abstract class PlannedResource {

  public abstract ResourceRef ref();

  /** The compiled object as planned; read-only, use {@link #object()} for a copy to change. */
  @Value.Auxiliary
  abstract HasMetadata planned();

  /** The name of the component that produced the object ({@code resources} for raw resources). */
  public abstract String component();

  /** The wave the object is applied in, from 0. */
  public abstract int wave();

  /** The objects of the plan this one is applied after. */
  public abstract List<ResourceRef> prerequisites();

  /**
   * The gates on objects that controllers make which this object waits for ({@link
   * dev.shipshape.core.Component#awaits}), each among the gates of its wave or of an earlier one; the objects they
   * are made from are among its {@link #prerequisites}. Empty for most objects.
   */
  public abstract List<Gate> awaited();

  /** A deep copy of the compiled object. */
  public HasMetadata object() {
    return Manifests.copy(planned());
  }

  /** The compiled object as a new JSON tree (fabric8's serialization, no nulls), which the caller may change. */
  public ObjectNode toTree() {
    return Manifests.toTree(planned());
  }

  /** Writes the compiled object as one YAML document to {@code out}, without holding its text. */
  public void writeYaml(Writer out) throws IOException {
    out.write(YamlWriter.object(planned()));
  }

  /** The compiled object's {@code apiVersion}. */
  public String apiVersion() {
    return planned().getApiVersion();
  }

  /** The version part of the {@link #apiVersion}: {@code v1} of {@code apps/v1} and of {@code v1}. */
  public String version() {
    return ResourceRef.versionOf(apiVersion());
  }

  /** The compiled object as one YAML document (rendered on each call, not kept: plans can be large). */
  public String yaml() {
    return YamlWriter.object(planned());
  }

  /** True for a Secret, whose data must never be printed. */
  public boolean isSecret() {
    return ref().group().isEmpty() && ref().kind().equals("Secret");
  }

  public static Builder builder() {
    return ImmutablePlannedResource.builder();
  }

  /** Builds {@link PlannedResource}s. Sealed: {@link PlannedResource#builder()} is the only way to get one. */
  public sealed interface Builder permits ImmutablePlannedResource.Builder {
    /** Starts from every attribute of {@code resource}. */
    Builder from(PlannedResource resource);

    Builder ref(ResourceRef ref);

    /** The compiled object; the plan keeps its own copy. */
    default Builder object(HasMetadata object) {
      return ((ImmutablePlannedResource.Builder) this).planned(Manifests.copy(object));
    }

    /**
     * Takes {@code object} over without copying it, for a caller that hands over an object of its own and never
     * changes it afterwards (the planner does so with the objects it compiled); {@link #object} copies instead.
     */
    default Builder takeObject(HasMetadata object) {
      return ((ImmutablePlannedResource.Builder) this).planned(object);
    }

    Builder component(String component);

    Builder wave(int wave);

    Builder addPrerequisites(ResourceRef... prerequisites);

    /** Replaces the prerequisites. */
    Builder prerequisites(Iterable<? extends ResourceRef> prerequisites);

    Builder addAllPrerequisites(Iterable<? extends ResourceRef> prerequisites);

    Builder addAllAwaited(Iterable<? extends Gate> awaited);

    PlannedResource build();
  }

  @Override
  public String toString() {
    return ref() + " (wave " + wave() + ", " + component() + ")";
  }
}
