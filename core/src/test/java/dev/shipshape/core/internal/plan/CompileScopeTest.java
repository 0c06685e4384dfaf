package dev.shipshape.core.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Components learn the scope of a kind from the spec's CRDs while they compile, as Helm learns it from the cluster. */
class CompileScopeTest {

  private static String crd(String scope) {
    return String.join("\n",
        "apiVersion: apiextensions.k8s.io/v1",
        "kind: CustomResourceDefinition",
        "metadata: {name: issuers.example.com}",
        "spec:",
        "  group: example.com",
        "  names: {kind: Issuer, plural: issuers, singular: issuer, listKind: IssuerList}",
        "  scope: " + scope,
        "  versions:",
        "  - name: v1",
        "    served: true",
        "    storage: true",
        "    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}");
  }

  /** Like a chart renderer: puts an Issuer in {@code apps} unless the context says Issuers are cluster-scoped. */
  private static final class Placing implements Component {
    final AtomicInteger compiles = new AtomicInteger();
    final List<Boolean> answers = new ArrayList<>();

    @Override
    public String name() {
      return "chart";
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      compiles.incrementAndGet();
      boolean clusterScoped = context.isClusterScoped("Issuer.example.com");
      answers.add(clusterScoped);
      GenericKubernetesResource issuer = new GenericKubernetesResource();
      issuer.setApiVersion("example.com/v1");
      issuer.setKind("Issuer");
      issuer.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("letsencrypt")
          .withNamespace(clusterScoped ? null : "apps").build());
      return List.of(issuer);
    }
  }

  /** Another component that brings the CRD, as a chart that installs an operator would. */
  private static Component defining(String scope) {
    return new Component() {
      @Override
      public String name() {
        return "operator";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return Manifests.parse(crd(scope));
      }
    };
  }

  private static ClusterSpec.Builder spec() {
    return ClusterSpec.builder().name("scopes")
        .yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n");
  }

  @Test
  void aKindThatAnotherComponentDefinesClusterScopedIsAnsweredSoAfterASecondCompile() {
    Placing chart = new Placing();
    Plan plan = spec().component(chart).component(defining("Cluster")).build().plan();

    assertThat(chart.answers).containsExactly(false, true);
    assertThat(plan.find(ResourceRef.clusterScoped("example.com", "Issuer", "letsencrypt"))).isPresent();
  }

  @Test
  void aKindThatAnotherComponentDefinesNamespacedNeedsNoSecondCompile() {
    Placing chart = new Placing();
    Plan plan = spec().component(chart).component(defining("Namespaced")).build().plan();

    assertThat(chart.compiles).hasValue(1);
    assertThat(plan.find(ResourceRef.namespaced("example.com", "Issuer", "apps", "letsencrypt"))).isPresent();
  }

  @Test
  void aCrdThatAppearsOnlyWhenAnotherComponentIsCompiledAgainStillReachesTheAsker() {
    Placing chart = new Placing();
    // Brings the CRD only once it sees the namespace another component creates, so only when compiled again.
    Component operator = new Component() {
      @Override
      public String name() {
        return "operator";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        boolean seesTools = context.namespaces().stream().anyMatch(ns -> ns.getMetadata().getName().equals("tools"));
        return seesTools ? Manifests.parse(crd("Cluster")) : List.of();
      }
    };
    Component tools = new Component() {
      @Override
      public String name() {
        return "tools";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        return Manifests.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: tools}\n");
      }
    };
    Plan plan = spec().component(chart).component(operator).component(tools).build().plan();

    assertThat(chart.answers).containsExactly(false, true);
    assertThat(plan.find(ResourceRef.clusterScoped("example.com", "Issuer", "letsencrypt"))).isPresent();
  }

  @Test
  void aKindTheSpecsOwnResourcesDefineIsAnsweredAtOnce() {
    Placing chart = new Placing();
    Plan plan = spec().yaml(crd("Cluster")).component(chart).build().plan();

    assertThat(chart.answers).containsExactly(true);
    assertThat(plan.find(ResourceRef.clusterScoped("example.com", "Issuer", "letsencrypt"))).isPresent();
  }

  @Test
  void builtInKindsAreAnsweredByTheTableAndUnknownKindsAreNotClusterScoped() {
    List<Boolean> answers = new ArrayList<>();
    Component asking = new Component() {
      @Override
      public String name() {
        return "asking";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        answers.add(context.isClusterScoped("ClusterRole.rbac.authorization.k8s.io"));
        answers.add(context.isClusterScoped("Namespace"));
        answers.add(context.isClusterScoped("Deployment.apps"));
        answers.add(context.isClusterScoped("Widget.example.com"));
        return List.of();
      }
    };
    spec().component(asking).build().plan();

    assertThat(answers).containsExactly(true, true, false, false);
  }
}
