package dev.shipshape.security.rbac.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.security.rbac.RbacBinding;
import dev.shipshape.security.rbac.RbacSubject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Checks of an RbacProfile's bindings against the whole compiled spec. */
public final class ReferenceChecks {
  /** ClusterRoles that every cluster has (the RBAC bootstrap policy's user-facing roles). */
  private static final Set<String> BUILT_IN_CLUSTER_ROLES = Set.of("cluster-admin", "admin", "edit", "view");

  private ReferenceChecks() {}

  public static List<Problem> check(List<RbacBinding> bindings, SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    for (RbacBinding binding : bindings) {
      roleExists(binding, context, problems);
      for (int i = 0; i < binding.subjects().size(); i++) {
        serviceAccountExists(binding, i, context, problems);
      }
      if (binding.clusterRole() && !binding.isClusterRoleBinding()) {
        ineffectiveRules(binding, context).ifPresent(rules -> problems.add(Problem.warning(binding.ref(), "roleRef",
            "grants ClusterRole '" + binding.roleName() + "' only inside namespace " + binding.namespace().get()
                + ": its rules on " + rules + " grant nothing through a RoleBinding",
            "bind the ClusterRole with RbacBinding.toClusterRole(...) if the subjects need those in the whole "
                + "cluster, or drop them from the role")));
      }
    }
    return problems;
  }

  /**
   * The rules of the bound ClusterRole (when the spec holds it) that a RoleBinding cannot make effective: "A
   * RoleBinding may also reference a ClusterRole to grant the permissions defined in that ClusterRole to resources
   * inside the RoleBinding's namespace" (RBAC documentation, RoleBinding and ClusterRoleBinding), so grants on
   * cluster-scoped resources and non-resource URLs do nothing there. A reusable role of namespaced resources bound
   * per namespace is the documented pattern and gets no warning; neither does {@code *}, whose namespaced part
   * takes effect.
   */
  private static Optional<String> ineffectiveRules(RbacBinding binding, SpecContext context) {
    Optional<HasMetadata> role = context.find(binding.roleRef());
    if (role.isEmpty() || !(role.get() instanceof ClusterRole)) return Optional.empty();
    Set<String> ineffective = new TreeSet<>();
    for (PolicyRule rule : ((ClusterRole) role.get()).getRules()) {
      for (String resource : rule.getResources()) {
        if (rule.getApiGroups().stream().anyMatch(group -> KnownResources.isClusterScoped(group, resource))) {
          ineffective.add(resource);
        }
      }
      rule.getNonResourceURLs().forEach(url -> ineffective.add("non-resource URL " + url));
    }
    return ineffective.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", ineffective));
  }

  private static void roleExists(RbacBinding binding, SpecContext context, List<Problem> problems) {
    ResourceRef role = binding.roleRef();
    boolean builtIn = binding.clusterRole()
        && (BUILT_IN_CLUSTER_ROLES.contains(binding.roleName()) || binding.roleName().startsWith("system:"));
    if (builtIn || context.find(role).isPresent() || context.isPreExisting(role)) return;
    problems.add(Problem.error(binding.ref(), "roleRef", "refers to " + role + ", which the spec does not define",
        "add the role to the spec, or declare it with ClusterSpec.builder().preExistingResource(" + refCode(role)
            + ")"));
  }

  private static void serviceAccountExists(RbacBinding binding, int index, SpecContext context,
      List<Problem> problems) {
    RbacSubject subject = binding.subjects().get(index);
    if (subject.kind() != RbacSubject.Kind.SERVICE_ACCOUNT) return;
    String ns = subject.namespace().orElse(binding.namespace().orElse(""));
    ResourceRef sa = ResourceRef.core("ServiceAccount", ns, subject.name());
    // Every namespace gets a ServiceAccount named "default" from the ServiceAccount controller.
    boolean implicit = subject.name().equals("default") && context.namespaceExists(ns);
    if (implicit || context.find(sa).isPresent() || context.isPreExisting(sa)) return;
    problems.add(Problem.error(binding.ref(), "subjects[" + index + "]", "binds ServiceAccount " + ns + "/"
            + subject.name() + ", which the spec does not define",
        "add the ServiceAccount to the spec, or declare it with ClusterSpec.builder().preExistingResource("
            + refCode(sa) + ")"));
  }

  private static String refCode(ResourceRef ref) {
    if (ref.group().isEmpty()) {
      return "ResourceRef.core(\"" + ref.kind() + "\", \"" + ref.namespace().orElse("") + "\", \"" + ref.name()
          + "\")";
    }
    return ref.namespace()
        .map(ns -> "ResourceRef.namespaced(\"" + ref.group() + "\", \"" + ref.kind() + "\", \"" + ns + "\", \""
            + ref.name() + "\")")
        .orElse("ResourceRef.clusterScoped(\"" + ref.group() + "\", \"" + ref.kind() + "\", \"" + ref.name()
            + "\")");
  }
}
