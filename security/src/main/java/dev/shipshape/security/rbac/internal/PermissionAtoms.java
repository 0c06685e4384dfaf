package dev.shipshape.security.rbac.internal;

import dev.shipshape.security.rbac.Rule;
import dev.shipshape.security.rbac.RbacSubject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grants of an RBAC set per binding subject, split into atoms (one verb on one resource or URL, one name, one
 * scope) to compare two sets. Wildcards stay atoms of their own: {@code *} verbs are one atom, covered only by
 * another {@code *}.
 */
public final class PermissionAtoms {

  /** One verb on one target in one scope ({@code ""} for cluster-wide). */
  public static final class Atom {
    public final String namespace;
    public final String verb;
    public final String group;
    public final String resource;
    public final String name;
    public final String url;

    Atom(String namespace, String verb, String group, String resource, String name, String url) {
      this.namespace = namespace;
      this.verb = verb;
      this.group = group;
      this.resource = resource;
      this.name = name;
      this.url = url;
    }

    /** {@code resource.group} or the URL. */
    public String target() {
      return url.isEmpty() ? PermissionAtoms.target(group, resource) : url;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Atom)) return false;
      Atom a = (Atom) o;
      return namespace.equals(a.namespace) && verb.equals(a.verb) && group.equals(a.group)
          && resource.equals(a.resource) && name.equals(a.name) && url.equals(a.url);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(namespace, verb, group, resource, name, url);
    }
  }

  private static final class Grant {
    final String namespace;
    final Rule rule;

    Grant(String namespace, Rule rule) {
      this.namespace = namespace;
      this.rule = rule;
    }
  }

  /** {@code resource.group/subresource} as kubectl prints it; the core group adds nothing. */
  public static String target(String group, String resource) {
    int slash = resource.indexOf('/');
    String base = slash < 0 ? resource : resource.substring(0, slash);
    String sub = slash < 0 ? "" : resource.substring(slash);
    return (group.isEmpty() ? base : base + "." + group) + sub;
  }

  private final Map<RbacSubject, List<Grant>> grants = new LinkedHashMap<>();

  /** The grants of every subject named by a binding of the graph. */
  public PermissionAtoms(RbacGraph graph) {
    for (RbacGraph.Binding b : graph.bindings()) {
      for (RbacGraph.RuleSource source : graph.rulesOf(b.roleRef)) {
        // Non-resource URLs are granted only through ClusterRoleBindings.
        if (source.rule.isNonResource() && !b.isClusterWide()) continue;
        for (RbacSubject s : b.subjects) grants.computeIfAbsent(s, k -> new ArrayList<>()).add(new Grant(b.namespace,
            source.rule));
      }
    }
  }

  public Set<RbacSubject> subjects() {
    return grants.keySet();
  }

  /** The atoms granted to a subject, in grant order. */
  public Set<Atom> atoms(RbacSubject subject) {
    Set<Atom> atoms = new LinkedHashSet<>();
    for (Grant g : grants.getOrDefault(subject, List.of())) {
      Rule r = g.rule;
      for (String verb : r.verbs()) {
        if (r.isNonResource()) {
          r.nonResourceURLs().forEach(url -> atoms.add(new Atom("", verb, "", "", "", url)));
          continue;
        }
        List<String> names = r.resourceNames().isEmpty() ? List.of("") : r.resourceNames();
        for (String group : r.apiGroups()) {
          for (String resource : r.resources()) {
            for (String name : names) atoms.add(new Atom(g.namespace, verb, group, resource, name, ""));
          }
        }
      }
    }
    return atoms;
  }

  /** True when a grant of the subject covers the atom: same or wider scope, and a rule matching it. */
  public boolean covers(RbacSubject subject, Atom atom) {
    for (Grant g : grants.getOrDefault(subject, List.of())) {
      if (!g.namespace.isEmpty() && !g.namespace.equals(atom.namespace)) continue;
      if (!atom.url.isEmpty()) {
        if (RuleMatching.allowsNonResource(g.rule, atom.verb, atom.url)) return true;
        continue;
      }
      if (grantedBy(g.rule, atom)) return true;
    }
    return false;
  }

  private static boolean grantedBy(Rule rule, Atom atom) {
    int slash = atom.resource.indexOf('/');
    String base = slash < 0 ? atom.resource : atom.resource.substring(0, slash);
    String sub = slash < 0 ? "" : atom.resource.substring(slash + 1);
    return RuleMatching.allowsResource(rule, atom.verb, atom.group, base, sub, atom.name);
  }
}
