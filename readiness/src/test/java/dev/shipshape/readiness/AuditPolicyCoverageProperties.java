package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditPolicyRule;
import dev.shipshape.security.auditlog.AuditResources;
import dev.shipshape.security.auditlog.AuditStage;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The coverage check reports a gap exactly when some request an incident is traced by, sent by a person or a
 * workload's ServiceAccount in any namespace, is left unlogged by {@link AuditPolicy#decide}: checked against a
 * brute-force enumeration of such requests over every combination of the generated users, groups and namespaces.
 */
class AuditPolicyCoverageProperties {
  private static final ResourceRef REF = ResourceRef.clusterScoped("audit.k8s.io", "Policy", "generated");
  private static final List<AuditResources> RESOURCES = List.of(AuditResources.core("secrets"),
      AuditResources.core("pods/*"), AuditResources.of("rbac.authorization.k8s.io"),
      AuditResources.of("apps", "deployments"), AuditResources.core("serviceaccounts/token"),
      AuditResources.core("pods/ephemeralcontainers", "nodes/proxy"), AuditResources.core("configmaps"));
  private static final List<String> PEOPLE = List.of("some-user", "alice", "kubernetes-admin");
  private static final List<String> PEOPLE_GROUPS = List.of("oidc:sre", "system:masters");
  private static final List<String> NAMESPACES = List.of("shop", "default", "kube-system", "prod");
  private static final List<String> CHANGES = List.of("create", "update", "patch", "delete", "deletecollection");

  /** Rules at any level, each with some of: users, groups, verbs, resources, namespaces, omitted stages. */
  @Provide
  Arbitrary<AuditPolicy> policies() {
    Arbitrary<AuditPolicyRule> rule = Combinators.combine(Arbitraries.of(AuditLevel.values()),
        Arbitraries.of("alice", "kubernetes-admin", "system:kube-controller-manager").list().ofMaxSize(1),
        Arbitraries.of("oidc:sre", "system:masters", "system:serviceaccounts", "system:nodes").list().ofMaxSize(1),
        Arbitraries.of("get", "create", "patch", "delete", "deletecollection", "watch").list().uniqueElements()
            .ofMaxSize(2),
        Arbitraries.of(RESOURCES).list().uniqueElements().ofMaxSize(2),
        Arbitraries.of("shop", "kube-system", "prod", "").list().ofMaxSize(1),
        Arbitraries.of(AuditStage.values()).list().uniqueElements().ofMaxSize(3))
        .as((level, users, groups, verbs, resources, namespaces, stages) -> AuditPolicyRule.at(level)
            .users(users.toArray(String[]::new)).userGroups(groups.toArray(String[]::new))
            .verbs(verbs.toArray(String[]::new)).resources(resources.toArray(AuditResources[]::new))
            .namespaces(namespaces.toArray(String[]::new)).omitStages(stages.toArray(AuditStage[]::new)).build());
    Arbitrary<Optional<AuditPolicyRule>> catchAll = Arbitraries.of(AuditStage.values()).list().uniqueElements()
        .ofMaxSize(2).map(s -> AuditPolicyRule.at(AuditLevel.METADATA).omitStages(s.toArray(AuditStage[]::new))
            .build()).optional(0.8);
    return Combinators.combine(rule.list().ofMaxSize(5), catchAll,
        Arbitraries.of(AuditStage.values()).list().uniqueElements().ofMaxSize(2))
        .as((rules, last, stages) -> {
          List<AuditPolicyRule> all = new ArrayList<>(rules);
          last.ifPresent(all::add);
          return AuditPolicy.builder().name("generated").rules(all).omitStages(stages.toArray(AuditStage[]::new))
              .build();
        });
  }

  @Property(tries = 500)
  void aGapIsReportedExactlyWhenSomeTracedRequestIsUnlogged(@ForAll("policies") AuditPolicy policy) {
    Optional<String> unlogged = bruteForce(policy);
    Statistics.label("a traced request is unlogged").collect(unlogged.isPresent());
    List<String> gaps = gaps(policy).stream().map(Finding::toString)
        .filter(f -> !f.contains(": logs ConfigMap data: ")).collect(Collectors.toList());
    assertThat(!gaps.isEmpty()).as("gaps %s, unlogged %s, policy:%n%s", gaps, unlogged,
        policy.rules()).isEqualTo(unlogged.isPresent());
  }

