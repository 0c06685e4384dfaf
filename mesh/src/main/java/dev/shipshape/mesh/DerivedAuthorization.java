package dev.shipshape.mesh;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.mesh.internal.IstioObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The AuthorizationPolicies that {@link MeshAuthorization} derived from NetworkPolicies, and what they do not
 * express. {@link #component()} adds them to a spec. Immutable.
 */
public final class DerivedAuthorization {
  private final List<HasMetadata> policies;
  private final List<String> limitations;

  DerivedAuthorization(List<HasMetadata> policies, List<String> limitations) {
    this.policies = List.copyOf(policies);
    this.limitations = List.copyOf(limitations);
  }

  /** Copies of the AuthorizationPolicies, one per NetworkPolicy with an ingress side. */
  public List<HasMetadata> policies() {
    return policies.stream().map(Manifests::copy).collect(Collectors.toList());
  }

  /** What the policies leave out or widen, one line each, naming the NetworkPolicy and its field. */
  public List<String> limitations() {
    return limitations;
  }

  /** A component, named {@code mesh-authorization}, that compiles fresh copies of the policies. */
  public Component component() {
    return new Component() {
      @Override
      public String name() {
        return "mesh-authorization";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return policies();
      }

      @Override
      public List<RequiredCrd> requiredCrds() {
        return List.of(IstioObjects.AUTHORIZATION_POLICIES);
      }
    };
  }

  /** The policies as YAML, then the limitations as comments. */
  public String toText() {
    StringBuilder out = new StringBuilder(Manifests.toYaml(policies));
    for (String l : limitations) out.append("# not expressed: ").append(l).append('\n');
    return out.toString();
  }

  @Override
  public String toString() {
    return policies.size() + " AuthorizationPolicies, " + limitations.size() + " limitations";
  }
}
