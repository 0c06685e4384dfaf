package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.Rule;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a permission is granted: a binding, the role it refers to, and the rule of that role. For an aggregated
 * ClusterRole, {@link #aggregatedFrom()} names the ClusterRole that defines the rule.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RbacPath {

  public abstract ResourceRef binding();

  public abstract ResourceRef role();

  public abstract Rule rule();

  public abstract Optional<ResourceRef> aggregatedFrom();

  /** The namespace the grant applies in; empty when it applies cluster-wide (a ClusterRoleBinding). */
  public abstract Optional<String> namespace();

  public static Builder builder() {
    return ImmutableRbacPath.builder();
  }

  /** {@code RoleBinding.rbac.authorization.k8s.io shop/dev -> Role … : verbs [get] on pods (group "")}. */
  @Override
  public String toString() {
    return binding() + " -> " + role() + aggregatedFrom().map(r -> " (aggregated from " + r.name() + ")").orElse("")
        + ": " + rule() + namespace().map(ns -> " in namespace " + ns).orElse(" cluster-wide");
  }

  /** Builds {@link RbacPath}s. */
  public interface Builder {
    /** Starts from every attribute of {@code path}. */
    Builder from(RbacPath path);

    Builder binding(ResourceRef binding);

    Builder role(ResourceRef role);

    Builder rule(Rule rule);

    Builder aggregatedFrom(ResourceRef aggregatedFrom);

    Builder aggregatedFrom(Optional<? extends ResourceRef> aggregatedFrom);

    Builder namespace(String namespace);

    Builder namespace(Optional<String> namespace);

    RbacPath build();
  }
}
