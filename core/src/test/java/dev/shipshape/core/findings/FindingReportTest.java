package dev.shipshape.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.ResourceRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Finding PRIVILEGED = Finding.builder()
      .ruleId("privileged-container")
      .severity(Severity.HIGH)
      .addResources(ResourceRef.namespaced("apps", "Deployment", "shop", "web"))
      .field("spec.template.spec.containers[0].securityContext.privileged")
      .message("container web runs privileged")
      .remediation("set privileged: false")
      .addEquivalents("polaris:privilegeEscalationAllowed", "kube-linter:privileged-container")
      .build();

  private static final Finding NO_LIMITS = Finding.builder()
      .ruleId("missing-limits")
      .severity(Severity.LOW)
      .addResources(ResourceRef.namespaced("apps", "Deployment", "shop", "api"))
      .message("container api has no memory limit")
      .build();

  private static final Finding BINDING = Finding.builder()
      .ruleId("cluster-admin-binding")
      .severity(Severity.CRITICAL)
      .addResources(ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRoleBinding", "ops"),
          ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin"))
      .message("group ops is bound to cluster-admin")
      .remediation("bind a narrower role")
      .build();

  private static FindingReport report() {
    return FindingReport.builder().check("audit")
        .addFindings(NO_LIMITS).addFindings(PRIVILEGED).addFindings(BINDING)
        .addNotes("no live cluster: skipped node checks")
        .build();
  }

  @Test
  void findingsAreSortedWorstFirstWhateverTheOrderAdded() {
    assertThat(report().findings()).containsExactly(BINDING, PRIVILEGED, NO_LIMITS);
    FindingReport reversed = FindingReport.builder().check("audit")
        .addFindings(BINDING).addFindings(NO_LIMITS).addFindings(PRIVILEGED).build();
    assertThat(reversed.findings()).isEqualTo(report().findings());
  }

  @Test
  void sameSeverityIsOrderedByRuleThenObjectThenField() {
    Finding b = Finding.builder().from(NO_LIMITS).ruleId("b-rule").build();
    Finding a2 = Finding.builder().from(NO_LIMITS).ruleId("a-rule").build();
    Finding a1 = Finding.builder().from(a2)
        .resources(List.of(ResourceRef.namespaced("apps", "Deployment", "shop", "aaa"))).build();
    Finding clusterWide = Finding.builder().ruleId("a-rule").severity(Severity.LOW).message("m").build();
    FindingReport r = FindingReport.builder().check("c").addFindings(b).addFindings(a2).addFindings(a1)
        .addFindings(clusterWide).build();
    assertThat(r.findings()).containsExactly(clusterWide, a1, a2, b);
  }

  @Test
  void textRendering() {
    assertThat(report().failingAt(Severity.HIGH).toText()).isEqualTo("""
        CRITICAL cluster-admin-binding ClusterRoleBinding.rbac.authorization.k8s.io ops: group ops is bound to \
        cluster-admin — bind a narrower role
        HIGH privileged-container Deployment.apps shop/web spec.template.spec.containers[0].securityContext.privileged: \
        container web runs privileged — set privileged: false
        LOW missing-limits Deployment.apps shop/api: container api has no memory limit
        audit: 3 findings, 1 critical, 1 high, 1 low; FAILED at --fail-on high
        note: no live cluster: skipped node checks
        """);
    assertThat(FindingReport.builder().check("backup check").addFindings(NO_LIMITS).build().toText())
        .isEqualTo("""
            LOW missing-limits Deployment.apps shop/api: container api has no memory limit
            backup check: 1 finding, 1 low
            """);
  }

  @Test
  void jsonRendering() throws Exception {
    JsonNode json = JSON.readTree(report().failingAt(Severity.CRITICAL).toJson());
    assertThat(json).isEqualTo(JSON.readTree("""
        {"check":"audit",
         "findings":[
          {"ruleId":"cluster-admin-binding","severity":"critical",
           "resource":{"group":"rbac.authorization.k8s.io","kind":"ClusterRoleBinding","name":"ops"},
           "related":[{"group":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"}],
           "message":"group ops is bound to cluster-admin","remediation":"bind a narrower role","equivalents":[]},
          {"ruleId":"privileged-container","severity":"high",
           "resource":{"group":"apps","kind":"Deployment","namespace":"shop","name":"web"},
           "field":"spec.template.spec.containers[0].securityContext.privileged",
           "message":"container web runs privileged","remediation":"set privileged: false",
           "equivalents":["polaris:privilegeEscalationAllowed","kube-linter:privileged-container"]},
          {"ruleId":"missing-limits","severity":"low",
           "resource":{"group":"apps","kind":"Deployment","namespace":"shop","name":"api"},
           "message":"container api has no memory limit","equivalents":[]}],
         "counts":{"low":1,"high":1,"critical":1},
         "notes":["no live cluster: skipped node checks"],
         "failOn":"critical","failed":true}
        """));
  }

  @Test
  void sarifHasOneRunWithItsRulesAndOneResultPerFinding() throws Exception {
    JsonNode sarif = JSON.readTree(report().toSarif());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
    assertThat(sarif.get("runs")).hasSize(1);
    JsonNode run = sarif.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertThat(driver.get("name").asText()).isEqualTo("shipshape audit");
    assertThat(driver.get("rules").findValuesAsText("id"))
        .containsExactly("cluster-admin-binding", "privileged-container", "missing-limits");
    assertThat(driver.get("rules").get(0).get("defaultConfiguration").get("level").asText()).isEqualTo("error");
    assertThat(driver.get("rules").get(2).get("defaultConfiguration").get("level").asText()).isEqualTo("warning");
    assertThat(driver.get("rules").get(2).has("help")).isFalse();
    JsonNode results = run.get("results");
    assertThat(results).hasSize(3);
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("cluster-admin-binding");
    assertThat(first.get("message").get("text").asText())
        .isEqualTo("group ops is bound to cluster-admin — bind a narrower role");
    assertThat(first.get("locations")).hasSize(2);
    assertThat(results.get(1).get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName")
        .asText()).isEqualTo("Deployment.apps shop/web spec.template.spec.containers[0].securityContext.privileged");
    assertThat(results.get(1).get("properties").get("equivalents")).hasSize(2);
    assertThat(run.get("invocations").get(0).get("toolExecutionNotifications").get(0).get("message").get("text")
        .asText()).isEqualTo("no live cluster: skipped node checks");
  }

  @Test
  void sarifLevelOfInfoIsNote() throws Exception {
    Finding info = Finding.builder().from(NO_LIMITS).severity(Severity.INFO).build();
    JsonNode sarif = JSON.readTree(FindingReport.builder().check("c").addFindings(info).build().toSarif());
    assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("note");
    assertThat(sarif.at("/runs/0").has("invocations")).isFalse();
  }

  @Test
  void excludingDropsARuleByItsIdOrAnEquivalentId() {
    assertThat(report().excluding(List.of("missing-limits")).findings()).containsExactly(BINDING, PRIVILEGED);
    assertThat(report().excluding(List.of("kube-linter:privileged-container")).findings())
        .containsExactly(BINDING, NO_LIMITS);
    assertThat(report().excluding(List.of("no-such-rule")).findings()).hasSize(3);
    assertThat(report().excluding(List.of("missing-limits")).notes()).isEqualTo(report().notes());
  }

  @Test
  void failOnCountsFindingsAtOrAboveTheThreshold() {
    assertThat(report().failed()).isFalse();
    assertThat(report().failingAt(Severity.CRITICAL).failed()).isTrue();
    FindingReport lowOnly = report().excluding(List.of("cluster-admin-binding", "privileged-container"));
    assertThat(lowOnly.failingAt(Severity.LOW).failed()).isTrue();
    assertThat(lowOnly.failingAt(Severity.MEDIUM).failed()).isFalse();
    assertThat(lowOnly.failingAt(Severity.MEDIUM).throwIfFailed()).isNotNull();
    assertThat(lowOnly.worst()).contains(Severity.LOW);
    assertThat(FindingReport.builder().check("c").build().failingAt(Severity.INFO).failed()).isFalse();
  }

  @Test
  void throwIfFailedCarriesTheReport() {
    FindingReport failing = report().failingAt(Severity.HIGH);
    assertThatThrownBy(failing::throwIfFailed)
        .isInstanceOf(FindingsException.class)
        .hasMessageStartingWith("audit failed at high:\nCRITICAL cluster-admin-binding")
        .satisfies(e -> assertThat(((FindingsException) e).report()).isEqualTo(failing));
  }

  @Test
  void severityParsesAnyCaseAndNamesTheAcceptedValues() {
    assertThat(Severity.parse(" High ")).isEqualTo(Severity.HIGH);
    assertThatThrownBy(() -> Severity.parse("severe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("severity 'severe' is not one of info, low, medium, high, critical");
  }

  @Test
  void renderPicksTheFormat() {
    FindingReport r = report();
    assertThat(r.render(ReportFormat.TEXT)).isEqualTo(r.toText());
    assertThat(r.render(ReportFormat.JSON)).isEqualTo(r.toJson());
    assertThat(r.render(ReportFormat.SARIF)).isEqualTo(r.toSarif());
    assertThat(r.findings("privileged-container")).containsExactly(PRIVILEGED);
    assertThat(r.counts()).containsOnlyKeys(Severity.CRITICAL, Severity.HIGH, Severity.LOW);
  }

  @Test
  void rulesAndCountsAppearInTextJsonAndSarif() throws Exception {
    FindingRule rule = FindingRule.builder().id("privileged-container").severity(Severity.HIGH)
        .title("container runs privileged").remediation("set privileged: false")
        .addEquivalents("polaris:runAsPrivileged").build();
    FindingReport r = FindingReport.builder().check("audit").addFindings(PRIVILEGED).addRules(rule)
        .putChecked("privileged-container", 4).build();
    assertThat(r.toText()).endsWith("audit: 1 finding, 1 high (1 rules)\n");
    assertThat(JSON.readTree(r.toJson()).get("checked").get("privileged-container").asInt()).isEqualTo(4);
    JsonNode described = JSON.readTree(r.toSarif()).at("/runs/0/tool/driver/rules/0");
    assertThat(described.at("/shortDescription/text").asText()).isEqualTo("container runs privileged");
    assertThat(described.at("/properties/equivalents/0").asText()).isEqualTo("polaris:runAsPrivileged");
    assertThat(rule.equivalent("polaris")).contains("runAsPrivileged");
  }

  @Test
  void plusJoinsTwoReportsUnderTheFirstName() {
    FindingReport spec = FindingReport.builder().check("backup check").addFindings(NO_LIMITS).addNotes("a").build();
    FindingReport live = FindingReport.builder().check("live").addFindings(BINDING).addNotes("b")
        .failOn(Severity.HIGH).build();
    FindingReport both = spec.plus(live);
    assertThat(both.check()).isEqualTo("backup check");
    assertThat(both.findings()).containsExactly(BINDING, NO_LIMITS);
    assertThat(both.notes()).containsExactly("a", "b");
    assertThat(both.failed()).isTrue();
  }

  @Test
  void aProblemBecomesAFinding() {
    dev.shipshape.core.Problem error = dev.shipshape.core.Problem.error(
        ResourceRef.namespaced("velero.io", "Schedule", "velero", "s"), "spec.schedule", "not a cron", "use @daily");
    assertThat(Finding.of("backup-spec", error).toString())
        .isEqualTo("HIGH backup-spec Schedule.velero.io velero/s spec.schedule: not a cron — use @daily");
    dev.shipshape.core.Problem warning = dev.shipshape.core.Problem.builder()
        .severity(dev.shipshape.core.ProblemSeverity.WARNING).component("mesh").message("no sidecar").fix("x").build();
    assertThat(Finding.of("mesh", warning).toString()).isEqualTo("MEDIUM mesh: component mesh: no sidecar — x");
  }
}
