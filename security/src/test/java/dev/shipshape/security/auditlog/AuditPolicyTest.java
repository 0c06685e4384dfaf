package dev.shipshape.security.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditPolicyTest {
  private static final Requester ALICE = Requester.user("alice", "dev");

  private static AuditLevel level(AuditPolicy policy, Requester who, String verb, String resource, String namespace,
      String name) {
    return policy.decide(who, AccessRequest.parse(verb, resource, namespace, name)).level();
  }

  private static AuditPolicy only(AuditPolicyRule.Builder rule) {
    return AuditPolicy.builder().rule(rule).build();
  }

  @Test
  void theFirstMatchingRuleDecidesAndNoRuleMeansNotLogged() {
    AuditPolicy policy = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).verbs("get"))
        .build();
    AuditDecision secret = policy.decide(ALICE, AccessRequest.parse("get", "secrets", "shop", "db"));
    assertThat(secret.level()).isEqualTo(AuditLevel.METADATA);
    assertThat(secret.rule()).contains(0);
    assertThat(level(policy, ALICE, "get", "pods", "shop", "web")).isEqualTo(AuditLevel.REQUEST_RESPONSE);
    AuditDecision none = policy.decide(ALICE, AccessRequest.parse("list", "pods", "shop", null));
    assertThat(none.level()).isEqualTo(AuditLevel.NONE);
    assertThat(none.rule()).isEmpty();
    assertThat(none).hasToString("None (no rule matches)");
  }

  @Test
  void resourceEntriesMatchAsTheApiServerMatchesThem() {
    AuditPolicy podsAndSubresources = only(AuditPolicyRule.at(AuditLevel.REQUEST)
        .resources(AuditResources.core("pods/*")));
    // "pods/*" takes the pods themselves too, not only their subresources.
    assertThat(level(podsAndSubresources, ALICE, "get", "pods", "shop", "web")).isEqualTo(AuditLevel.REQUEST);
    assertThat(level(podsAndSubresources, ALICE, "get", "pods/log", "shop", "web")).isEqualTo(AuditLevel.REQUEST);
    assertThat(level(podsAndSubresources, ALICE, "get", "services", "shop", "web")).isEqualTo(AuditLevel.NONE);

    AuditPolicy pods = only(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.core("pods")));
    assertThat(level(pods, ALICE, "get", "pods/log", "shop", "web")).isEqualTo(AuditLevel.NONE);

    AuditPolicy statuses = only(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("apps",
        "*/status")));
    assertThat(level(statuses, ALICE, "update", "deployments.apps/status", "shop", "web"))
        .isEqualTo(AuditLevel.REQUEST);
    assertThat(level(statuses, ALICE, "update", "deployments.apps", "shop", "web")).isEqualTo(AuditLevel.NONE);
    assertThat(level(statuses, ALICE, "update", "pods/status", "shop", "web")).as("another group")
        .isEqualTo(AuditLevel.NONE);

    AuditPolicy wholeGroup = only(AuditPolicyRule.at(AuditLevel.REQUEST).resources(AuditResources.of("apps")));
    assertThat(level(wholeGroup, ALICE, "get", "deployments.apps/scale", "shop", "web"))
        .isEqualTo(AuditLevel.REQUEST);
  }

  @Test
  void namedResourcesDoNotMatchRequestsWithoutAName() {
    AuditPolicy policy = only(AuditPolicyRule.at(AuditLevel.REQUEST)
        .resources(AuditResources.core("configmaps").named("settings")));
    assertThat(level(policy, ALICE, "get", "configmaps", "shop", "settings")).isEqualTo(AuditLevel.REQUEST);
    assertThat(level(policy, ALICE, "get", "configmaps", "shop", "other")).isEqualTo(AuditLevel.NONE);
    assertThat(level(policy, ALICE, "list", "configmaps", "shop", null)).isEqualTo(AuditLevel.NONE);
  }

  @Test
  void theEmptyNamespaceIsThatOfClusterScopedResourcesAndOfListsAcrossNamespaces() {
    AuditPolicy policy = only(AuditPolicyRule.at(AuditLevel.METADATA).namespaces(""));
    assertThat(level(policy, ALICE, "get", "nodes", null, "n1")).isEqualTo(AuditLevel.METADATA);
    assertThat(level(policy, ALICE, "list", "pods", null, null)).isEqualTo(AuditLevel.METADATA);
    assertThat(level(policy, ALICE, "list", "pods", "shop", null)).isEqualTo(AuditLevel.NONE);
    assertThat(level(policy, ALICE, "get", "/healthz", null, null)).as("namespaces only match resource requests")
        .isEqualTo(AuditLevel.NONE);
  }

  @Test
  void aRequestOnANamespaceObjectIsInThatNamespace() {
    AuditPolicy policy = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).namespaces("shop").resources(AuditResources.core("namespaces")))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).namespaces(""))
        .build();
    assertThat(level(policy, ALICE, "get", "namespaces", null, "shop")).isEqualTo(AuditLevel.REQUEST);
    assertThat(level(policy, ALICE, "update", "namespaces/finalize", null, "shop"))
        .as("in namespace shop, so not cluster-scoped; and namespaces/finalize is not namespaces")
        .isEqualTo(AuditLevel.NONE);
    assertThat(level(policy, ALICE, "list", "namespaces", null, null)).isEqualTo(AuditLevel.METADATA);
  }

  @Test
  void nonResourceUrlsMatchWholePathsOrPrefixesEndingInAStar() {
    AuditPolicy policy = only(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz*", "/version"));
    assertThat(policy.decide(ALICE, AccessRequest.parse("get", "/healthz/etcd", null, null)).rule()).contains(0);
    assertThat(policy.decide(ALICE, AccessRequest.parse("get", "/version", null, null)).rule()).contains(0);
    assertThat(policy.decide(ALICE, AccessRequest.parse("get", "/version/x", null, null)).rule()).isEmpty();
    assertThat(policy.decide(ALICE, AccessRequest.parse("get", "pods", "shop", null)).rule()).isEmpty();
  }

  @Test
  void usersAndGroupsNarrowARule() {
    AuditPolicy policy = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.NONE).users("system:kube-proxy").verbs("watch"))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).userGroups("dev"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(level(policy, Requester.user("system:kube-proxy"), "watch", "services", null, null))
        .isEqualTo(AuditLevel.NONE);
    assertThat(level(policy, Requester.user("system:kube-proxy"), "list", "services", null, null))
        .isEqualTo(AuditLevel.METADATA);
    assertThat(level(policy, ALICE, "list", "services", null, null)).isEqualTo(AuditLevel.REQUEST);
    assertThat(level(policy, Requester.anonymous(), "get", "/version", null, null)).isEqualTo(AuditLevel.METADATA);
  }

  @Test
  void omittedStagesAndManagedFieldsCombineThePolicysAndTheRules() {
    AuditPolicy policy = AuditPolicy.builder().omitStages(AuditStage.REQUEST_RECEIVED).omitManagedFields(true)
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("create").omitStages(AuditStage.RESPONSE_STARTED)
            .omitManagedFields(false))
        .build();
    AuditDecision create = policy.decide(ALICE, AccessRequest.parse("create", "pods", "shop", null));
    assertThat(create.omittedStages()).containsExactly(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_STARTED);
    assertThat(create.omitManagedFields()).isFalse();
    AuditDecision get = policy.decide(ALICE, AccessRequest.parse("get", "pods", "shop", "web"));
    assertThat(get.omittedStages()).isEqualTo(Set.of(AuditStage.REQUEST_RECEIVED));
    assertThat(get.omitManagedFields()).isTrue();
  }

  @Test
  void aDecisionSaysAtWhichStagesTheRequestIsWritten() {
    AuditPolicy policy = AuditPolicy.builder().omitStages(AuditStage.REQUEST_RECEIVED)
        .rule(AuditPolicyRule.at(AuditLevel.NONE).resources(AuditResources.core("events")))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST).verbs("create").omitStages(AuditStage.RESPONSE_COMPLETE))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE))
        .build();
    AuditDecision exec = policy.decide(ALICE, AccessRequest.parse("create", "pods/exec", "shop", "web"));
    assertThat(exec.requestStages()).containsExactly(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_STARTED,
        AuditStage.RESPONSE_COMPLETE);
    // Long-running: the response's start is still written, but no body, which comes with ResponseComplete.
    assertThat(exec.writtenStages()).containsExactly(AuditStage.RESPONSE_STARTED);
    assertThat(exec.logged()).isTrue();
    assertThat(exec.writesRequestBody()).isFalse();
    AuditDecision secret = policy.decide(ALICE, AccessRequest.parse("create", "secrets", "shop", null));
    assertThat(secret.requestStages()).containsExactly(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE);
    assertThat(secret.logged()).as("every stage omitted").isFalse();
    AuditDecision get = policy.decide(ALICE, AccessRequest.parse("get", "secrets", "shop", "db"));
    assertThat(get.writtenStages()).containsExactly(AuditStage.RESPONSE_COMPLETE);
    assertThat(get.writesRequestBody()).isTrue();
    assertThat(get.writesResponseBody()).isTrue();
    for (String[] longRunning : new String[][] {{"watch", "pods"}, {"get", "pods/log"}, {"get", "nodes/proxy"},
        {"get", "pods/attach"}, {"get", "pods/portforward"}, {"proxy", "services"}}) {
      assertThat(policy.decide(ALICE, AccessRequest.parse(longRunning[0], longRunning[1], "shop", "web"))
          .requestStages()).as(longRunning[0] + " " + longRunning[1]).contains(AuditStage.RESPONSE_STARTED);
    }
    AuditDecision event = policy.decide(ALICE, AccessRequest.parse("get", "events", "shop", "x"));
    assertThat(event.writtenStages()).as("None").isEmpty();
    assertThat(event.logged()).isFalse();
  }

  @Test
  void requestersStandForEveryUserAndGroupTheRulesTellApart() {
    AuditPolicy policy = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.NONE).userGroups("oidc:sre", "system:masters"))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).users("kubernetes-admin", "some-user"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).users("alice").userGroups("dev"))
        .build();
    // "some-user" is named by a rule, so the user no rule names is another.
    assertThat(policy.requesters()).extracting(Requester::toString).containsExactly(
        "some-user-2 (groups oidc:sre, system:authenticated)",
        "some-user-2 (groups system:masters, system:authenticated)",
        "kubernetes-admin (groups system:authenticated)", "some-user (groups system:authenticated)",
        "alice (groups dev, system:authenticated)", "some-user-2 (groups system:authenticated)",
        "system:anonymous (groups system:unauthenticated)");
  }

  @Test
  void loadErrorsAreWhatTheApiServerRefusesNotSecretData() {
    AuditPolicy secretData = AuditPolicy.builder().rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE)).build();
    assertThat(secretData.problems()).filteredOn(p -> p.isError()).hasSize(1);
    assertThat(secretData.loadErrors()).isEmpty();
    AuditPolicy refused = AuditPolicy.builder().name("refused")
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("healthz").verbs("GET"))
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE))
        .build();
    assertThat(refused.loadErrors()).extracting(Object::toString).containsExactly("ERROR [refused]"
        + " rules[0].nonResourceURLs[0]: 'healthz' does not begin with '/', which the API server refuses — write the"
        + " path from its root, such as /healthz");
  }

  @Test
  void theFileHoldsEveryFieldUnderItsApiName() {
    AuditPolicy policy = AuditPolicy.builder().omitStages(AuditStage.REQUEST_RECEIVED).omitManagedFields(true)
        .rule(AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).users("alice").userGroups("dev").verbs("patch")
            .resources(AuditResources.of("apps", "deployments").named("web")).namespaces("shop")
            .omitStages(AuditStage.PANIC).omitManagedFields(false))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("secrets")))
        .rule(AuditPolicyRule.at(AuditLevel.NONE).nonResourceURLs("/healthz*"))
        .rule(AuditPolicyRule.at(AuditLevel.METADATA))
        .build();
    assertThat(policy.toYaml()).isEqualTo(String.join("\n",
        "apiVersion: audit.k8s.io/v1",
        "kind: Policy",
        "omitStages:",
        "- RequestReceived",
        "omitManagedFields: true",
        "rules:",
        "- level: RequestResponse",
        "  users:",
        "  - alice",
        "  userGroups:",
        "  - dev",
        "  verbs:",
        "  - patch",
        "  resources:",
        "  - group: apps",
        "    resources:",
        "    - deployments",
        "    resourceNames:",
        "    - web",
        "  namespaces:",
        "  - shop",
        "  omitStages:",
        "  - Panic",
        "  omitManagedFields: false",
        "- level: Metadata",
        "  resources:",
        "  - group: \"\"",
        "    resources:",
        "    - secrets",
        "- level: None",
        "  nonResourceURLs:",
        "  - /healthz*",
        "- level: Metadata",
        ""));
  }

  @Test
  void namesYamlWouldReadAsNumbersAreQuoted() {
    AuditPolicy policy = AuditPolicy.builder()
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).users("1000").namespaces("2024", "0x1f", "1e3", "true")).build();
    assertThat(policy.toYaml()).contains("\"1000\"", "\"2024\"", "\"0x1f\"", "\"1e3\"", "\"true\"");
  }

  @Test
  void theRecommendedPolicyHasNoProblemAndKeepsSecretsOutOfTheLog() {
    AuditPolicy policy = AuditPolicy.recommended();
    assertThat(policy.validate(null)).isEmpty();
    assertThat(level(policy, ALICE, "update", "secrets", "shop", "db")).isEqualTo(AuditLevel.METADATA);
    assertThat(level(policy, ALICE, "create", "rolebindings.rbac.authorization.k8s.io", "shop", null))
        .isEqualTo(AuditLevel.REQUEST_RESPONSE);
    assertThat(level(policy, ALICE, "patch", "deployments", "shop", "web")).isEqualTo(AuditLevel.REQUEST);
    assertThat(level(policy, ALICE, "list", "deployments", "shop", null)).isEqualTo(AuditLevel.METADATA);
    assertThat(level(policy, ALICE, "get", "/readyz", null, null)).isEqualTo(AuditLevel.NONE);
  }

  @Test
  void aSpecReportsThePolicysProblemsWithItsOthersAndCompilesNoObject() {
    AuditPolicy policy = AuditPolicy.builder().name("cluster-audit")
        .rule(AuditPolicyRule.at(AuditLevel.METADATA).nonResourceURLs("healthz")).build();
    ClusterSpec spec = ClusterSpec.builder().name("t").component(policy)
        .yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\n").build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("[cluster-audit] rules[0].nonResourceURLs[0]: 'healthz' does not begin with '/'")
        .hasMessageContaining("namespace 'nowhere' is neither created by the spec nor declared pre-existing");
    assertThat(policy.compile(null)).isEmpty();
  }
}
