package dev.shipshape.security.auditlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A rule reported as never applying must really be matched first: whenever the later rule matches a request, the
 * covering rule does too; and a policy's decision is the first matching rule's level.
 */
class RuleCoverageProperties {

  @Property(tries = 3000)
  void aCoveringRuleMatchesEveryRequestTheCoveredOneMatches(@ForAll("rules") AuditPolicyRule wide,
      @ForAll("rules") AuditPolicyRule narrow, @ForAll("requesters") Requester who,
      @ForAll("requests") AccessRequest what) {
    if (RuleCoverage.covers(wide, narrow) && narrow.matches(who, what)) {
      assertThat(wide.matches(who, what)).as(wide + " covers " + narrow + " but not " + what).isTrue();
    }
  }

  @Property(tries = 300)
  void aRuleCoversItself(@ForAll("rules") AuditPolicyRule rule) {
    assertThat(RuleCoverage.covers(rule, rule)).isTrue();
  }

  @Provide
  Arbitrary<AuditPolicyRule> rules() {
    Arbitrary<List<String>> users = Arbitraries.of("alice", "bob").list().ofMaxSize(2);
    Arbitrary<List<String>> groups = Arbitraries.of("dev", "ops", "system:authenticated").list().ofMaxSize(2);
    Arbitrary<List<String>> verbs = Arbitraries.of("get", "list", "create").list().ofMaxSize(2);
    Arbitrary<List<String>> namespaces = Arbitraries.of("", "shop", "team").list().ofMaxSize(2);
    Arbitrary<AuditResources> resources = Combinators.combine(Arbitraries.of("", "apps"),
        Arbitraries.of("pods", "pods/log", "pods/*", "*/status", "*", "deployments", "deployments/scale")
            .list().ofMaxSize(2),
        Arbitraries.of("web", "db").list().ofMaxSize(1))
        .as((g, r, n) -> AuditResources.of(g, r.toArray(String[]::new)).named(n.toArray(String[]::new)));
    Arbitrary<List<String>> urls = Arbitraries.of("/healthz", "/healthz*", "/api*", "/api", "*").list().ofMaxSize(2);
    Arbitrary<Integer> scope = Arbitraries.integers().between(0, 2);
    return Combinators.combine(users, groups, verbs, namespaces, resources.list().ofMaxSize(2), urls, scope)
        .as((u, g, v, ns, res, url, s) -> {
          AuditPolicyRule.Builder rule = AuditPolicyRule.at(AuditLevel.METADATA).users(u.toArray(String[]::new))
              .userGroups(g.toArray(String[]::new)).verbs(v.toArray(String[]::new));
          if (s == 1) rule.namespaces(ns.toArray(String[]::new)).resources(res.toArray(AuditResources[]::new));
          if (s == 2) rule.nonResourceURLs(url.toArray(String[]::new));
          return rule.build();
        });
  }

  @Provide
  Arbitrary<Requester> requesters() {
    return Combinators.combine(Arbitraries.of("alice", "bob", "carol"),
        Arbitraries.of("dev", "ops", "qa").list().ofMaxSize(2))
        .as((user, groups) -> Requester.user(user, groups.toArray(String[]::new)));
  }

  @Provide
  Arbitrary<AccessRequest> requests() {
    Arbitrary<AccessRequest> resources = Combinators.combine(Arbitraries.of("get", "list", "create", "delete"),
        Arbitraries.of("pods", "pods/log", "pods/status", "deployments.apps", "deployments.apps/scale",
            "deployments.apps/status", "nodes"),
        Arbitraries.of("", "shop", "team", "other"), Arbitraries.of("", "web", "db"))
        .as((verb, resource, ns, name) -> AccessRequest.parse(verb, resource, ns, name));
    Arbitrary<AccessRequest> urls = Combinators.combine(Arbitraries.of("get", "post"),
        Arbitraries.of("/healthz", "/healthz/etcd", "/api", "/apis/apps", "/version"))
        .as((verb, url) -> AccessRequest.parse(verb, url, null, null));
    return Arbitraries.oneOf(resources, urls);
  }
}
