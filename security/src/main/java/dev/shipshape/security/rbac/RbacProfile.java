package dev.shipshape.security.rbac;

import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.core.SpecContext;
import dev.shipshape.security.rbac.internal.ProfileChecks;
import dev.shipshape.security.rbac.internal.ReferenceChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * Who may do what: least-privilege roles (personas or custom rules) and the bindings that grant them to users,
 * groups and ServiceAccounts. A {@link Component}: compiles to Roles, ClusterRoles, RoleBindings and
 * ClusterRoleBindings.
 *
 * <pre>{@code
 * RbacProfile access = RbacProfile.builder()
 *     .name("shop-access")
 *     .assign(Persona.DEVELOPER, "shop", RbacSubject.group("shop-devs"))
 *     .role(RbacRole.cluster("metrics-reader").rule(Rule.nonResource("/metrics").allow("get")).build())
 *     .binding(RbacBinding.toClusterRole("metrics-reader").subject(RbacSubject.serviceAccount("monitoring", "prom"))
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Planning the spec reports, with every other problem of the spec, {@code *} grants and the grants of
 * {@link Risk} that are not acknowledged, malformed rules, bindings without subjects, a RoleBinding that refers to
 * a Role of another namespace; {@link #validate} also requires every bound ServiceAccount and role to be in the
 * spec or declared pre-existing, and explains RoleBindings to ClusterRoles.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RbacProfile implements Component {

  @Override
  public abstract String name();

  public abstract List<RbacRole> roles();

  public abstract List<RbacBinding> bindings();

  public static Builder builder() {
    return ImmutableRbacProfile.builder();
  }

  /** Roles first, then bindings, all fresh objects. */
  @Override
  public List<HasMetadata> compile(CompileContext context) {
    List<HasMetadata> objects = new ArrayList<>();
    roles().forEach(r -> objects.add(r.toKubernetes()));
    bindings().forEach(b -> objects.add(b.toKubernetes()));
    return objects;
  }

  /** The profile's own rules, then its references into the spec; reported with every other problem. */
  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    roles().forEach(r -> problems.addAll(ProfileChecks.role(r)));
    bindings().forEach(b -> problems.addAll(ProfileChecks.binding(b)));
    problems.addAll(ProfileChecks.profile(roles(), bindings()));
    List<Problem> named = new ArrayList<>();
    problems.forEach(p -> named.add(p.inComponent(name())));
    named.addAll(ReferenceChecks.check(bindings(), context));
    return named;
  }

  /** Builds {@link RbacProfile}s. */
  public interface Builder {
    /** Starts from every attribute of {@code profile}. */
    Builder from(RbacProfile profile);

    Builder name(String name);

    Builder addRoles(RbacRole... roles);

    default Builder role(RbacRole... roles) {
      return addRoles(roles);
    }

    /** Replaces the roles. */
    Builder roles(Iterable<? extends RbacRole> roles);

    Builder addBindings(RbacBinding... bindings);

    default Builder binding(RbacBinding... bindings) {
      return addBindings(bindings);
    }

    /** Replaces the bindings. */
    Builder bindings(Iterable<? extends RbacBinding> bindings);

    /**
     * A persona's Role in a namespace, named after the persona ({@code developer}), and a RoleBinding of the same
     * name granting it to these subjects.
     */
    default Builder assign(Persona persona, String namespace, RbacSubject... subjects) {
      role(RbacRole.namespaced(namespace, persona.roleName()).persona(persona).build());
      return binding(RbacBinding.toRole(namespace, persona.roleName()).subject(subjects).build());
    }

    RbacProfile build();
  }
}
