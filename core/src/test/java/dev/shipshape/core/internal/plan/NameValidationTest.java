package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, label keys and values, annotation keys: the syntax the API server enforces, per kind. */
class NameValidationTest {
  private static final String LABEL_FIX =
      " — use an optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_' or '.'";

  @Test
  void namespaceNameMustBeDns1123Label() {
    assertThat(Problems.of(spec().resource(TestManifests.namespace("Shop")).build())).containsExactly(
        "ERROR [resources] Namespace Shop metadata.name: name 'Shop' is not a DNS-1123 label (lower-case letters,"
            + " digits and '-', starting and ending with a letter or digit) — use at most 63 lower-case letters,"
            + " digits and '-', such as 'shop-api'");
  }

  @Test
  void namespaceNameMayNotExceed63Characters() {
    String name = "a".repeat(64);
    assertThat(Problems.of(spec().resource(TestManifests.namespace(name)).build())).containsExactly(
        "ERROR [resources] Namespace " + name + " metadata.name: name '" + name + "' is 64 characters long, more"
            + " than 63 — use at most 63 lower-case letters, digits and '-', such as 'shop-api'");
  }

  @Test
  void serviceNameMustBeRfc1035LabelStartingWithALetter() {
    assertThat(Problems.of(spec().yaml(service("1api")).build())).containsExactly(
        "ERROR [resources] Service shop/1api metadata.name: name '1api' is not an RFC 1035 label (lower-case"
            + " letters, digits and '-', starting with a letter and ending with a letter or digit) — use at most 63"
            + " lower-case letters, digits and '-', starting with a letter, such as 'shop-api'");
  }

  @Test
  void serviceNameMayNotContainDots() {
    assertThat(Problems.of(spec().yaml(service("web.api")).build())).singleElement().asString()
        .startsWith("ERROR [resources] Service shop/web.api metadata.name: name 'web.api' is not an RFC 1035 label");
  }

