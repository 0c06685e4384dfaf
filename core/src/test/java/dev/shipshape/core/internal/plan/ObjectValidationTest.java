package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Duplicate objects, and namespaces against scope and spec. */
class ObjectValidationTest {
  private static final String CRD = String.join("\n",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: widgets.example.com}",
      "spec:",
      "  group: example.com",
      "  names: {kind: Widget, plural: widgets}",
      "  scope: SCOPE",
      "  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]",
      "");

  @Test
  void sameObjectWithDifferentContentFromTwoComponentsNamesBoth() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("frontend", TestManifests.configMap("shop", "settings", "mode", "fast")))
        .component(StaticComponent.of("backend", TestManifests.configMap("shop", "settings", "mode", "safe")))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [backend] ConfigMap shop/settings: is also produced by component 'frontend' with different content"
            + " — let one component own ConfigMap shop/settings, or make both produce the same content");
  }

  @Test
  void keysOfSecretsAndConfigMapsAndTheirBase64AreCheckedWithoutShowingAValue() {
    ClusterSpec spec = spec().yaml(String.join("\n",
        "apiVersion: v1", "kind: Secret", "metadata: {name: db, namespace: shop}",
        "data: {password: not*base64*hunter2, ok: aHVudGVyMg==, short: YQ, wrapped: \"aHVu\\ndGVyMg==\"}",
        "stringData: {'bad key!': hunter2}", "---",
        "apiVersion: v1", "kind: ConfigMap", "metadata: {name: settings, namespace: shop}",
        "data: {'..hidden': x, app.properties: z}", "binaryData: {logo: '%%%', app.properties: eQ==}", "")).build();

    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Secret shop/db data.password: the value is not base64, which data holds — encode the bytes in base64 "
            + "(base64 -w0), or put the plain text under stringData",
        "ERROR [resources] Secret shop/db data.short: the value is not base64, which data holds — encode the bytes "
            + "in base64 (base64 -w0), or put the plain text under stringData",
        "ERROR [resources] Secret shop/db stringData: key 'bad key!' is not a valid key: at most 253 letters, digits, '-', '_' "
            + "and '.', and not '.' or starting with '..' — rename the key, such as 'app.properties' or 'password'",
        "ERROR [resources] ConfigMap shop/settings data: key '..hidden' is not a valid key: at most 253 letters, digits, '-', "
            + "'_' and '.', and not '.' or starting with '..' — rename the key, such as 'app.properties' or "
            + "'password'",
        "ERROR [resources] ConfigMap shop/settings binaryData.logo: the value is not base64, which binaryData holds — encode "
            + "the bytes in base64 (base64 -w0), or put text under data",
        "ERROR [resources] ConfigMap shop/settings binaryData.app.properties: key 'app.properties' is in data as "
            + "well — keep the key in one of data and binaryData");
  }

  @Test
  void aContainersRequestAboveItsLimitIsAnError() {
    ClusterSpec spec = spec().yaml(String.join("\n",
        "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: shop}", "spec:",
        "  selector: {matchLabels: {app: web}}", "  template:", "    metadata: {labels: {app: web}}", "    spec:",
        "      containers:", "      - name: web", "        image: nginx:1.27",
        "        resources: {requests: {cpu: '2', memory: 512Mi}, limits: {cpu: 1500m, memory: 1Gi}}", "")).build();

    assertThat(Problems.of(spec)).containsExactly("ERROR [resources] Deployment.apps shop/web "
        + "spec.template.spec.containers[0].resources.requests.cpu: the request 2 is above the limit 1500m of cpu — "
        + "lower the request to the limit at most, or raise the limit");
  }

  @Test
  void resourceNamesAmountsAndResourcesThatCannotBeOvercommittedAreCheckedAsTheApiServerDoes() {
    ClusterSpec spec = spec().yaml(String.join("\n",
        "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: shop}", "spec:",
        "  selector: {matchLabels: {app: web}}", "  template:", "    metadata: {labels: {app: web}}", "    spec:",
        "      containers:",
        "      - name: typos", "        image: nginx:1.27",
        "        resources: {requests: {cpus: '1', gpu: '1', memory: -1Gi}, limits: {example.com/gpu: 500m}}",
        "      - name: gpu", "        image: nginx:1.27",
        "        resources: {requests: {example.com/gpu: '1', cpu: 100m}, limits: {cpu: '1'}}",
        "      - name: pages", "        image: nginx:1.27",
        "        resources: {requests: {hugepages-2Mi: 64Mi}, limits: {hugepages-2Mi: 128Mi}}",
        "      - name: fine", "        image: nginx:1.27",
        "        resources: {requests: {example.com/gpu: '1', hugepages-1Gi: 1Gi, memory: 1Gi, cpu: 100m,",
        "          kubernetes.io/batch-cpu: '1'}, limits: {example.com/gpu: 1000m, hugepages-1Gi: 1024Mi,",
        "          memory: 2Gi, example.com/fpga: '2', kubernetes.io/batch-cpu: '2'}}",
        "")).build();

    String at = "ERROR [resources] Deployment.apps shop/web spec.template.spec.containers";
    String names = " — use cpu, memory, ephemeral-storage, hugepages-<size> (such as hugepages-2Mi) or an extended "
        + "resource named with its domain (such as example.com/gpu)";
    assertThat(Problems.of(spec)).containsExactly(
        at + "[0].resources.limits.example.com/gpu: the amount 500m of example.com/gpu is not a whole number, and "
            + "extended resources come in whole units — give a whole number",
        at + "[0].resources.requests.cpus: 'cpus' is not a resource a container can request or limit" + names,
        at + "[0].resources.requests.gpu: 'gpu' is not a resource a container can request or limit" + names,
        at + "[0].resources.requests.memory: the amount -1Gi of memory is negative — give an amount of 0 or more",
        at + "[1].resources.limits: example.com/gpu is requested without a limit, and extended resources cannot be "
            + "overcommitted — set limits.example.com/gpu equal to the request (or set the limit alone: the "
            + "request defaults to it)",
        at + "[2].resources.requests.hugepages-2Mi: the request 64Mi differs from the limit 128Mi of hugepages-2Mi,"
            + " and hugepages cannot be overcommitted — make the request equal to the limit, or leave the request "
            + "out (it defaults to the limit)",
        at + "[2].resources: hugepages are requested without cpu or memory, which the API server refuses — add a "
            + "memory (or cpu) request or limit to the container");
  }

  @Test
  void ingressHostsMustBeDnsNamesWithAnOptionalWildcardAndARuleHostNoIpAddress() {
    ClusterSpec spec = spec().yaml(String.join("\n",
        "apiVersion: networking.k8s.io/v1", "kind: Ingress", "metadata: {name: web, namespace: shop}", "spec:",
        "  tls: [{hosts: ['*.example.com', 10.0.0.1, 'Bad Host']}]",
        "  rules: [{host: 'Not A Host!'}, {host: shop.example.com}, {host: 010.0.0.1}, {host: 1.2.3},",
        "    {host: '*.10.0.0.1'}]", "")).build();

    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Ingress.networking.k8s.io shop/web spec.rules[0].host: 'Not A Host!' is not a host name: "
            + "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a "
            + "letter or digit) — use a DNS name such as shop.example.com, or *.example.com",
        "ERROR [resources] Ingress.networking.k8s.io shop/web spec.rules[2].host: '010.0.0.1' is not a host name: "
            + "it is an IP address — use a DNS name such as shop.example.com, or *.example.com",
        "ERROR [resources] Ingress.networking.k8s.io shop/web spec.tls[0].hosts[2]: 'Bad Host' is not a host name: "
            + "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a "
            + "letter or digit) — use a DNS name such as shop.example.com, or *.example.com");
  }

  @Test
  void identicalDuplicatesMergeSilently() {
    Plan plan = spec()
        .component(StaticComponent.of("frontend", TestManifests.configMap("shop", "settings", "mode", "fast")))
        .component(StaticComponent.of("backend", TestManifests.configMap("shop", "settings", "mode", "fast")))
        .build().plan();
    assertThat(plan.resources()).extracting(r -> r.ref().toString())
        .containsExactly("Namespace shop", "ConfigMap shop/settings");
    assertThat(plan.find(ResourceRef.core("ConfigMap", "shop", "settings")).orElseThrow().component())
        .isEqualTo("frontend");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void conflictingSecretsAreReportedWithoutTheirContents() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("frontend", secret("hunter2")))
        .component(StaticComponent.of("backend", secret("swordfish")))
        .build();
    SpecValidationException e = catchThrowableOfType(spec::plan, SpecValidationException.class);
    assertThat(Problems.lines(e.problems())).containsExactly(
        "ERROR [backend] Secret shop/db: is also produced by component 'frontend' with different content (contents"
            + " not shown) — let one component own Secret shop/db, or make both produce the same content");
    for (String secret : new String[] {"hunter2", "swordfish"}) {
      assertThat(e.getMessage()).doesNotContain(secret).doesNotContain(base64(secret));
    }
  }

  @Test
  void namespacedObjectInAnUnknownNamespaceIsAnError() {
    assertThat(Problems.of(spec().resource(TestManifests.configMap("ghost", "settings")).build())).containsExactly(
        "ERROR [resources] ConfigMap ghost/settings metadata.namespace: namespace 'ghost' is neither created by the"
            + " spec nor declared pre-existing — add Namespace ghost to the spec, or declare it with"
            + " preExistingNamespace(\"ghost\") (command line: --pre-existing-namespace ghost)");
  }

  @Test
  void preExistingAndSystemNamespacesNeedNoNamespaceObject() {
    Plan plan = spec().resource(TestManifests.configMap("legacy", "a"), TestManifests.configMap("kube-system", "b"),
        TestManifests.configMap("default", "c")).build().plan();
    assertThat(plan.resources()).hasSize(4);
  }

  @Test
  void clusterScopedObjectWithANamespaceIsAnError() {
    String yaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader,"
        + " namespace: shop}\n";
    assertThat(Problems.of(spec().yaml(yaml).build())).containsExactly(
        "ERROR [resources] ClusterRole.rbac.authorization.k8s.io shop/reader metadata.namespace:"
            + " ClusterRole.rbac.authorization.k8s.io is cluster-scoped but has namespace 'shop' — remove"
            + " metadata.namespace");
  }

  @Test
  void aBuiltInKindWithoutAModelIsKnownToBeNamespaced() {
    // As the command line reads manifests: generic objects, whose model cannot tell their scope.
    GenericKubernetesResource capacity = new GenericKubernetesResource();
    capacity.setApiVersion("storage.k8s.io/v1");
    capacity.setKind("CSIStorageCapacity");
    capacity.setMetadata(new ObjectMetaBuilder().withName("fast-zone-a").build());
    assertThat(Problems.of(spec().resource(capacity).build())).singleElement().asString()
        .contains("CSIStorageCapacity.storage.k8s.io is namespaced but has no namespace");
  }

  @Test
  void namespacedObjectWithoutANamespaceIsAnError() {
    assertThat(Problems.of(spec().resource(TestManifests.configMap(null, "settings")).build())).containsExactly(
        "ERROR [resources] ConfigMap settings metadata.namespace: ConfigMap is namespaced but has no namespace —"
            + " set metadata.namespace; Shipshape never guesses 'default'");
  }

  @Test
  void customResourceScopeComesFromItsCrdInTheSpec() {
    ClusterSpec spec = spec()
        .yaml(CRD.replace("SCOPE", "Cluster"))
        .yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\n")
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Widget.example.com shop/w metadata.namespace: Widget.example.com is cluster-scoped but"
            + " has namespace 'shop' — remove metadata.namespace");
    ClusterSpec namespaced = spec()
        .yaml(CRD.replace("SCOPE", "Namespaced"))
        .yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")
        .build();
    assertThat(Problems.of(namespaced)).containsExactly(
        "ERROR [resources] Widget.example.com w metadata.namespace: Widget.example.com is namespaced but has no"
            + " namespace — set metadata.namespace; Shipshape never guesses 'default'");
  }

  @Test
  void customResourceOfAnUnknownCrdStillNeedsAKnownNamespace() {
    ClusterSpec spec = spec()
        .yaml("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: nowhere}\n")
        .yaml("apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\n")
        .preExistingCrd("gadgets.example.com")
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Widget.example.com nowhere/w metadata.namespace: namespace 'nowhere' is neither created"
            + " by the spec nor declared pre-existing — add Namespace nowhere to the spec, or declare it with"
            + " preExistingNamespace(\"nowhere\") (command line: --pre-existing-namespace nowhere)",
        "WARNING [resources] Widget.example.com nowhere/w kind: Widget (example.com/v1) is defined by no "
            + "CustomResourceDefinition of the spec, and none is declared pre-existing; the apply fails unless the "
            + "cluster has it — add the CRD to the spec (install its operator's manifests with the spec), or declare "
            + "it pre-existing: --pre-existing-crd widgets.example.com on the command line, "
            + "preExistingCrd(\"widgets.example.com\") in a spec");
  }

  @Test
  void objectWithoutApiVersionIsAnError() {
    ClusterSpec spec = spec().resource(new SecretBuilder().withKind("Secret").withApiVersion("")
        .withNewMetadata().withName("x").withNamespace("shop").endMetadata().build()).build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Secret shop/x apiVersion: apiVersion and kind are required — set both, such as 'apps/v1'"
            + " and 'Deployment'");
  }

  private static Secret secret(String password) {
    return new SecretBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
        .addToData("password", base64(password)).build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
