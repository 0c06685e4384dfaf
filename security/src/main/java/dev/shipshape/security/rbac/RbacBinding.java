package dev.shipshape.security.rbac;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ShipshapeStyle;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A RoleBinding (with a namespace) or a ClusterRoleBinding (without): grants a Role or ClusterRole to subjects.
 * A RoleBinding to a ClusterRole grants the ClusterRole's rules only inside the binding's namespace.
 *
 * <pre>{@code
 * RbacBinding.toRole("shop", "shop-developer").subject(RbacSubject.group("shop-devs")).build();
 * RbacBinding.toClusterRole("auditor").subject(RbacSubject.user("alice")).build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class RbacBinding {

  /** The binding's name. By default, the role's name. */
  @Value.Default
  public String name() {
    return roleName();
  }

  /** The RoleBinding's namespace; empty for a ClusterRoleBinding. */
  public abstract Optional<String> namespace();

  /** True when the binding refers to a ClusterRole, false for a Role. */
  public abstract boolean clusterRole();

  public abstract String roleName();

  public abstract List<RbacSubject> subjects();

  /** Risks this binding takes on purpose, such as {@link Risk#CLUSTER_ADMIN_BINDING}. */
  public abstract Set<Risk> acknowledgedRisks();

  public static Builder builder() {
    return ImmutableRbacBinding.builder();
  }

  /** A RoleBinding to a Role of the same namespace. */
  public static Builder toRole(String namespace, String role) {
    return builder().namespace(namespace).clusterRole(false).roleName(role);
  }

  /** A RoleBinding granting a ClusterRole's rules inside one namespace. */
  public static Builder toClusterRoleIn(String namespace, String clusterRole) {
    return builder().namespace(namespace).clusterRole(true).roleName(clusterRole);
  }

  /** A ClusterRoleBinding, granting a ClusterRole in every namespace and for cluster-scoped resources. */
  public static Builder toClusterRole(String clusterRole) {
    return builder().clusterRole(true).roleName(clusterRole);
  }

  public boolean isClusterRoleBinding() {
    return namespace().isEmpty();
  }

  /** {@code RoleBinding} or {@code ClusterRoleBinding}. */
  public String kind() {
    return isClusterRoleBinding() ? "ClusterRoleBinding" : "RoleBinding";
  }

  public ResourceRef ref() {
    return namespace().map(ns -> ResourceRef.namespaced(RbacSubject.RBAC_GROUP, kind(), ns, name()))
        .orElseGet(() -> ResourceRef.clusterScoped(RbacSubject.RBAC_GROUP, kind(), name()));
  }

  /** The role this binding refers to; a Role lives in the binding's namespace. */
  public ResourceRef roleRef() {
    return clusterRole()
        ? ResourceRef.clusterScoped(RbacSubject.RBAC_GROUP, "ClusterRole", roleName())
        : ResourceRef.namespaced(RbacSubject.RBAC_GROUP, "Role", namespace().orElse(""), roleName());
  }

  /** A fresh RoleBinding or ClusterRoleBinding. */
  public HasMetadata toKubernetes() {
    // Plain constructors and setters: the same objects as fabric8's builders make, at a fraction of the cost.
    RoleRef ref = new RoleRef(RbacSubject.RBAC_GROUP, clusterRole() ? "ClusterRole" : "Role", roleName());
    List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects = new ArrayList<>(subjects().size());
    for (RbacSubject subject : subjects()) subjects.add(subject.toSubject());
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name());
    if (isClusterRoleBinding()) {
      ClusterRoleBinding binding = new ClusterRoleBinding();
      binding.setMetadata(meta);
      binding.setRoleRef(ref);
      binding.setSubjects(subjects);
      return binding;
    }
    meta.setNamespace(namespace().get());
    RoleBinding binding = new RoleBinding();
    binding.setMetadata(meta);
    binding.setRoleRef(ref);
    binding.setSubjects(subjects);
    return binding;
  }

  @Override
  public String toString() {
    return kind() + " " + namespace().map(ns -> ns + "/").orElse("") + name();
  }

  /** Builds {@link RbacBinding}s; problems are reported by the {@link RbacProfile} that holds the binding. */
  public interface Builder {
    /** Starts from every attribute of {@code binding}. */
    Builder from(RbacBinding binding);

    Builder name(String name);

    Builder namespace(String namespace);

    Builder namespace(Optional<String> namespace);

    Builder clusterRole(boolean clusterRole);

    Builder roleName(String roleName);

    Builder addSubjects(RbacSubject... subjects);

    default Builder subject(RbacSubject... subjects) {
      return addSubjects(subjects);
    }

    /** Replaces the subjects. */
    Builder subjects(Iterable<? extends RbacSubject> subjects);

    Builder addAcknowledgedRisks(Risk... risks);

    /** Accepts that this binding carries these risks. */
    default Builder acknowledgeRisk(Risk... risks) {
      return addAcknowledgedRisks(risks);
    }

    /** Replaces the acknowledged risks. */
    Builder acknowledgedRisks(Iterable<Risk> risks);

    RbacBinding build();
  }
}
