package dev.shipshape.readiness;

import static dev.shipshape.readiness.Fixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditPolicyRule;
import dev.shipshape.security.auditlog.AuditResources;
import dev.shipshape.security.auditlog.AuditStage;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What a spec's AuditPolicy leaves unlogged among the requests an incident is traced by, and its warnings, in the
 * readiness report.
 */
class AuditPolicyCoverageTest {
  private static final String RULE = "audit-policy-coverage";
  private static final String POLICY = "Policy.audit.k8s.io ";
  /** The rule and the policy's kind, before its name. */
  private static final String AT = RULE + " " + POLICY;
  private static final String EXEC_RULE = "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("
      + "\"pods/exec\", \"pods/attach\", \"pods/portforward\", \"pods/proxy\", \"services/proxy\","
      + " \"pods/ephemeralcontainers\", \"nodes/proxy\"))";
  private static final String EXEC = "exec, attach, port-forward and proxy into pods and nodes, and debug containers";
  private static final String WORKLOADS_RULE = "AuditPolicyRule.at(AuditLevel.REQUEST).verbs(\"create\", \"update\","
      + " \"patch\", \"delete\", \"deletecollection\").resources(AuditResources.core(\"pods\"), AuditResources.of("
      + "\"apps\", \"deployments\"))";
  private static final String TOKENS_RULE = "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("
      + "\"serviceaccounts/token\"))";
  private static final String SECRETS_RULE = "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources"
      + ".core(\"secrets\"))";
  private static final String CATCH_ALL = ", or end the rules with a catch-all such as"
      + " AuditPolicyRule.at(AuditLevel.METADATA)";

  static ReadinessReport check(AuditPolicy policy) {
    return Fixtures.check(Fixtures.withoutAuditPolicy().component(policy).build());
  }

  @Test
  void aPolicyThatDropsReadsHidesSecretReadsAndExecOverWebSockets() {
    // A common way to cut the log's volume: no reads. kubectl exec over WebSockets is a read (verb get) too.
    AuditPolicy quiet = AuditPolicy.builder().name("quiet-reads")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).verbs("get", "list", "watch"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    ReadinessReport report = check(quiet);
    String fix = " in a rule before rules[0], such as ";
    assertThat(lines(report, RULE)).containsExactly(
        "HIGH " + AT + "quiet-reads rules[0]: does not log " + EXEC
            + ": 'get pods/exec some-name in shop' by some-user (groups system:authenticated) is decided by"
            + " rules[0] at None, so who ran which command in a pod cannot be traced — log them at Metadata or above"
            + fix + EXEC_RULE + "; AuditPolicy.recommended() does",
        "HIGH " + AT + "quiet-reads rules[0]: does not log reads of Secrets: 'get secrets some-name"
            + " in shop' by some-user (groups system:authenticated) is decided by rules[0] at None, so who read which"
            + " Secret cannot be traced — log them at Metadata (a body would write their data to the log)" + fix
            + SECRETS_RULE + "; AuditPolicy.recommended() does");
    // The policy is there and loads (audit-logging's check); what it logs is the other check, with two gaps.
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 0/100 fail (0 of 2 checks passed; worst"
        + " high)");
    assertThat(report.failed()).isTrue();
  }

