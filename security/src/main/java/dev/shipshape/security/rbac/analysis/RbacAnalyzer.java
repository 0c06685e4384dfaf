package dev.shipshape.security.rbac.analysis;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.Rule;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.internal.PermissionAtoms;
import dev.shipshape.security.rbac.internal.RbacGraph;
import dev.shipshape.security.rbac.internal.RiskCatalog;
import dev.shipshape.security.rbac.internal.RuleMatching;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Answers RBAC questions offline, over any set of Roles, ClusterRoles, RoleBindings and ClusterRoleBindings, with
 * the semantics of the Kubernetes RBAC authorizer ("Using RBAC Authorization" in the Kubernetes documentation):
 * <ul>
 *   <li>permissions are the union of the rules of every binding that applies; there is no deny;
 *   <li>{@code *} matches every verb, API group, resource (and subresource) or non-resource URL;
 *   <li>a subresource ({@code pods/log}) is distinct from its resource; {@code *}/{@code log} matches it on any
 *       resource;
 *   <li>a rule with resourceNames allows exactly the requests that carry one of those names, whatever the verb: a
 *       plain create or a deletecollection carries no name and is denied, while a create on a named subresource
 *       ({@code serviceaccounts/token}), a server-side apply creating a named object or a list selecting
 *       {@code metadata.name} carries one (give it as {@code name});
 *   <li>a non-resource URL ending in {@code *} matches every path with that prefix; non-resource URLs are granted
 *       only through ClusterRoleBindings;
 *   <li>a RoleBinding applies only in its namespace, also when it refers to a ClusterRole; requests without a
 *       namespace (cluster-scoped resources, all namespaces) see only ClusterRoleBindings;
 *   <li>an aggregated ClusterRole has the union of the rules of the ClusterRoles its selectors match;
 *   <li>a ServiceAccount subject without a namespace is one of the RoleBinding's namespace, and names no one in a
 *       ClusterRoleBinding;
 *   <li>ServiceAccounts are in {@code system:serviceaccounts}, {@code system:serviceaccounts:<ns>} and
 *       {@code system:authenticated} (see {@link Requester});
 *   <li>members of {@code system:masters} may do everything, whatever the bindings: the API server authorizes
 *       that group before RBAC.
 * </ul>
 * Bindings to the bootstrap {@code cluster-admin} ClusterRole are evaluated even when the set does not contain it;
 * bindings to other roles missing from the set grant nothing and are listed by {@link #unresolvedBindings()}.
 * Instances are immutable and thread-safe once built.
 */
public final class RbacAnalyzer {
  private final RbacGraph graph;

  private RbacAnalyzer(RbacGraph graph) {
    this.graph = graph;
  }

  /** The RBAC objects among these objects (others are ignored); typed or generic. */
  public static RbacAnalyzer of(Collection<? extends HasMetadata> objects) {
    return new RbacAnalyzer(RbacGraph.of(List.copyOf(objects)));
  }

  /** The RBAC objects a plan would apply. */
  public static RbacAnalyzer of(Plan plan) {
    return of(plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList()));
  }

  /** The RBAC objects of a manifest file, or of every manifest under a directory. */
  public static RbacAnalyzer read(Path path) {
    return of(Manifests.read(path));
  }

  /** The RBAC objects of a live cluster, read with one list call per kind (read-only). */
  public static RbacAnalyzer fromCluster(KubernetesClient client) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.rbac().roles().inAnyNamespace().list().getItems());
    objects.addAll(client.rbac().clusterRoles().list().getItems());
    objects.addAll(client.rbac().roleBindings().inAnyNamespace().list().getItems());
    objects.addAll(client.rbac().clusterRoleBindings().list().getItems());
    return of(objects);
  }

  /**
   * Whether the requester may do this, and every binding and rule that allows it.
   *
   * @param resource {@code pods}, {@code pods/log}, {@code deployments.apps}, or a non-resource URL path
   * @param namespace the namespace, or null/empty for cluster-wide
   * @param name the object name, or null/empty
   */
  public Decision canI(Requester requester, String verb, String resource, String namespace, String name) {
    return canI(requester, AccessRequest.parse(verb, resource, namespace, name));
  }

  /** Whether the requester may make this request, and every binding and rule that allows it. */
  public Decision canI(Requester requester, AccessRequest request) {
    List<RbacPath> paths = new ArrayList<>();
    for (RbacGraph.Binding b : graph.bindingsFor(request.namespace().orElse(""))) {
      if (b.subjects.stream().noneMatch(requester::matches)) continue;
      for (RbacGraph.RuleSource source : graph.rulesOf(b.roleRef)) {
        if (allows(source.rule, request)) paths.add(path(b, source));
      }
    }
    return Decision.builder().requester(requester).request(request).allowedBy(paths)
        .privilegedGroup(requester.groups().contains(Requester.PRIVILEGED_GROUP)).build();
  }

  /** Every binding subject that may do this (the first allowing rule of each binding), sorted by subject. */
  public List<SubjectAccess> whoCan(String verb, String resource, String namespace) {
    return whoCan(AccessRequest.parse(verb, resource, namespace, null));
  }

  /** Every binding subject that may make this request, sorted by subject. */
  public List<SubjectAccess> whoCan(AccessRequest request) {
    List<SubjectAccess> found = new ArrayList<>();
    for (RbacGraph.Binding b : graph.bindingsFor(request.namespace().orElse(""))) {
      graph.rulesOf(b.roleRef).stream().filter(s -> allows(s.rule, request)).findFirst()
          .ifPresent(source -> b.subjects.forEach(s -> found.add(SubjectAccess.of(s, path(b, source)))));
    }
    found.sort(Comparator.comparing(SubjectAccess::subject));
    return found;
  }

  /**
   * What the requester may do in a namespace (null or empty: cluster-wide), like
   * {@code kubectl auth can-i --list}.
   */
  public AccessMatrix accessOf(Requester requester, String namespace) {
    String ns = namespace == null ? "" : namespace;
    Map<String, Set<String>> resourceVerbs = new TreeMap<>();
    Map<String, Set<String>> urlVerbs = new TreeMap<>();
    for (RbacGraph.Binding b : graph.bindingsFor(ns)) {
      if (b.subjects.stream().noneMatch(requester::matches)) continue;
      for (RbacGraph.RuleSource source : graph.rulesOf(b.roleRef)) {
        Rule r = source.rule;
        if (r.isNonResource()) {
          if (b.isClusterWide()) r.nonResourceURLs().forEach(u -> urlVerbs.computeIfAbsent(u, k -> new TreeSet<>())
              .addAll(r.verbs()));
          continue;
        }
        String names = String.join(",", new TreeSet<>(r.resourceNames()));
        for (String group : r.apiGroups()) {
          for (String resource : r.resources()) {
            String key = PermissionAtoms.target(group, resource) + "\u0000" + names;
            resourceVerbs.computeIfAbsent(key, k -> new TreeSet<>()).addAll(r.verbs());
          }
        }
      }
    }
    AccessMatrix.Builder matrix = AccessMatrix.builder().requester(requester);
    if (!ns.isEmpty()) matrix.namespace(ns);
    resourceVerbs.forEach((key, verbs) -> {
      String[] parts = key.split("\u0000", -1);
      matrix.addEntries(AccessEntry.builder().resource(parts[0]).nonResourceURL("")
          .resourceNames(parts[1].isEmpty() ? List.of() : List.of(parts[1].split(","))).verbs(verbs).build());
    });
    urlVerbs.forEach((url, verbs) -> matrix.addEntries(
        AccessEntry.builder().resource("").nonResourceURL(url).verbs(verbs).build()));
    return matrix.build();
  }

  /**
   * Every risky permission held through a binding, worst first: the risks of {@link Risk} per rule of the bound
   * role, and bindings to cluster-admin. Grants on cluster-scoped resources count only through
   * ClusterRoleBindings, as a RoleBinding cannot grant them. Each finding's rule id is its risk's
   * {@link Risk#ruleId()} and its severity the risk's; its objects are the binding, the role and, for an aggregated
   * ClusterRole, the role that defines the rule; the message names the subjects, the rule and where it applies. A
   * risk the bound role acknowledges (its {@code shipshape.dev/acknowledged-risks} annotation, as {@code RbacRole}
   * writes it for a persona's inherent risks and {@code allowRisk}) is its author's choice, not a mistake: reported
   * as {@link Severity#INFO}, saying so.
   */
  public List<Finding> riskyPermissions() {
    List<Finding> findings = new ArrayList<>();
    for (RbacGraph.Binding b : graph.bindings()) {
      List<RbacGraph.RuleSource> rules = graph.rulesOf(b.roleRef);
      boolean clusterAdmin = b.roleRef.kind().equals("ClusterRole") && b.roleRef.name().equals("cluster-admin");
      if (clusterAdmin && !rules.isEmpty()) {
        findings.add(finding(Risk.CLUSTER_ADMIN_BINDING, b, rules.get(0)));
        continue;
      }
      for (RbacGraph.RuleSource source : rules) {
        for (Risk risk : RiskCatalog.risksOf(source.rule, !b.isClusterWide())) findings.add(finding(risk, b, source));
      }
    }
    Collections.sort(findings);
    return findings;
  }

  /** Bindings whose role is not in the set (other than the bootstrap cluster-admin); they grant nothing here. */
  public List<ResourceRef> unresolvedBindings() {
    return graph.bindings().stream().filter(b -> !graph.hasRole(b.roleRef)).map(b -> b.ref)
        .collect(Collectors.toList());
  }

  /** Who gains or loses what when this set is replaced by {@code after}. */
  public RbacDiff diff(RbacAnalyzer after) {
    PermissionAtoms before = new PermissionAtoms(graph);
    PermissionAtoms next = new PermissionAtoms(after.graph);
    Set<RbacSubject> subjects = new TreeSet<>(before.subjects());
    subjects.addAll(next.subjects());
    List<PermissionChange> gains = new ArrayList<>();
    List<PermissionChange> losses = new ArrayList<>();
    for (RbacSubject s : subjects) {
      next.atoms(s).stream().filter(a -> !before.covers(s, a)).forEach(a -> gains.add(change(s, a, true)));
      before.atoms(s).stream().filter(a -> !next.covers(s, a)).forEach(a -> losses.add(change(s, a, false)));
    }
    return RbacDiff.builder().addAllChanges(gains).addAllChanges(losses).build();
  }

  private static PermissionChange change(RbacSubject subject, PermissionAtoms.Atom atom, boolean gained) {
    return PermissionChange.builder().subject(subject).gained(gained).verb(atom.verb).target(atom.target())
        .resourceName(Optional.of(atom.name).filter(n -> !n.isEmpty()))
        .namespace(Optional.of(atom.namespace).filter(n -> !n.isEmpty())).build();
  }

  private Finding finding(Risk risk, RbacGraph.Binding b, RbacGraph.RuleSource source) {
    RbacPath path = path(b, source);
    boolean acknowledged = graph.acknowledges(b.roleRef, risk);
    Finding.Builder finding = Finding.builder().ruleId(risk.ruleId())
        .severity(acknowledged ? Severity.INFO : risk.severity())
        .addResources(path.binding(), path.role()).field("roleRef")
        .message(b.subjects + " " + risk.description() + " through " + path.role()
            + path.aggregatedFrom().map(r -> " (aggregated from " + r.name() + ")").orElse("") + ": " + path.rule()
            + path.namespace().map(ns -> " in namespace " + ns).orElse(" cluster-wide")
            + (acknowledged ? " (acknowledged on the role, so reported as INFO)" : ""))
        .remediation(remediation(risk, path));
    path.aggregatedFrom().ifPresent(finding::addResources);
    return finding.build();
  }

  private static String remediation(Risk risk, RbacPath path) {
    String acknowledge = "acknowledge the risk on the role";
    if (risk == Risk.SECRETS_READ_BY_PATCH_OR_DELETE || risk == Risk.NETWORK_POLICY_WRITE) {
      String narrow = risk == Risk.NETWORK_POLICY_WRITE ? RiskCatalog.networkPolicyWriteFix(acknowledge)
          : RiskCatalog.secretsByPatchOrDeleteFix(acknowledge);
      return "grant only what the subjects need: in " + path.role() + " " + narrow + "; or remove the subjects from "
          + path.binding();
    }
    return "grant only what the subjects need: remove the rule from " + path.role() + " or the subjects from "
        + path.binding() + ", or " + acknowledge;
  }

  private static boolean allows(Rule rule, AccessRequest r) {
    if (r.isNonResource()) return RuleMatching.allowsNonResource(rule, r.verb(), r.nonResourceURL().get());
    return RuleMatching.allowsResource(rule, r.verb(), r.apiGroup(), r.resource(), r.subresource(),
        r.name().orElse(""));
  }

  private static RbacPath path(RbacGraph.Binding b, RbacGraph.RuleSource source) {
    RbacPath.Builder path = RbacPath.builder().binding(b.ref).role(b.roleRef).rule(source.rule);
    if (!source.definedIn.equals(b.roleRef)) path.aggregatedFrom(source.definedIn);
    if (!b.isClusterWide()) path.namespace(b.namespace);
    return path.build();
  }
}
