package dev.shipshape.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditPolicyRule;
import dev.shipshape.security.auditlog.AuditResources;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the audit policy coverage: a logging catch-all closes every gap, a None rule first opens one. */
class AuditPolicyCoverageProperties {
  private static final ResourceRef REF = ResourceRef.clusterScoped("audit.k8s.io", "Policy", "generated");
  private static final List<AuditResources> RESOURCES = List.of(AuditResources.core("secrets"),
      AuditResources.core("pods/*"), AuditResources.of("rbac.authorization.k8s.io"),
      AuditResources.of("apps", "deployments"), AuditResources.core("serviceaccounts/token"));

  /** Up to five rules at Metadata or above, each with some of: users, verbs, resources, namespaces. */
  @Provide
  Arbitrary<List<AuditPolicyRule>> loggingRules() {
    return Combinators.combine(Arbitraries.of(AuditLevel.METADATA, AuditLevel.REQUEST, AuditLevel.REQUEST_RESPONSE),
        Arbitraries.of("get", "create", "delete", "watch").list().uniqueElements().ofMaxSize(2),
        Arbitraries.of(RESOURCES).list().uniqueElements().ofMaxSize(2),
        Arbitraries.of("shop", "kube-system", "").list().uniqueElements().ofMaxSize(1),
        Arbitraries.of("alice", "system:kube-controller-manager").list().uniqueElements().ofMaxSize(1))
        .as((level, verbs, resources, namespaces, users) -> AuditPolicyRule.at(level)
            .verbs(verbs.toArray(String[]::new)).resources(resources.toArray(AuditResources[]::new))
            .namespaces(namespaces.toArray(String[]::new)).users(users.toArray(String[]::new)).build())
        .list().ofMaxSize(5);
  }

  private static List<Finding> gaps(List<AuditPolicyRule> rules) {
    Outcome out = new Outcome();
    AuditPolicyCoverage.check(AuditPolicy.builder().name("generated").rules(rules).build(), REF, List.of("shop"),
        AuditLogCheck.RULE, out);
    return out.report().findings();
  }

  @Property
  void aLoggingCatchAllLeavesNoGap(@ForAll("loggingRules") List<AuditPolicyRule> rules) {
    List<AuditPolicyRule> all = new ArrayList<>(rules);
    all.add(AuditPolicyRule.at(AuditLevel.METADATA).build());
    assertThat(gaps(all)).isEmpty();
  }

  @Property
  void aNoneRuleForSecretsFirstHidesTheirReads(@ForAll("loggingRules") List<AuditPolicyRule> rules) {
    List<AuditPolicyRule> all = new ArrayList<>(rules);
    all.add(0, AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("secrets")).build());
    all.add(AuditPolicyRule.at(AuditLevel.METADATA).build());
    assertThat(gaps(all).stream().map(Finding::toString).collect(Collectors.toList()))
        .anyMatch(f -> f.startsWith("HIGH audit-logging Policy.audit.k8s.io generated rules[0]: does not log reads"
            + " of Secrets: 'get secrets some-name in shop' by some-user (groups system:authenticated) is decided"
            + " by rules[0] at None"));
  }
}
