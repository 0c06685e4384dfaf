package dev.shipshape.security.pss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pod Security labels on Namespaces that raw resources or other components create. */
class PodSecurityLabelsTest {
  private static final String NAMESPACES = String.join("\n",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: shop, labels: {shipshape.dev/tenant: team-a, env: prod}}",
      "---",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: shop-dev, labels: {shipshape.dev/tenant: team-a, env: dev}}",
      "---",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: tools, labels: {shipshape.dev/tenant: team-b}}",
      "---",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: baseline}}",
      "");

  private static final String PRIVILEGED_DEPLOYMENT = String.join("\n",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: agent, namespace: shop}",
      "spec:",
      "  selector: {matchLabels: {app: agent}}",
      "  template:",
      "    metadata: {labels: {app: agent}}",
      "    spec:",
      "      containers:",
      "      - {name: agent, image: 'example/agent:1', securityContext: {privileged: true}}",
      "");

  private static final PodSecurityProfile BASELINE = PodSecurityProfile.enforce(PodSecurityLevel.BASELINE)
      .warn(PodSecurityLevel.RESTRICTED).version("v1.33").build();

  /** Another module's component that creates a Namespace. */
  private static final Component PAYMENTS = new Component() {
    @Override
    public String name() {
      return "payments-namespace";
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      return List.of(new NamespaceBuilder().withNewMetadata().withName("payments").addToLabels("team", "payments")
          .endMetadata().build());
    }
  };

  private static Map<String, String> labelsOf(Plan plan, String namespace) {
    Map<String, String> labels = plan.find(ResourceRef.core("Namespace", null, namespace)).orElseThrow().object()
        .getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static List<String> problems(ClusterSpec spec) {
    SpecValidationException e = (SpecValidationException) assertThatThrownBy(spec::plan)
        .isInstanceOf(SpecValidationException.class).actual();
    return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void labelsNamespacesFromRawYamlAndFromOtherComponentsByName() {
    PodSecurityLabels labels = PodSecurityLabels.builder().name("pod-security")
        .namespace("shop", PodSecurityProfile.restricted())
        .namespace("payments", BASELINE)
        .build();

    Plan plan = ClusterSpec.builder().name("prod").yaml(NAMESPACES).component(PAYMENTS, labels).build().plan();

    assertThat(labelsOf(plan, "shop")).containsAllEntriesOf(Map.of(
        "shipshape.dev/tenant", "team-a",
        "pod-security.kubernetes.io/enforce", "restricted",
        "pod-security.kubernetes.io/enforce-version", "latest",
        "pod-security.kubernetes.io/audit", "restricted",
        "pod-security.kubernetes.io/audit-version", "latest",
        "pod-security.kubernetes.io/warn", "restricted",
        "pod-security.kubernetes.io/warn-version", "latest"));
    assertThat(labelsOf(plan, "payments")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "team", "payments",
        "pod-security.kubernetes.io/enforce", "baseline",
        "pod-security.kubernetes.io/enforce-version", "v1.33",
        "pod-security.kubernetes.io/warn", "restricted",
        "pod-security.kubernetes.io/warn-version", "v1.33"));
    assertThat(labelsOf(plan, "shop-dev")).doesNotContainKey("pod-security.kubernetes.io/enforce");
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void selectsTheNamespacesOfATenantOrOfAnyLabels() {
    PodSecurityLabels labels = PodSecurityLabels.builder().name("pod-security")
        .tenant("team-a", BASELINE)
        .namespacesLabelled(Map.of("team", "payments"), PodSecurityProfile.restricted())
        .build();

    Plan plan = ClusterSpec.builder().name("prod").yaml(NAMESPACES).component(PAYMENTS, labels).build().plan();

    assertThat(labelsOf(plan, "shop")).containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    assertThat(labelsOf(plan, "shop-dev")).containsEntry("pod-security.kubernetes.io/enforce", "baseline");
    assertThat(labelsOf(plan, "payments")).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(labelsOf(plan, "tools")).containsExactly(Map.entry("shipshape.dev/tenant", "team-b"));
  }

  @Test
  void aPodSecurityLabelTheNamespaceSetsDifferentlyIsAnError() {
    PodSecurityLabels labels = PodSecurityLabels.builder().name("pod-security")
        .namespace("legacy", PodSecurityProfile.restricted()).build();

    assertThat(problems(ClusterSpec.builder().name("prod").yaml(NAMESPACES).component(labels).build()))
        .containsExactly("ERROR [pod-security] Namespace legacy metadata.labels.pod-security.kubernetes.io/enforce:"
            + " amendment 'Pod Security labels for namespace legacy' would change 'baseline' to 'restricted', set by"
            + " component 'resources' — set the same value in both places, or leave the key to one of them");
  }

  @Test
  void aNamespaceMissingFromTheSpecIsAWarning() {
    PodSecurityLabels labels = PodSecurityLabels.builder().name("pod-security")
        .namespace("shop", PodSecurityProfile.restricted()).tenant("team-c", BASELINE).build();

    Plan plan = ClusterSpec.builder().name("prod").yaml(NAMESPACES).component(labels).build().plan();

    assertThat(plan.warnings()).extracting(Object::toString).containsExactly("WARNING [pod-security]: amendment"
        + " 'Pod Security labels for namespaces labelled {shipshape.dev/tenant=team-c}' matches no object of the"
        + " spec — check the amendment's target, or add the objects it is meant for");
  }

  @Test
  void theCheckRejectsAPrivilegedWorkloadInALabelledNamespace() {
    ClusterSpec.Builder spec = ClusterSpec.builder().name("prod").yaml(NAMESPACES).yaml(PRIVILEGED_DEPLOYMENT);
    assertThat(PodSecurityCheck.check(spec.build().plan())).isEmpty();

    ClusterSpec labelled = spec.component(PodSecurityLabels.builder().name("pod-security").tenant("team-a",
        BASELINE).build()).build();

    assertThatThrownBy(labelled::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> assertThat(
        e.problems()).extracting(Object::toString).containsExactly("ERROR [pod-security] Deployment.apps shop/agent"
            + " spec.template.spec: its pods would be rejected by namespace shop, which enforces PodSecurity"
            + " \"baseline:v1.33\": privileged (container \"agent\" must not set securityContext.privileged=true) —"
            + " remove what the baseline level forbids (host namespaces, privileged containers, added capabilities,"
            + " hostPath volumes, host ports…), or lower the namespace's pod-security.kubernetes.io/enforce label"));
  }

  @Test
  void namesAndSelectorsAreCheckedWhenBuilt() {
    assertThatThrownBy(() -> PodSecurityLabels.builder().name("ps").namespace("Shop", BASELINE)
        .namespacesLabelled(Map.of(), BASELINE).namespacesLabelled(Map.of("tenant", "team a"), BASELINE).build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ERROR [ps] Namespace Shop metadata.name: namespace name 'Shop' is not a DNS-1123"
            + " label")
        .hasMessageContaining("ERROR [ps] selectors{}: an empty label selector would take every namespace of the"
            + " spec — give at least one label, or list the namespaces with namespace(...)")
        .hasMessageContaining("ERROR [ps] selectors{tenant=team a}.tenant: label value 'team a' must consist of"
            + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric — use a label value such as"
            + " 'db': at most 63 letters, digits, '-', '_' or '.'");
    assertThatThrownBy(() -> PodSecurityLabels.builder().name("ps").build())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ERROR [ps]: labels no namespace — add namespace(...), tenant(...) or"
            + " namespacesLabelled(...)");
  }
}