  @Property(tries = 200)
  void aNoneRuleForSecretsFirstHidesTheirReads(@ForAll("policies") AuditPolicy policy) {
    List<AuditPolicyRule> all = new ArrayList<>(policy.rules());
    all.add(0, AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("secrets")).build());
    List<String> gaps = gaps(AuditPolicy.builder().from(policy).rules(all).build()).stream().map(Finding::toString)
        .collect(Collectors.toList());
    assertThat(gaps).anyMatch(f -> f.startsWith("HIGH audit-policy-coverage Policy.audit.k8s.io generated rules[0]:"
        + " does not log reads of Secrets: 'get secrets some-name in shop' by some-user (groups"
        + " system:authenticated) is decided by rules[0] at None"));
  }

  private static List<Finding> gaps(AuditPolicy policy) {
    Outcome out = new Outcome();
    AuditPolicyCoverage.check(policy, REF, List.of("shop"), out);
    return out.report().findings();
  }

  /** The first traced request that no event of the log shows, over every requester, namespace and request. */
  private static Optional<String> bruteForce(AuditPolicy policy) {
    for (String namespace : NAMESPACES) {
      for (Requester who : requesters(namespace)) {
        for (AccessRequest what : traced(namespace)) {
          if (!policy.decide(who, what).logged()) return Optional.of("'" + what + "' by " + who);
        }
      }
    }
    return Optional.empty();
  }

  /** Every person in every combination of the people's groups, and a ServiceAccount of the namespace. */
  private static List<Requester> requesters(String namespace) {
    List<Requester> all = new ArrayList<>();
    for (String user : PEOPLE) {
      all.add(Requester.user(user));
      all.add(Requester.user(user, PEOPLE_GROUPS.get(0)));
      all.add(Requester.user(user, PEOPLE_GROUPS.get(1)));
      all.add(Requester.user(user, PEOPLE_GROUPS.toArray(String[]::new)));
    }
    all.add(Requester.serviceAccount(namespace, "some-app"));
    return all;
  }

  /** The requests of CIS 3.2.2's concerns: Secrets, RBAC, exec and its kin, tokens, Pods and Deployments. */
  private static List<AccessRequest> traced(String namespace) {
    List<AccessRequest> all = new ArrayList<>();
    for (String verb : List.of("get", "list", "watch")) all.add(request(verb, "", "secrets", "", namespace));
    all.add(request("list", "", "secrets", "", null));
    all.add(request("watch", "", "secrets", "", null));
    for (String verb : CHANGES) {
      all.add(request(verb, "", "secrets", "", namespace));
      all.add(request(verb, "", "pods", "", namespace));
      all.add(request(verb, "apps", "deployments", "", namespace));
      for (String resource : List.of("roles", "rolebindings")) {
        all.add(request(verb, "rbac.authorization.k8s.io", resource, "", namespace));
      }
      for (String resource : List.of("clusterroles", "clusterrolebindings")) {
        all.add(request(verb, "rbac.authorization.k8s.io", resource, "", null));
      }
    }
    for (String subresource : List.of("exec", "attach", "portforward")) {
      all.add(request("get", "", "pods", subresource, namespace));
      all.add(request("create", "", "pods", subresource, namespace));
    }
    all.add(request("get", "", "pods", "proxy", namespace));
    all.add(request("get", "", "services", "proxy", namespace));
    all.add(request("patch", "", "pods", "ephemeralcontainers", namespace));
    all.add(request("update", "", "pods", "ephemeralcontainers", namespace));
    all.add(request("get", "", "nodes", "proxy", null));
    all.add(request("create", "", "nodes", "proxy", null));
    all.add(request("create", "", "serviceaccounts", "token", namespace));
    return all;
  }

  private static AccessRequest request(String verb, String group, String resource, String subresource,
      String namespace) {
    AccessRequest.Builder b = AccessRequest.builder().verb(verb).apiGroup(group).resource(resource)
        .subresource(subresource).namespace(Optional.ofNullable(namespace));
    boolean collection = subresource.isEmpty() && List.of("list", "watch", "create", "deletecollection").contains(verb);
    if (!collection) b.name("some-name");
    return b.build();
  }
}
