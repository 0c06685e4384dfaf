package dev.shipshape.security.rbac.internal;

import dev.shipshape.core.LabelSelectorMatcher;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.security.rbac.RbacRole;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set of RBAC objects, normalized for evaluation: roles with their effective rules (aggregated ClusterRoles
 * resolved), bindings with their subjects. Objects of other kinds are ignored.
 */
public final class RbacGraph {
  public static final String GROUP = "rbac.authorization.k8s.io";

  /** A rule and the role that defines it (differs from the bound role for aggregated ClusterRoles). */
  public static final class RuleSource {
    public final Rule rule;
    public final ResourceRef definedIn;

    RuleSource(Rule rule, ResourceRef definedIn) {
      this.rule = rule;
      this.definedIn = definedIn;
    }
  }

  /** A binding: where it grants ({@code ""} for cluster-wide), what and to whom. */
  public static final class Binding {
    public final ResourceRef ref;
    public final String namespace;
    public final ResourceRef roleRef;
    public final List<RbacSubject> subjects;

    Binding(ResourceRef ref, String namespace, ResourceRef roleRef, List<RbacSubject> subjects) {
      this.ref = ref;
      this.namespace = namespace;
      this.roleRef = roleRef;
      this.subjects = subjects;
    }

    public boolean isClusterWide() {
      return namespace.isEmpty();
    }
  }

  private static final class RoleNode {
    final ResourceRef ref;
    final Map<String, String> labels;
    final List<Rule> rules;
    final List<LabelSelector> aggregation;
    final Set<String> acknowledged;

    RoleNode(ResourceRef ref, Map<String, String> labels, List<Rule> rules, List<LabelSelector> aggregation,
        Set<String> acknowledged) {
      this.ref = ref;
      this.labels = labels;
      this.rules = rules;
      this.aggregation = aggregation;
      this.acknowledged = acknowledged;
    }
  }

  /**
   * The bootstrap {@code cluster-admin} ClusterRole, present on every cluster; used when the objects do not
   * include it, so that bindings to it are evaluated.
   */
  private static final RoleNode CLUSTER_ADMIN = new RoleNode(
      ResourceRef.clusterScoped(GROUP, "ClusterRole", "cluster-admin"), Map.of(),
      List.of(Rule.on("*", "*").allow("*"), Rule.nonResource("*").allow("*")), List.of(), Set.of());

  private final Map<ResourceRef, RoleNode> roles = new LinkedHashMap<>();
  private final List<Binding> bindings = new ArrayList<>();
  // Positions in bindings: a request in a namespace looks at that namespace's RoleBindings only.
  private final List<Integer> clusterWide = new ArrayList<>();
  private final Map<String, List<Integer>> byNamespace = new HashMap<>();
  private final Map<ResourceRef, List<RuleSource>> effective = new LinkedHashMap<>();

  private RbacGraph() {}

  /** The graph of the RBAC objects among {@code objects} (typed or generic). */
  public static RbacGraph of(List<? extends HasMetadata> objects) {
    RbacGraph graph = new RbacGraph();
    for (HasMetadata object : objects) {
      if (object == null || !GROUP.equals(ResourceRef.groupOf(String.valueOf(object.getApiVersion())))) continue;
      switch (String.valueOf(object.getKind())) {
        case "Role":
          graph.addRole(Manifests.convert(object, Role.class));
          break;
        case "ClusterRole":
          graph.addClusterRole(Manifests.convert(object, ClusterRole.class));
          break;
        case "RoleBinding":
          RoleBinding rb = Manifests.convert(object, RoleBinding.class);
          graph.addBinding(ResourceRef.of(rb), namespaceOf(rb), rb.getRoleRef(), rb.getSubjects());
          break;
        case "ClusterRoleBinding":
          ClusterRoleBinding crb = Manifests.convert(object, ClusterRoleBinding.class);
          graph.addBinding(ResourceRef.of(crb), "", crb.getRoleRef(), crb.getSubjects());
          break;
        default:
          break;
      }
    }
    graph.roles.putIfAbsent(CLUSTER_ADMIN.ref, CLUSTER_ADMIN);
    return graph;
  }

  private static String namespaceOf(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
  }

  private static Map<String, String> labelsOf(HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
  }

