package dev.shipshape.security.fidelity;

import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random RBAC objects and queries from a seed, over a small vocabulary so that rules and requests meet often:
 * wildcards, resourceNames, subresources ({@code pods/log}, {@code *}/{@code scale}), non-resource URLs with
 * {@code *} suffixes, aggregated ClusterRoles (matchLabels and matchExpressions), RoleBindings to ClusterRoles,
 * ServiceAccount subjects with and without a namespace, and {@code system:} groups.
 */
final class GeneratedRbac {
  static final String LABEL = "fidelity.shipshape.dev/generated";
  static final List<String> NAMESPACES = List.of("fid-a", "fid-b");
  private static final String[] VERBS = {"get", "list", "watch", "create", "update", "patch", "delete",
      "deletecollection", "impersonate", "bind", "escalate", "use"};
  private static final String[] GROUPS = {"", "apps", "batch", "rbac.authorization.k8s.io", "example.com"};
  private static final String[] RESOURCES = {"pods", "pods/log", "pods/exec", "deployments", "deployments/scale",
      "configmaps", "secrets", "serviceaccounts", "serviceaccounts/token", "jobs", "widgets", "roles"};
  private static final String[] RULE_RESOURCES = {"*/log", "*/scale", "pods/*"};
  private static final String[] NAMES = {"a", "b", "web"};
  private static final String[] URLS = {"/healthz", "/metrics", "/api", "/apis/apps", "/logs/x", "/custom/a/b",
      "/version", "/openapi/v2", "/livez"};
  private static final String[] RULE_URLS = {"/logs/*", "/custom*", "/apis/*", "*", "/healthz", "/metrics"};
  private static final String[] USERS = {"alice", "bob", "carol"};
  private static final String[] USER_GROUPS = {"dev", "ops"};

  private final Random random;
  private final String prefix;

  GeneratedRbac(long seed, String prefix) {
    this.random = new Random(seed);
    this.prefix = prefix;
  }

  /** Roles, ClusterRoles (two of them aggregated), and bindings of all four kinds of subject. */
  List<HasMetadata> objects() {
    List<HasMetadata> out = new ArrayList<>();
    for (String ns : NAMESPACES) {
      for (int i = 0; i < 3; i++) {
        out.add(new RoleBuilder().withNewMetadata().withName(prefix + "role-" + i).withNamespace(ns)
            .addToLabels(LABEL, "true").endMetadata().withRules(rules(false)).build());
      }
    }
    // Named create and deletecollection, which a request carrying one of the names may do (and one without may not).
    out.add(new RoleBuilder().withNewMetadata().withName(prefix + "named-maker").withNamespace("fid-a")
        .addToLabels(LABEL, "true").endMetadata().addNewRule().withApiGroups("").withResources("configmaps",
            "serviceaccounts/token").withVerbs("create", "deletecollection").withResourceNames("a").endRule().build());
    out.add(new RoleBindingBuilder().withNewMetadata().withName(prefix + "named-maker").withNamespace("fid-a")
        .addToLabels(LABEL, "true").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role").withName(prefix + "named-maker").endRoleRef().addNewSubject().withKind("User")
        .withApiGroup("rbac.authorization.k8s.io").withName("alice").endSubject().build());
    for (int i = 0; i < 6; i++) {
      out.add(new ClusterRoleBuilder().withNewMetadata().withName(prefix + "cr-" + i).addToLabels(LABEL, "true")
          .addToLabels(prefix + "agg", i % 2 == 0 ? "x" : "y").endMetadata().withRules(rules(true)).build());
    }
    out.add(new ClusterRoleBuilder().withNewMetadata().withName(prefix + "agg-x").addToLabels(LABEL, "true")
        .endMetadata().withNewAggregationRule().addToClusterRoleSelectors(new LabelSelectorBuilder()
            .addToMatchLabels(prefix + "agg", "x").build()).endAggregationRule().build());
    out.add(new ClusterRoleBuilder().withNewMetadata().withName(prefix + "agg-any").addToLabels(LABEL, "true")
        .endMetadata().withNewAggregationRule().addToClusterRoleSelectors(new LabelSelectorBuilder()
            .addNewMatchExpression().withKey(prefix + "agg").withOperator("In").withValues("x", "y")
            .endMatchExpression().build()).endAggregationRule().build());
    List<String> clusterRoles = new ArrayList<>(List.of(prefix + "agg-x", prefix + "agg-any", "view", "edit"));
    for (int i = 0; i < 6; i++) clusterRoles.add(prefix + "cr-" + i);
    for (String ns : NAMESPACES) {
      for (int i = 0; i < 4; i++) {
        boolean toClusterRole = i >= 3 || random.nextBoolean();
        String role = toClusterRole ? pick(clusterRoles) : prefix + "role-" + random.nextInt(3);
        out.add(new RoleBindingBuilder().withNewMetadata().withName(prefix + "rb-" + i).withNamespace(ns)
            .addToLabels(LABEL, "true").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
            .withKind(toClusterRole ? "ClusterRole" : "Role").withName(role).endRoleRef()
            .withSubjects(subjects(true)).build());
      }
    }
    for (int i = 0; i < 4; i++) {
      out.add(new ClusterRoleBindingBuilder().withNewMetadata().withName(prefix + "crb-" + i)
          .addToLabels(LABEL, "true").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
          .withKind("ClusterRole").withName(pick(clusterRoles.subList(0, 2 + i))).endRoleRef()
          .withSubjects(subjects(false)).build());
    }
    return out;
  }

