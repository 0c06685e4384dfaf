package dev.shipshape.mesh;

import dev.shipshape.core.env.EnvironmentOverride;
import dev.shipshape.core.env.OverriddenObject;
import dev.shipshape.mesh.internal.IstioObjects;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An environment's mutual TLS mode: {@code spec.mtls.mode} of every Istio {@code PeerAuthentication} of the spec,
 * or of those in the namespaces named, becomes {@code mode} (port-level modes stay). A laptop without every client
 * in the mesh runs {@code PERMISSIVE} while production runs {@code STRICT}, from one spec:
 *
 * <pre>{@code
 * Environment.of("laptop", MtlsOverride.mode(MutualTls.Mode.PERMISSIVE));
 * }</pre>
 */
public final class MtlsOverride implements EnvironmentOverride {
  private final MutualTls.Mode mode;
  private final Set<String> namespaces;

  private MtlsOverride(MutualTls.Mode mode, Set<String> namespaces) {
    this.mode = Objects.requireNonNull(mode, "mode == null");
    this.namespaces = namespaces;
  }

  /** The mode of every PeerAuthentication of the spec. */
  public static MtlsOverride mode(MutualTls.Mode mode) {
    return new MtlsOverride(mode, Set.of());
  }

  /** The mode of the PeerAuthentications in these namespaces. */
  public static MtlsOverride mode(MutualTls.Mode mode, String... namespaces) {
    return new MtlsOverride(mode, Set.copyOf(List.of(namespaces)));
  }

  @Override
  public String description() {
    return "mTLS mode of " + (namespaces.isEmpty() ? "every PeerAuthentication"
        : "the PeerAuthentications in " + String.join(", ", new TreeSet<>(namespaces))) + ": " + mode;
  }

  @Override
  public boolean apply(OverriddenObject object) {
    if (!object.ref().groupKind().equals("PeerAuthentication." + IstioObjects.SECURITY)) return false;
    if (!namespaces.isEmpty() && !namespaces.contains(object.ref().namespace().orElse(""))) return false;
    object.tree().with("spec").with("mtls").put("mode", mode.name());
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MtlsOverride o && o.mode == mode && o.namespaces.equals(namespaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, namespaces);
  }

  @Override
  public String toString() {
    return description();
  }
}
