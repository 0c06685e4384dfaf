package dev.shipshape.security.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuditPolicyChecksTest {
  private static final AuditPolicyRule.Builder CATCH_ALL = AuditPolicyRule.at(AuditLevel.METADATA);

  private static List<String> problems(AuditPolicy policy) {
    return AuditPolicyChecks.check(policy).stream().map(Problem::toString).collect(Collectors.toList());
  }

  private static List<String> problems(AuditPolicyRule.Builder... rules) {
    AuditPolicy.Builder policy = AuditPolicy.builder();
    for (AuditPolicyRule.Builder rule : rules) policy.rule(rule);
    return problems(policy.build());
  }

  @Test
  void aPolicyWithoutRulesIsRefused() {
    assertThat(problems(AuditPolicy.builder().build())).containsExactly("ERROR rules: is empty: the API server"
        + " refuses a policy without rules and does not start — add rules, ending with a catch-all such as"
        + " AuditPolicyRule.at(AuditLevel.METADATA), or start from AuditPolicy.recommended()");
  }

  @Test
  void nonResourceUrlsStartWithASlashAndEndWithTheirOnlyStar() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("healthz", "/api/*/x", "*", ""),
        CATCH_ALL)).containsExactly(
        "ERROR rules[0].nonResourceURLs[0]: 'healthz' does not begin with '/', which the API server refuses —"
            + " write the path from its root, such as /healthz",
        "ERROR rules[0].nonResourceURLs[1]: '/api/*/x' has a '*' before its end, which the API server refuses —"
            + " end a prefix with one '*', such as /api/*",
        "ERROR rules[0].nonResourceURLs[3]: '' does not begin with '/', which the API server refuses — write the"
            + " path from its root, such as /");
  }

  @Test
  void aRuleCannotMixUrlsWithResourcesOrNamespaces() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz").namespaces("kube-system"),
        CATCH_ALL)).containsExactly("ERROR rules[0].nonResourceURLs: a rule cannot apply to both resources or"
        + " namespaces and non-resource URLs, which the API server refuses — split it into a rule for resources and"
        + " one for URLs");
  }

  @Test
  void groupsAreDnsSubdomainsWithoutAVersion() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("apps/v1",
        "deployments")), CATCH_ALL)).singleElement().asString()
        .startsWith("ERROR rules[0].resources[0].group: 'apps/v1' is not a DNS subdomain, which the API server"
            + " refuses: ")
        .endsWith("— give the group without a version, such as apps or rbac.authorization.k8s.io (\"\" for the"
            + " core group)");
  }

  @Test
  void objectNamesNeedAResource() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("apps").named("web")),
        CATCH_ALL)).containsExactly("ERROR rules[0].resources[0].resourceNames: names objects [web] without a"
        + " resource, which the API server refuses — name their resources too, such as"
        + " AuditResources.core(\"configmaps\").named(...)");
  }

  @Test
  void namesThatMatchNothingAreWarnings() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("GET", "read")
            .resources(AuditResources.of("core", "pods"), AuditResources.core("Pod")),
        CATCH_ALL)).containsExactly(
        "WARNING rules[0].resources[0].group: 'core' matches nothing: the core group is written \"\" — write \"\""
            + " for pods, secrets and the other core resources",
        "WARNING rules[0].resources[1].resources[0]: 'Pod' has capital letters, so it matches nothing: requests"
            + " name resources in lower-case plural — write the resource in lower-case plural, as 'kubectl"
            + " api-resources' lists it (pods, ingresses, networkpolicies)",
        "WARNING rules[0].verbs[0]: 'GET' is no request verb, so it matches nothing — use get",
        "WARNING rules[0].verbs[1]: 'read' is no request verb, so it matches nothing — use get, list, watch,"
            + " create, update, patch, delete or deletecollection");
  }

  @Test
  void rulesThatLogSecretBodiesAreErrorsWithARequestThatShowsIt() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE))).containsExactly(
        "ERROR rules[0].level: RequestResponse writes Secret data or tokens to the audit log: 'get secrets"
            + " some-name in some-namespace by some-user (groups system:authenticated)' is logged with its bodies"
            + " by this rule — log secrets,"
            + " serviceaccounts/token and authentication.k8s.io tokenreviews at Metadata in a rule before it, or"
            + " set secretBodiesAcknowledged(true) if the log is protected as etcd is");
  }

  @Test
  void theWitnessAvoidsEveryEarlierRule() {
    List<String> found = problems(
        AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")).namespaces("shop"),
        AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")).userGroups("dev"),
        AuditPolicyRule.at(AuditLevel.REQUEST).userGroups("dev", "ops"),
        CATCH_ALL);
    assertThat(found).singleElement().asString().contains("rules[2].level: Request writes Secret data")
        .contains("'create secrets in some-namespace by some-user (groups ops, system:authenticated)'");
  }

  @Test
  void requestBodiesOfReadsCarryNoSecretButTokenReviewsDo() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")),
        AuditPolicyRule.at(AuditLevel.REQUEST).verbs("get", "list", "watch"),
        AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.core("serviceaccounts/token")),
        CATCH_ALL)).isEmpty();
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("authentication.k8s.io")),
        CATCH_ALL)).singleElement().asString().contains("'create tokenreviews.authentication.k8s.io cluster-wide by"
        + " some-user (groups system:authenticated)'");
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.core("*/token")),
        CATCH_ALL)).singleElement().asString().contains("'create serviceaccounts/token some-name in"
        + " some-namespace by some-user (groups system:authenticated)'");
  }

  @Test
  void aRuleThatOmitsTheResponseCompleteStageLogsNoBody() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.core("secrets"))
        .omitStages(AuditStage.RESPONSE_COMPLETE), CATCH_ALL)).isEmpty();
    assertThat(problems(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).verbs("proxy"), CATCH_ALL))
        .as("proxy is a request verb").noneMatch(p -> p.contains("no request verb"));
  }

  @Test
  void anAcknowledgedPolicyMayLogSecretBodies() {
    AuditPolicy policy = AuditPolicy.builder().secretBodiesAcknowledged(true)
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE)).build();
    assertThat(problems(policy)).isEmpty();
    assertThat(policy.toYaml()).contains("level: RequestResponse");
  }

  @Test
  void aRuleAnEarlierRuleLeavesNothingToIsAWarning() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("pods/*")),
        AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.core("pods/log")).verbs("get"),
        AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.core("pods/log", "services")),
        CATCH_ALL)).containsExactly("WARNING rules[1]: never applies: rules[0] matches every request it matches"
        + " first — move it before rules[0], or remove it");
  }

  @Test
  void requestsNoRuleMatchesAreAWarning() {
    assertThat(problems(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core()))).containsExactly(
        "WARNING rules: requests such as 'get widgets.example.com some-name in some-namespace by some-user (groups"
            + " system:authenticated)' match no rule, so the API server does not log them — end the rules with a"
            + " catch-all rule, such as AuditPolicyRule.at(AuditLevel.METADATA)");
    assertThat(problems(AuditPolicyRule.at(AuditLevel.METADATA).userGroups("system:authenticated")))
        .containsExactly("WARNING rules: requests such as 'get widgets.example.com some-name in some-namespace by"
            + " system:anonymous (groups system:unauthenticated)' match no rule, so the API server does not log them"
            + " — end the rules with a catch-all rule, such as AuditPolicyRule.at(AuditLevel.METADATA)");
  }

  @Test
  void toYamlListsEveryErrorAtOnce() {
    AuditPolicy policy = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("healthz"))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("Apps"))).build();
    assertThatThrownBy(policy::toYaml).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("AuditPolicy audit-policy")
        .hasMessageContaining("rules[0].nonResourceURLs[0]: 'healthz' does not begin with '/'")
        .hasMessageContaining("rules[1].resources[0].group: 'Apps' is not a DNS subdomain");
  }
}