  @Test
  void aPolicyWithoutACatchAllListsWhatItLeavesUnloggedInOneFinding() {
    AuditPolicy partial = AuditPolicy.builder().name("partial")
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.of("rbac.authorization.k8s.io")))
        .build();
    String some = "' by some-user (groups system:authenticated))";
    // One fix (a catch-all) closes all three, and the policy's own warning that other requests match no rule.
    assertThat(lines(check(partial), RULE)).containsExactly("HIGH " + AT + "partial rules:"
        + " does not log " + EXEC + " ('create pods/exec some-name in shop" + some + "; tokens issued for"
        + " ServiceAccounts ('create serviceaccounts/token some-name in shop" + some + "; changes to Pods and"
        + " Deployments ('create pods in shop" + some + ": these requests match no rule, so who ran which command in a"
        + " pod, who obtained a ServiceAccount's token and who started or changed which workload cannot be traced —"
        + " end the rules with a catch-all such as AuditPolicyRule.at(AuditLevel.METADATA), or log them in rules such"
        + " as " + EXEC_RULE + ", " + TOKENS_RULE + ", " + WORKLOADS_RULE + " (Secrets and tokens at Metadata: a body"
        + " would write their data to the log)");
    AuditPolicy concernsOnly = AuditPolicy.builder().from(partial).name("concerns-only")
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("pods/*", "serviceaccounts/token",
            "services/proxy", "nodes/proxy"), AuditResources.of("apps", "deployments")))
        .build();
    assertThat(lines(check(concernsOnly), RULE)).containsExactly("LOW " + AT
        + "concerns-only rules: requests such as 'get widgets.example.com some-name in some-namespace by some-user"
        + " (groups system:authenticated)' match no rule, so the API server does not log them — end the rules with a"
        + " catch-all rule, such as AuditPolicyRule.at(AuditLevel.METADATA)");
  }

  @Test
  void aPolicyThatOmitsEveryStageARequestIsWrittenAtLogsNothing() {
    AuditPolicy stages = AuditPolicy.builder().name("no-stages")
        .omitStages(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE)
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    List<String> found = lines(check(stages), RULE);
    assertThat(found).contains("HIGH " + AT + "no-stages omitStages: does not log reads of"
        + " Secrets: rules[0] decides 'get secrets some-name in shop' by some-user (groups system:authenticated) at"
        + " Metadata, but every stage it is written at (RequestReceived, ResponseComplete) is omitted, so who read"
        + " which Secret cannot be traced — keep ResponseComplete: remove it from omitStages");
    // Exec and the kubelet's proxy are long-running: their ResponseStarted event is still written; debug containers
    // are not, so that concern's evidence is them.
    assertThat(found).extracting(l -> l.substring(0, l.indexOf(" cannot be traced"))).filteredOn(l -> l.contains(
        EXEC)).singleElement().asString().contains("'patch pods/ephemeralcontainers some-name in shop'");
    assertThat(found).hasSize(6);
    // One cause, one finding: the policy's omitStages, whichever of its rules decides the requests.
    AuditPolicy perVerb = AuditPolicy.builder().name("per-verb")
        .omitStages(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE)
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).verbs("get"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).verbs("list", "watch"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(perVerb), RULE)).hasSize(6).allSatisfy(l -> assertThat(l).contains("per-verb omitStages: ")
        .endsWith("remove it from omitStages"));
    AuditPolicy ruleStages = AuditPolicy.builder().name("rule-stages")
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.of("rbac.authorization.k8s.io"))
            .omitStages(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(ruleStages), RULE)).containsExactly("HIGH " + AT + "rule-stages"
        + " rules[0].omitStages: does not log changes to RBAC: rules[0] decides 'create roles.rbac.authorization.k8s.io"
        + " in shop' by some-user (groups system:authenticated) at Metadata, but every stage it is written at"
        + " (RequestReceived, ResponseComplete) is omitted, so who granted which permission cannot be traced — keep"
        + " ResponseComplete: remove it from rules[0].omitStages");
    // Omitted by both the policy and the rule: the fix names both fields, else removing one changes nothing.
    AuditPolicy both = AuditPolicy.builder().from(ruleStages).name("both").omitStages(AuditStage.RESPONSE_COMPLETE)
        .build();
    assertThat(lines(check(both), RULE)).containsExactly("HIGH " + AT + "both omitStages:"
        + " does not log changes to RBAC: rules[0] decides 'create roles.rbac.authorization.k8s.io in shop' by"
        + " some-user (groups system:authenticated) at Metadata, but every stage it is written at (RequestReceived,"
        + " ResponseComplete) is omitted, so who granted which permission cannot be traced — keep ResponseComplete:"
        + " remove it from omitStages and rules[0].omitStages");
  }

  @Test
  void requestsOfServiceAccountsAndInKubeSystemAreAskedToo() {
    AuditPolicy quietAccounts = AuditPolicy.builder().name("quiet-accounts")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("system:serviceaccounts")
            .resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(quietAccounts), RULE)).extracting(l -> l.substring(0, l.indexOf(", so who")))
        .containsExactly("HIGH " + AT + "quiet-accounts rules[0]: does not log changes to Secrets:"
            + " 'create secrets in shop' by system:serviceaccount:shop:some-app (groups system:serviceaccounts,"
            + " system:serviceaccounts:shop, system:authenticated) is decided by rules[0] at None",
            "HIGH " + AT + "quiet-accounts rules[0]: does not log reads of Secrets: 'get secrets"
            + " some-name in shop' by system:serviceaccount:shop:some-app (groups system:serviceaccounts,"
            + " system:serviceaccounts:shop, system:authenticated) is decided by rules[0] at None");
    AuditPolicy quietSystem = AuditPolicy.builder().name("quiet-system")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).namespaces("kube-system"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(lines(check(quietSystem), RULE)).extracting(l -> l.substring(l.indexOf(": ") + 2, l.indexOf(" by ")))
        .containsExactly("does not log changes to RBAC: 'create roles.rbac.authorization.k8s.io in kube-system'",
            "does not log changes to Secrets: 'create secrets in kube-system'",
            "does not log " + EXEC + ": 'create pods/exec some-name in kube-system'",
            "does not log reads of Secrets: 'get secrets some-name in kube-system'",
            "does not log tokens issued for ServiceAccounts: 'create serviceaccounts/token some-name in"
                + " kube-system'",
            "does not log changes to Pods and Deployments: 'create pods in kube-system'");
  }

  @Test
  void warningsAboutOneRuleAreInfoAndLeaveThePitfallPassing() {
    AuditPolicy typos = AuditPolicy.builder().name("typos")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("Secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).verbs("GET"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("apps")))
        .build();
    ReadinessReport report = check(typos);
    assertThat(lines(report, RULE)).containsExactly(
        "INFO " + AT + "typos rules[0].resources[0].resources[0]: 'Secrets' has capital letters, so"
            + " it matches nothing: requests name resources in lower-case plural — write the resource in lower-case"
            + " plural, as 'kubectl api-resources' lists it (pods, ingresses, networkpolicies)",
        "INFO " + AT + "typos rules[1].verbs[0]: 'GET' is no request verb, so it matches nothing"
            + " — use get",
        "INFO " + AT + "typos rules[3]: never applies: rules[2] matches every request it matches"
            + " first — move it before rules[2], or remove it");
    assertThat(report.score(Pitfall.AUDIT_LOGS)).hasToString("audit-logs 100/100 pass (2 of 2 checks passed; worst"
        + " info)");
  }

  @Test
  void theTextAndJsonShowTheGapUnderItsPitfall() throws Exception {
    AuditPolicy quiet = AuditPolicy.builder().name("quiet-secrets")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    ReadinessReport report = check(quiet);
    assertThat(report.toText()).contains("audit-logs        0  fail        2     2  high\n")
        .contains("\naudit-logs — " + Pitfall.AUDIT_LOGS.title() + ":\n  HIGH audit-policy-coverage " + POLICY
            + "quiet-secrets rules[0]: does not log changes to Secrets: 'create secrets in shop' by some-user");
    assertThat(report.findings().findings(RULE)).allSatisfy(f -> assertThat(f.equivalents())
        .containsExactly("cis:3.2.2"));
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    List<JsonNode> mine = StreamSupport.stream(json.path("findings").spliterator(), false)
        .filter(f -> f.path("ruleId").asText().equals(RULE)).collect(Collectors.toList());
    assertThat(mine).extracting(f -> f.path("pitfall").asText() + " " + f.path("severity").asText() + " "
        + f.path("field").asText() + " " + f.path("message").asText().replaceFirst(" by .*", ""))
        .containsExactly("audit-logs high rules[0] does not log changes to Secrets: 'create secrets in shop'",
            "audit-logs high rules[0] does not log reads of Secrets: 'get secrets some-name in shop'");
    JsonNode pitfall = StreamSupport.stream(json.path("pitfalls").spliterator(), false)
        .filter(p -> p.path("id").asText().equals("audit-logs")).findFirst().orElseThrow();
    assertThat(pitfall.path("status").asText()).isEqualTo("fail");
  }
}
