package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditPolicyRule;
import dev.shipshape.security.auditlog.AuditResources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Gaps of a spec's AuditPolicy that only some requesters or some requests show: people of a group or a named user,
 * deletions of whole collections, debug containers and the kubelet's API; ConfigMaps logged with their data; and the
 * rules the findings suggest, which must close what they are suggested for.
 */
class AuditPolicyCoverageGapsTest {
  private static final String RULE = "audit-policy-coverage";
  private static final String POLICY = "Policy.audit.k8s.io ";
  private static final String SECRETS_FIX = " — log them at Metadata (a body would write their data to the log) in a"
      + " rule before rules[0], such as AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("
      + "\"secrets\")); AuditPolicy.recommended() does";

  private static ReadinessReport check(AuditPolicy policy) {
    return AuditPolicyCoverageTest.check(policy);
  }

  @Test
  void aNoneRuleForAGroupHidesItsPeople() {
    // The API server matches the authenticated user (not the one impersonated): system:masters hides every admin.
    AuditPolicy sre = AuditPolicy.builder().name("quiet-sre")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("oidc:sre").resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    String sreUser = " by some-user (groups oidc:sre, system:authenticated) is decided by rules[0] at None, so who ";
    assertThat(lines(check(sre), RULE)).containsExactly(
        "HIGH audit-policy-coverage " + POLICY + "quiet-sre rules[0]: does not log changes to Secrets by people in"
            + " group oidc:sre: 'create secrets in shop'" + sreUser + "changed or deleted a Secret cannot be traced"
            + SECRETS_FIX,
        "HIGH audit-policy-coverage " + POLICY + "quiet-sre rules[0]: does not log reads of Secrets by people in group"
            + " oidc:sre: 'get secrets some-name in shop'" + sreUser + "read which Secret cannot be traced"
            + SECRETS_FIX);
    AuditPolicy masters = AuditPolicy.builder().name("quiet-admins")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("system:masters"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(masters), RULE)).hasSize(6).allSatisfy(l -> assertThat(l).contains(" by people in group"
        + " system:masters: ").contains(" by some-user (groups system:masters, system:authenticated) is decided by"
        + " rules[0] at None"));
    AuditPolicy admin = AuditPolicy.builder().name("quiet-admin")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).users("kubernetes-admin").verbs("get"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(admin), RULE)).extracting(l -> l.substring(0, l.indexOf(" is decided"))).containsExactly(
        "HIGH audit-policy-coverage " + POLICY + "quiet-admin rules[0]: does not log exec, attach, port-forward and"
            + " proxy into pods and nodes, and debug containers by user kubernetes-admin: 'get pods/exec some-name in"
            + " shop' by kubernetes-admin (groups system:authenticated)",
        "HIGH audit-policy-coverage " + POLICY + "quiet-admin rules[0]: does not log reads of Secrets by user"
            + " kubernetes-admin: 'get secrets some-name in shop' by kubernetes-admin (groups system:authenticated)");
  }

  @Test
  void kubernetesOwnComponentsMayBeLeftOut() {
    // As kube-up's policy does: the kubelets' and the controller manager's routine requests are not logged.
    AuditPolicy components = AuditPolicy.builder().name("components")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("system:nodes").resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).users("system:kube-controller-manager"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(components), RULE)).isEmpty();
  }

  @Test
  void deletingCollectionsDebugContainersAndTheKubeletApiAreAsked() {
    AuditPolicy misc = AuditPolicy.builder().name("misc")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).verbs("deletecollection"))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("pods/ephemeralcontainers")))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("nodes/proxy")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(misc), RULE)).extracting(l -> l.substring(l.indexOf(" rules["), l.indexOf(" by ")))
        .containsExactly(" rules[0]: does not log changes to RBAC: 'deletecollection roles.rbac.authorization.k8s.io"
                + " in shop'",
            " rules[0]: does not log changes to Secrets: 'deletecollection secrets in shop'",
            " rules[1]: does not log exec, attach, port-forward and proxy into pods and nodes, and debug containers:"
                + " 'patch pods/ephemeralcontainers some-name in shop'",
            // A second rule that leaves the same concern's requests unlogged is reported at once, not after the fix.
            " rules[2]: does not log exec, attach, port-forward and proxy into pods and nodes, and debug containers:"
                + " 'get nodes/proxy some-name cluster-wide'",
            " rules[0]: does not log changes to Pods and Deployments: 'deletecollection pods in shop'");
    AuditPolicy kubelet = AuditPolicy.builder().name("kubelet")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("nodes/proxy")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(kubelet), RULE)).singleElement().asString().contains(": 'get nodes/proxy some-name"
        + " cluster-wide' by some-user (groups system:authenticated) is decided by rules[0] at None");
  }

  @Test
  void theSuggestedRulesCloseWhatTheyAreSuggestedFor() {
    AuditPolicy none = AuditPolicy.builder().name("none").rule(AuditPolicyRule.at(AuditLevel.NONE)).build();
    AuditPolicy noCatchAll = AuditPolicy.builder().name("no-catch-all")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz")).build();
    for (AuditPolicy policy : List.of(none, noCatchAll)) {
      List<Finding> found = findings(policy);
      List<AuditPolicyRule> suggested = new ArrayList<>();
      found.forEach(f -> suggested.addAll(SuggestedRules.parse(f.remediation().orElse(""))));
      assertThat(suggested).as(policy.name()).hasSizeGreaterThanOrEqualTo(5);
      suggested.add(AuditPolicyRule.at(AuditLevel.NONE).build());
      AuditPolicy fixed = AuditPolicy.builder().name("fixed").rules(suggested).build();
      assertThat(findings(fixed)).as(policy.name() + " fixed by " + suggested).isEmpty();
    }
  }

  @Test
  void configMapsWithTheirDataAreAGapOfCis322() {
    AuditPolicy bodies = AuditPolicy.builder().name("bodies")
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.core("configmaps")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(bodies), RULE)).containsExactly("LOW audit-policy-coverage " + POLICY + "bodies rules[1]:"
        + " logs ConfigMap data: 'create configmaps in shop' by some-user (groups system:authenticated) is decided by"
        + " rules[1] at RequestResponse, which writes its request body to the log; CIS 3.2.2 asks for Metadata only"
        + " on Secrets, ConfigMaps and TokenReviews, as ConfigMaps often carry credentials — log configmaps at"
        + " Metadata in a rule before rules[1], such as AuditPolicyRule.at(AuditLevel.METADATA).resources("
        + "AuditResources.core(\"configmaps\")); AuditPolicy.recommended() does");
    AuditPolicy writesOnly = AuditPolicy.builder().name("reads")
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("get", "list").resources(AuditResources.core("configmaps")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    // A read's request has no body; only its response, at RequestResponse, carries the data.
    assertThat(lines(check(writesOnly), RULE)).isEmpty();
  }

  private static List<Finding> findings(AuditPolicy policy) {
    Outcome out = new Outcome();
    AuditPolicyCoverage.check(policy, ResourceRef.clusterScoped("audit.k8s.io", "Policy", policy.name()),
        List.of("shop"), out);
    return out.report().findings();
  }

  /** Reads the rules a fix gives as Java ({@code AuditPolicyRule.at(...).verbs(...).resources(...)}) back. */
  private static final class SuggestedRules {
    private static final Pattern RULE = Pattern.compile("AuditPolicyRule\\.at\\(AuditLevel\\.(\\w+)\\)"
        + "((?:\\.(?:verbs|resources)\\((?:[^()]|\\([^()]*\\))*\\))+)");
    private static final Pattern CALL = Pattern.compile("\\.(verbs|resources)\\(((?:[^()]|\\([^()]*\\))*)\\)");
    private static final Pattern RESOURCES = Pattern.compile("AuditResources\\.(core|of)\\(([^()]*)\\)");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");

    static List<AuditPolicyRule> parse(String text) {
      List<AuditPolicyRule> rules = new ArrayList<>();
      Matcher rule = RULE.matcher(text);
      while (rule.find()) {
        AuditPolicyRule.Builder b = AuditPolicyRule.at(AuditLevel.valueOf(rule.group(1)));
        Matcher call = CALL.matcher(rule.group(2));
        while (call.find()) {
          if (call.group(1).equals("verbs")) {
            b.verbs(strings(call.group(2)).toArray(String[]::new));
            continue;
          }
          Matcher resources = RESOURCES.matcher(call.group(2));
          while (resources.find()) {
            List<String> args = strings(resources.group(2));
            b.resources(resources.group(1).equals("core") ? AuditResources.core(args.toArray(String[]::new))
                : AuditResources.of(args.get(0), args.subList(1, args.size()).toArray(String[]::new)));
          }
        }
        rules.add(b.build());
      }
      return rules;
    }

    private static List<String> strings(String args) {
      return STRING.matcher(args).results().map(m -> m.group(1)).collect(Collectors.toList());
    }
  }
}