  @Test
  void rbacNamesArePathSegments() {
    ClusterSpec spec = spec()
        .yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: a/b, namespace: shop}\n")
        .yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: '..'}\n")
        .yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: 'team:Reader'}\n")
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Role.rbac.authorization.k8s.io shop/a/b metadata.name: name 'a/b' may not contain '/'"
            + " or '%' — use a name other than '.' or '..', without '/' or '%'",
        "ERROR [resources] ClusterRole.rbac.authorization.k8s.io .. metadata.name: name '..' may not be '..' —"
            + " use a name other than '.' or '..', without '/' or '%'");
  }

  @Test
  void otherNamesAreDns1123Subdomains() {
    ClusterSpec spec = spec()
        .resource(TestManifests.configMap("shop", "App_Config"), TestManifests.configMap("shop", "app.config"))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] ConfigMap shop/App_Config metadata.name: name 'App_Config' is not a DNS-1123 subdomain"
            + " (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit) — use"
            + " lower-case letters, digits, '-' and '.', such as 'shop-api'");
  }

  @Test
  void statefulSetNamesAreLabelsShortEnoughForTheirPodsRevisionLabel() {
    String longest = "s".repeat(52);
    String tooLong = "s".repeat(53);
    ClusterSpec spec = spec().yaml(statefulSet("db.main")).yaml(statefulSet(longest)).yaml(statefulSet(tooLong))
        .build();
    assertThat(nameProblems(spec)).containsExactly(
        "ERROR [resources] StatefulSet.apps shop/db.main metadata.name: name 'db.main' is not a DNS-1123 label"
            + " (lower-case letters, digits and '-', starting and ending with a letter or digit) — use at most 52"
            + " lower-case letters, digits and '-', such as 'shop-db'",
        "ERROR [resources] StatefulSet.apps shop/" + tooLong + " metadata.name: name '" + tooLong + "' is 53"
            + " characters long: the StatefulSet controller labels each pod with controller-revision-hash NAME-HASH"
            + " (usually 11 characters more), longer than a label value's 63, so it usually cannot create the pods —"
            + " use at most 52 characters");
  }

  @Test
  void jobAndCronJobNamesLeaveRoomForTheNamesAndLabelsDerivedFromThem() {
    String job = "j".repeat(64);
    String cronJob = "c".repeat(53);
    String ownSelector = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: '" + "s".repeat(64) + "', namespace:"
        + " shop}\nspec: {manualSelector: true, selector: {matchLabels: {app: j}}, template: {metadata: {labels:"
        + " {app: j}}, spec: {containers: [{name: c, image: 'registry.example.com/c:1'}], restartPolicy: Never}}}\n";
    ClusterSpec spec = spec().yaml(job("j".repeat(63))).yaml(job(job)).yaml(cronJob("c".repeat(52)))
        .yaml(cronJob(cronJob)).yaml(ownSelector).build();
    assertThat(nameProblems(spec)).containsExactly(
        "ERROR [resources] Job.batch shop/" + job + " metadata.name: name '" + job + "' is 64 characters long: the"
            + " API server labels the Job's pods with it (batch.kubernetes.io/job-name), and refuses a label value"
            + " longer than 63 — use at most 63 characters",
        "ERROR [resources] CronJob.batch shop/" + cronJob + " metadata.name: name '" + cronJob + "' is 53 characters"
            + " long, more than the API server allows for a CronJob: its Jobs are named NAME-TIMESTAMP (up to 11"
            + " characters more) and their pods labelled with that name, which a label value limits to 63 — use at"
            + " most 52 characters");
  }

  @Test
  void annotationKeysAreCheckedInLowerCaseAsTheApiServerDoes() {
    String spec = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: shop\n"
        + "  annotations: {Example.COM/Owner: x, Team_Name: z}\n  labels: {Example.COM/owner: x}\n";
    assertThat(Problems.of(spec().yaml(spec).build())).containsExactly(
        "ERROR [resources] ConfigMap shop/app metadata.labels.Example.COM/owner: key prefix 'Example.COM' is not a"
            + " DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or"
            + " digit)" + LABEL_FIX);
  }

  @Test
  void annotationsMayTakeAtMost256KibibytesAsUtf8() {
    String fits = "x".repeat(256 * 1024 - 1);
    String tooLong = "\u00e9".repeat(128 * 1024);
    ClusterSpec spec = spec().resource(annotated("fits", fits), annotated("big", tooLong)).build();
    assertThat(Problems.of(spec)).containsExactly("ERROR [resources] ConfigMap shop/big metadata.annotations:"
        + " annotations take 262145 bytes, more than the 262144 (256 KiB) the API server allows — keep large data"
        + " in a ConfigMap or Secret and refer to it from an annotation");
  }

  @Test
  void labelKeyNameMustBeAQualifiedName() {
    assertThat(Problems.of(spec().yaml(configMapLabelled("'-bad': x")).build())).containsExactly(
        "ERROR [resources] ConfigMap shop/app metadata.labels.-bad: key name '-bad' must consist of alphanumerics,"
            + " '-', '_' or '.', starting and ending with an alphanumeric" + LABEL_FIX);
  }

  @Test
  void labelKeyPrefixMustBeADnsSubdomain() {
    assertThat(Problems.of(spec().yaml(configMapLabelled("Example.com/team: x")).build())).containsExactly(
        "ERROR [resources] ConfigMap shop/app metadata.labels.Example.com/team: key prefix 'Example.com' is not a"
            + " DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or"
            + " digit)" + LABEL_FIX);
  }

  @Test
  void labelValueMustBeShortAndQualified() {
    String longValue = "v".repeat(64);
    ClusterSpec spec = spec().yaml(configMapLabelled("team: 'has space'\n    tier: " + longValue)).build();
    String valueFix = " — use at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] ConfigMap shop/app metadata.labels.team: value 'has space' must consist of"
            + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric" + valueFix,
        "ERROR [resources] ConfigMap shop/app metadata.labels.tier: value is 64 characters long, more than 63"
            + valueFix);
  }

  @Test
  void annotationKeysAreCheckedButTheirValuesAreFree() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n"
        + "    'bad key': ok\n    example.com/note: 'any text at all, even: this'\n";
    assertThat(Problems.of(spec().yaml(yaml).build())).containsExactly(
        "ERROR [resources] ConfigMap shop/app metadata.annotations.bad key: key name 'bad key' must consist of"
            + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric" + LABEL_FIX);
  }

  @Test
  void commonLabelsAreCheckedOnEveryObjectTheyAreStampedOn() {
    ClusterSpec spec = spec().commonLabel("team", "a b").resource(TestManifests.configMap("shop", "app")).build();
    assertThat(Problems.of(spec)).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("metadata.labels.team: value 'a b' must consist of"))
        .anySatisfy(line -> assertThat(line).startsWith("ERROR [resources] Namespace shop "))
        .anySatisfy(line -> assertThat(line).startsWith("ERROR [resources] ConfigMap shop/app "));
  }

  @Test
  void validNamesAndLabelsPlan() {
    ClusterSpec spec = spec().yaml(service("web"))
        .yaml(configMapLabelled("app.kubernetes.io/name: web\n    empty: ''"))
        .yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: 'team:Reader'}\n")
        .build();
    assertThat(spec.plan().resources()).hasSize(4);
  }

  @Test
  void specNameMustBeDns1123Label() {
    assertThatThrownBy(() -> ClusterSpec.builder().name("Prod").build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessage("ClusterSpec is invalid: 1 error" + System.lineSeparator()
            + "  ERROR name: spec name 'Prod' is not a DNS-1123 label (lower-case letters, digits and '-', starting"
            + " and ending with a letter or digit) — use lower-case letters, digits and '-', at most 63 characters,"
            + " such as 'prod'");
  }

  private static ConfigMap annotated(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name)
        .withNamespace("shop").addToAnnotations("a", value).endMetadata().build();
  }

  private static List<String> nameProblems(ClusterSpec spec) {
    return Problems.of(spec).stream().filter(p -> p.contains(" metadata.name: ")).toList();
  }

  private static String podTemplate() {
    return "{spec: {containers: [{name: c, image: 'registry.example.com/c:1'}], restartPolicy: Never}}";
  }

  private static String statefulSet(String name) {
    return "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: '" + name + "', namespace: shop}\n"
        + "spec: {serviceName: db, selector: {matchLabels: {app: db}}, template: {metadata: {labels: {app: db}},"
        + " spec: {containers: [{name: c, image: 'registry.example.com/c:1'}]}}}\n";
  }

  private static String job(String name) {
    return "apiVersion: batch/v1\nkind: Job\nmetadata: {name: '" + name + "', namespace: shop}\n"
        + "spec: {template: " + podTemplate() + "}\n";
  }

  private static String cronJob(String name) {
    return "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: '" + name + "', namespace: shop}\n"
        + "spec: {schedule: '0 3 * * *', jobTemplate: {spec: {template: " + podTemplate() + "}}}\n";
  }

  private static String service(String name) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: '" + name + "', namespace: shop}\n"
        + "spec: {ports: [{port: 80}]}\n";
  }

  private static String configMapLabelled(String labels) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: shop\n  labels:\n    " + labels
        + "\n";
  }
}