  /** The risk names a role's {@value RbacRole#ACKNOWLEDGED_RISKS_ANNOTATION} annotation lists. */
  private static Set<String> acknowledgedBy(HasMetadata role) {
    String list = role.getMetadata() == null || role.getMetadata().getAnnotations() == null ? null
        : role.getMetadata().getAnnotations().get(RbacRole.ACKNOWLEDGED_RISKS_ANNOTATION);
    return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::trim).filter(name -> !name.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static List<Rule> rulesOf(List<PolicyRule> rules) {
    return rules == null ? List.of() : rules.stream().map(Rule::from).collect(Collectors.toList());
  }

  private void addRole(Role role) {
    ResourceRef ref = ResourceRef.of(role);
    roles.put(ref, new RoleNode(ref, labelsOf(role), rulesOf(role.getRules()), List.of(), acknowledgedBy(role)));
  }

  private void addClusterRole(ClusterRole role) {
    ResourceRef ref = ResourceRef.of(role);
    List<LabelSelector> aggregation = role.getAggregationRule() == null
        || role.getAggregationRule().getClusterRoleSelectors() == null
        ? List.of() : role.getAggregationRule().getClusterRoleSelectors();
    roles.put(ref, new RoleNode(ref, labelsOf(role), rulesOf(role.getRules()), aggregation, acknowledgedBy(role)));
  }

  private void addBinding(ResourceRef ref, String namespace, RoleRef roleRef,
      List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects) {
    if (roleRef == null) return;
    ResourceRef role = "ClusterRole".equals(roleRef.getKind())
        ? ResourceRef.clusterScoped(GROUP, "ClusterRole", roleRef.getName())
        : ResourceRef.namespaced(GROUP, "Role", namespace, roleRef.getName());
    List<RbacSubject> resolved = new ArrayList<>();
    for (io.fabric8.kubernetes.api.model.rbac.Subject s : subjects == null
        ? List.<io.fabric8.kubernetes.api.model.rbac.Subject>of() : subjects) {
      Optional<RbacSubject.Kind> kind = RbacSubject.Kind.of(s.getKind());
      if (kind.isEmpty() || s.getName() == null) continue;
      if (kind.get() == RbacSubject.Kind.SERVICE_ACCOUNT) {
        // A ServiceAccount subject without a namespace is one of the binding's namespace; in a ClusterRoleBinding
        // it names no one (the authorizer's appliesToUser).
        String ns = s.getNamespace() == null || s.getNamespace().isEmpty() ? namespace : s.getNamespace();
        if (!ns.isEmpty()) resolved.add(RbacSubject.serviceAccount(ns, s.getName()));
      } else {
        resolved.add(kind.get() == RbacSubject.Kind.USER ? RbacSubject.user(s.getName()) : RbacSubject.group(s.getName()));
      }
    }
    (namespace.isEmpty() ? clusterWide : byNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()))
        .add(bindings.size());
    bindings.add(new Binding(ref, namespace, role, List.copyOf(resolved)));
  }

  public List<Binding> bindings() {
    return bindings;
  }

  /**
   * The bindings that apply to a request in {@code namespace}: every ClusterRoleBinding, and the namespace's
   * RoleBindings.
   */
  public List<Binding> bindingsFor(String namespace) {
    List<Integer> local = namespace.isEmpty() ? List.of() : byNamespace.getOrDefault(namespace, List.of());
    List<Binding> out = new ArrayList<>(clusterWide.size() + local.size());
    // Both lists hold positions in ascending order: merged, the bindings keep the order of the objects.
    int c = 0;
    int l = 0;
    while (c < clusterWide.size() || l < local.size()) {
      boolean takeLocal = c == clusterWide.size() || (l < local.size() && local.get(l) < clusterWide.get(c));
      out.add(bindings.get(takeLocal ? local.get(l++) : clusterWide.get(c++)));
    }
    return out;
  }

  /** True when the role is in the set (or is the bootstrap cluster-admin). */
  public boolean hasRole(ResourceRef role) {
    return roles.containsKey(role);
  }

  /**
   * True when {@code role} acknowledges {@code risk} (its author chose it, such as a persona's inherent risk), or a
   * risk that accepts it ({@link Risk#acceptedBy}), in its {@value RbacRole#ACKNOWLEDGED_RISKS_ANNOTATION} annotation.
   */
  public boolean acknowledges(ResourceRef role, Risk risk) {
    RoleNode node = roles.get(role);
    return node != null && risk.acceptedBy().stream().anyMatch(r -> node.acknowledged.contains(r.name()));
  }

  /**
   * The effective rules of a role. An aggregated ClusterRole's rules are the union of the rules of every other
   * ClusterRole matched by any of its selectors, replacing its own (the aggregation controller overwrites them).
   */
  public List<RuleSource> rulesOf(ResourceRef role) {
    return effective.computeIfAbsent(role, r -> resolve(r, new HashSet<>()));
  }

  private List<RuleSource> resolve(ResourceRef ref, Set<ResourceRef> visiting) {
    RoleNode node = roles.get(ref);
    if (node == null || !visiting.add(ref)) return List.of();
    List<RuleSource> out = new ArrayList<>();
    if (node.aggregation.isEmpty()) {
      node.rules.forEach(r -> out.add(new RuleSource(r, ref)));
    } else {
      for (RoleNode other : roles.values()) {
        if (other == node || other == CLUSTER_ADMIN || !other.ref.kind().equals("ClusterRole")) continue;
        if (node.aggregation.stream().anyMatch(s -> selects(s, other.labels))) {
          out.addAll(resolve(other.ref, visiting));
        }
      }
    }
    visiting.remove(ref);
    return out;
  }

  /** An aggregation rule's selector; an absent one selects nothing. */
  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    return LabelSelectorMatcher.of(selector).map(m -> m.matches(labels)).orElse(false);
  }
}