  private List<PolicyRule> rules(boolean cluster) {
    List<PolicyRule> rules = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      PolicyRuleBuilder rule = new PolicyRuleBuilder().withVerbs(some(VERBS, 3, 0.1));
      if (cluster && random.nextDouble() < 0.25) {
        rules.add(rule.withNonResourceURLs(some(RULE_URLS, 2, 0)).build());
        continue;
      }
      List<String> resources = some(RESOURCES, 3, 0.1);
      if (random.nextDouble() < 0.2) resources.add(RULE_RESOURCES[random.nextInt(RULE_RESOURCES.length)]);
      rule.withApiGroups(some(GROUPS, 2, 0.1)).withResources(resources);
      if (random.nextDouble() < 0.3) rule.withResourceNames(some(NAMES, 2, 0));
      rules.add(rule.build());
    }
    return rules;
  }

  private List<Subject> subjects(boolean namespaced) {
    List<Subject> subjects = new ArrayList<>();
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(6);
      String rbac = "rbac.authorization.k8s.io";
      if (kind == 0) {
        subjects.add(new SubjectBuilder().withKind("User").withApiGroup(rbac).withName(pick(USERS)).build());
      } else if (kind == 1) {
        subjects.add(new SubjectBuilder().withKind("Group").withApiGroup(rbac).withName(pick(USER_GROUPS)).build());
      } else if (kind == 2) {
        String group = pick(List.of("system:serviceaccounts", "system:serviceaccounts:fid-a", "system:authenticated"));
        subjects.add(new SubjectBuilder().withKind("Group").withApiGroup(rbac).withName(group).build());
      } else {
        SubjectBuilder sa = new SubjectBuilder().withKind("ServiceAccount").withName(pick(List.of("builder", "runner")));
        // In a RoleBinding, a ServiceAccount without a namespace is one of the binding's namespace.
        if (!namespaced || random.nextBoolean()) sa.withNamespace(pick(NAMESPACES));
        subjects.add(sa.build());
      }
    }
    return subjects;
  }

  /** Users in groups, ServiceAccounts, members of a group alone, and a member of system:masters. */
  List<Requester> requesters() {
    List<Requester> out = new ArrayList<>();
    out.add(Requester.user("alice"));
    out.add(Requester.user("bob", "dev"));
    out.add(Requester.user("carol", "ops", "dev"));
    out.add(Requester.user("dave", "dev"));
    out.add(Requester.user("erin", "system:serviceaccounts:fid-a"));
    for (String ns : NAMESPACES) {
      out.add(Requester.serviceAccount(ns, "builder"));
      out.add(Requester.serviceAccount(ns, "runner"));
    }
    out.add(Requester.user("", "ops"));
    out.add(Requester.anonymous());
    out.add(Requester.user("root", "system:masters"));
    return out;
  }

  /** Named and unnamed create and deletecollection requests on what the named-maker Role lists. */
  static List<AccessRequest> namedCollectionRequests() {
    List<AccessRequest> out = new ArrayList<>();
    for (String verb : List.of("create", "deletecollection")) {
      for (String resource : List.of("configmaps", "serviceaccounts/token")) {
        for (String name : new String[] {"a", "b", null}) out.add(AccessRequest.parse(verb, resource, "fid-a", name));
      }
    }
    return out;
  }

  /** A random request: a resource in a namespace or cluster-wide, with or without a name, or a URL. */
  AccessRequest request() {
    String verb = VERBS[random.nextInt(VERBS.length)];
    if (random.nextDouble() < 0.15) {
      String url = random.nextDouble() < 0.8 ? pick(List.of(URLS)) : "/custom" + pick(List.of("", "x", "/y/z"));
      return AccessRequest.builder().verb(verb).nonResourceURL(url).build();
    }
    String[] resource = RESOURCES[random.nextInt(RESOURCES.length)].split("/");
    AccessRequest.Builder b = AccessRequest.builder().verb(verb).apiGroup(GROUPS[random.nextInt(GROUPS.length)])
        .resource(resource[0]).subresource(resource.length > 1 ? resource[1] : "");
    double where = random.nextDouble();
    if (where < 0.8) b.namespace(where < 0.7 ? pick(NAMESPACES) : "fid-other");
    if (random.nextDouble() < 0.4) b.name(NAMES[random.nextInt(NAMES.length)]);
    return b.build();
  }

  private List<String> some(String[] vocabulary, int max, double wildcard) {
    if (random.nextDouble() < wildcard) return new ArrayList<>(List.of("*"));
    LinkedHashSet<String> picked = new LinkedHashSet<>();
    int n = 1 + random.nextInt(max);
    for (int i = 0; i < n; i++) picked.add(vocabulary[random.nextInt(vocabulary.length)]);
    return new ArrayList<>(picked);
  }

  private <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  private String pick(String[] from) {
    return from[random.nextInt(from.length)];
  }

  static Map<String, String> label() {
    return Map.of(LABEL, "true");
  }
}
