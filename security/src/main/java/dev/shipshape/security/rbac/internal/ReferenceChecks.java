package dev.shipshape.security.rbac.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.security.rbac.RbacBinding;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        String ns = binding.namespace().get();
        // "A RoleBinding may also reference a ClusterRole to grant the permissions defined in that ClusterRole to
        // resources inside the RoleBinding's namespace" (RBAC documentation, RoleBinding and ClusterRoleBinding).
        problems.add(Problem.warning(binding.ref(), "roleRef", "grants ClusterRole '" + binding.roleName()
                + "' only inside namespace " + ns + ": its rules on cluster-scoped resources (such as nodes or"
                + " namespaces) and on non-resource URLs grant nothing through a RoleBinding",
            "this is right for a reusable role granted per namespace; use RbacBinding.toClusterRole(...) only if"
                + " the subjects need it in every namespace"));
      }
    }
    return problems;
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
