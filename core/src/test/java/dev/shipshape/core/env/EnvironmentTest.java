package dev.shipshape.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.diff.FieldChange;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  static final String YAML = String.join("\n",
      "apiVersion: v1", "kind: Namespace", "metadata: {name: shop}",
      "---",
      "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: shop}",
      "spec:", "  replicas: 3", "  selector: {matchLabels: {app: web}}",
      "  template:", "    metadata: {labels: {app: web}}",
      "    spec:", "      containers:",
      "      - name: web", "        image: nginx:1.27",
      "        resources: {requests: {cpu: '1', memory: 1Gi}, limits: {memory: 1Gi}}",
      "      - name: sidecar", "        image: busybox:1.36",
      "---",
      "apiVersion: apps/v1", "kind: StatefulSet", "metadata: {name: db, namespace: shop}",
      "spec:", "  replicas: 2", "  serviceName: db", "  selector: {matchLabels: {app: db}}",
      "  template:", "    metadata: {labels: {app: db}}",
      "    spec: {containers: [{name: db, image: 'postgres:17'}]}",
      "  volumeClaimTemplates:",
      "  - metadata: {name: data}", "    spec: {storageClassName: fast, accessModes: [ReadWriteOnce], "
          + "resources: {requests: {storage: 1Gi}}}",
      "---",
      "apiVersion: v1", "kind: PersistentVolumeClaim", "metadata: {name: uploads, namespace: shop}",
      "spec: {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}",
      "---",
      "apiVersion: networking.k8s.io/v1", "kind: Ingress", "metadata: {name: web, namespace: shop}",
      "spec:", "  tls: [{hosts: [shop.example.com, other.example.com], secretName: web-tls}]",
      "  rules:", "  - host: shop.example.com",
      "    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}",
      "---",
      "apiVersion: storage.k8s.io/v1", "kind: StorageClass", "metadata: {name: fast}",
      "provisioner: example.com/fast",
      "---",
      "apiVersion: storage.k8s.io/v1", "kind: StorageClass", "metadata: {name: standard}",
      "provisioner: k8s.io/minikube-hostpath",
      "");
  static final ResourceRef WEB = ResourceRef.namespaced("apps", "Deployment", "shop", "web");
  static final ResourceRef DB = ResourceRef.namespaced("apps", "StatefulSet", "shop", "db");
  static final ResourceRef UPLOADS = ResourceRef.core("PersistentVolumeClaim", "shop", "uploads");
  static final ResourceRef INGRESS = ResourceRef.namespaced("networking.k8s.io", "Ingress", "shop", "web");

  static ClusterSpec spec(Environment... environments) {
    return ClusterSpec.builder().name("shop").yaml(YAML).environment(environments).build();
  }

  static EnvironmentDiff diff(EnvironmentOverride... overrides) {
    ClusterSpec spec = spec();
    return EnvironmentDiff.between(spec.plan(), spec.plan(Environment.of("test", overrides)));
  }

  @Test
  void anEnvironmentWithoutOverridesPlansExactlyAsTheSpec() {
    ClusterSpec spec = spec(Environment.of("production"));
    Plan plain = spec.plan();
    Plan production = spec.plan("production");
    assertThat(production.toYaml()).isEqualTo(plain.toYaml());
    assertThat(production.warnings()).isEqualTo(plain.warnings());
    assertThat(production.environment()).contains("production");
    assertThat(plain.environment()).isEmpty();
    assertThat(production.summary()).startsWith("Plan shop (environment production) for Kubernetes");
    assertThat(EnvironmentDiff.between(plain, production).identical()).isTrue();
  }

  @Test
  void replicasOfEveryWorkloadOrOfOne() {
    assertThat(diff(Overrides.replicas(1)).changed()).containsOnlyKeys(WEB, DB)
        .containsEntry(WEB, List.of(FieldChange.of("spec.replicas", FieldChange.Kind.CHANGED,
            java.util.Optional.of("3"), java.util.Optional.of("1"))));
    assertThat(diff(Overrides.replicas(WEB, 5)).changed()).containsOnlyKeys(WEB);
    assertThatThrownBy(() -> Overrides.replicas(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas -1 is negative — use 0 or more");
    assertThatThrownBy(() -> Overrides.replicas(UPLOADS, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PersistentVolumeClaim shop/uploads has no spec.replicas — name a Deployment, StatefulSet, "
            + "ReplicaSet or ReplicationController");
  }

  @Test
  void resourcesOfOneContainer() {
    EnvironmentDiff diff = diff(Overrides.resources(WEB, "web", new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m")).addToLimits("memory", new Quantity("128Mi")).build()));
    assertThat(diff.changed()).containsOnlyKeys(WEB);
    assertThat(diff.changed().get(WEB)).extracting(FieldChange::toString).containsExactly(
        "~ spec.template.spec.containers[0].resources.limits.memory: 1Gi -> 128Mi",
        "~ spec.template.spec.containers[0].resources.requests.cpu: 1 -> 100m",
        "- spec.template.spec.containers[0].resources.requests.memory: 1Gi");
  }

  @Test
  void resourcesOfAContainerTheWorkloadLacksIsAPlanError() {
    ClusterSpec spec = spec(Environment.of("laptop",
        Overrides.resources(WEB, "wbe", new ResourceRequirementsBuilder().build())));
    assertThatThrownBy(() -> spec.plan("laptop")).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("ClusterSpec shop (environment laptop)")
        .satisfies(e -> assertThat(((SpecValidationException) e).errors()).extracting(Problem::toString)
            .containsExactly("ERROR [environment laptop] Deployment.apps shop/web spec.template.spec.containers: "
                + "the environment sets the resources of container 'wbe', which Deployment.apps shop/web does not "
                + "have — name one of its containers: web, sidecar"));
  }

  @Test
  void storageClassOfClaimsAndClaimTemplates() {
    EnvironmentDiff all = diff(Overrides.storageClass("fast", "standard"));
    assertThat(all.changed()).containsOnlyKeys(DB, UPLOADS);
    assertThat(all.changed().get(DB)).extracting(FieldChange::toString)
        .containsExactly("~ spec.volumeClaimTemplates[0].spec.storageClassName: fast -> standard");
    assertThat(diff(Overrides.storageClass(UPLOADS, "standard")).changed()).containsOnlyKeys(UPLOADS);
  }

  @Test
  void storageClassNamesMustBeNamesAClaimTakes() {
    assertThatThrownBy(() -> Overrides.storageClass("fast", "Fast SSD")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storage class to 'Fast SSD' is not a DNS-1123 subdomain (lower-case letters, digits, '-' and "
            + "'.', starting and ending with a letter or digit) — name a StorageClass, such as standard or "
            + "csi-cinder-high-speed");
    assertThatThrownBy(() -> Overrides.storageClass("fast_ssd", "standard"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("storage class from 'fast_ssd' is not");
    assertThatThrownBy(() -> Overrides.storageClass(UPLOADS, "-standard"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("storage class to '-standard' is not");
    assertThat(diff(Overrides.storageClass(UPLOADS, "")).changed())
        .as("an empty class is a claim without dynamic provisioning").containsOnlyKeys(UPLOADS);
  }

  @Test
  void ingressHostsInRulesAndTls() {
    EnvironmentDiff diff = diff(Overrides.ingressHost("shop.example.com", "shop.localtest.me"));
    assertThat(diff.changed().get(INGRESS)).extracting(FieldChange::toString).containsExactly(
        "~ spec.rules[0].host: shop.example.com -> shop.localtest.me",
        "~ spec.tls[0].hosts[0]: shop.example.com -> shop.localtest.me");
  }

  @Test
  void anOverrideThatConcernsNothingIsAPlanError() {
    ClusterSpec spec = spec(Environment.of("laptop", Overrides.storageClass("fats", "standard")));
    assertThatThrownBy(() -> spec.plan("laptop")).isInstanceOf(SpecValidationException.class)
        .satisfies(e -> assertThat(((SpecValidationException) e).errors()).extracting(Problem::toString)
            .containsExactly("ERROR [environment laptop]: override 'storage class of every claim of class fats: "
                + "standard' concerns no object of the spec — fix the names it gives, or remove it from "
                + "environment laptop"));
  }

  @Test
  void anOverrideCanLeaveObjectsOutButNotRenameThem() {
    EnvironmentOverride noIngress = new EnvironmentOverride() {
      @Override
      public String description() {
        return "no Ingress";
      }

      @Override
      public boolean apply(OverriddenObject object) {
        if (!object.ref().kind().equals("Ingress")) return false;
        object.omit();
        return true;
      }
    };
    EnvironmentDiff diff = diff(noIngress);
    assertThat(diff.onlyInLeft()).containsExactly(INGRESS);
    assertThat(diff.toText()).startsWith("(spec) and test differ in 1 of 7 objects; everything else is identical\n"
        + "only in (spec): Ingress.networking.k8s.io shop/web\n");

    EnvironmentOverride rename = new EnvironmentOverride() {
      @Override
      public String description() {
        return "rename";
      }

      @Override
      public boolean apply(OverriddenObject object) {
        if (!object.ref().equals(UPLOADS)) return false;
        object.tree().with("metadata").put("name", "other");
        return true;
      }
    };
    assertThatThrownBy(() -> spec().plan(Environment.of("test", rename)))
        .satisfies(e -> assertThat(((SpecValidationException) e).errors()).extracting(Problem::toString)
            .containsExactly("ERROR [environment test]: override 'rename' changed the identity of "
                + "PersistentVolumeClaim shop/uploads to PersistentVolumeClaim shop/other — an override may "
                + "change an object's content, never its kind, namespace or name"));
  }

  /** An override that records the objects it is shown and concerns {@code concerns}, naming it when told to. */
  private static EnvironmentOverride recording(String name, ResourceRef concerns, boolean names, List<String> log) {
    return new EnvironmentOverride() {
      @Override
      public String description() {
        return name;
      }

      @Override
      public boolean apply(OverriddenObject object) {
        log.add(name + " " + object.ref());
        return object.ref().equals(concerns);
      }

      @Override
      public java.util.Optional<ResourceRef> onlyObject() {
        return names ? java.util.Optional.of(concerns) : java.util.Optional.empty();
      }
    };
  }

  @Test
  void anOverrideThatNamesItsObjectIsShownThatObjectOnlyInTheEnvironmentsOrder() {
    List<String> log = new java.util.ArrayList<>();
    int objects = spec().plan().resources().size();
    spec().plan(Environment.of("test", recording("a", WEB, false, log), recording("b", WEB, true, log),
        recording("c", DB, true, log), recording("d", WEB, false, log)));

    assertThat(log).filteredOn(line -> line.endsWith(WEB.toString()))
        .containsExactly("a " + WEB, "b " + WEB, "d " + WEB);
    assertThat(log).filteredOn(line -> line.startsWith("b ") || line.startsWith("c "))
        .containsExactly("b " + WEB, "c " + DB);
    assertThat(log).filteredOn(line -> line.startsWith("a ")).hasSize(objects);
    // Core's overrides of one workload name it.
    assertThat(Overrides.replicas(WEB, 5).onlyObject()).contains(WEB);
    assertThat(Overrides.replicas(5).onlyObject()).isEmpty();
    assertThat(Overrides.resources(WEB, "web", new ResourceRequirementsBuilder().build()).onlyObject())
        .contains(WEB);
  }

  @Test
  void anOverrideThatFailsToNameItsObjectIsAPlanError() {
    EnvironmentOverride broken = new EnvironmentOverride() {
      @Override
      public String description() {
        return "broken";
      }

      @Override
      public boolean apply(OverriddenObject object) {
        return object.ref().equals(WEB);
      }

      @Override
      public java.util.Optional<ResourceRef> onlyObject() {
        throw new IllegalStateException("no object");
      }
    };
    assertThatThrownBy(() -> spec().plan(Environment.of("test", broken)))
        .satisfies(e -> assertThat(((SpecValidationException) e).errors()).extracting(Problem::toString)
            .containsExactly("ERROR [environment test]: override 'broken' failed to name its object:"
                + " java.lang.IllegalStateException: no object — this is a bug in the override "
                + broken.getClass().getName() + "; report it"));
  }

  @Test
  void planningAnUnknownEnvironmentNamesTheKnownOnes() {
    assertThatThrownBy(() -> spec(Environment.of("laptop"), Environment.of("production")).plan("prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec shop has no environment 'prod'; its environments: laptop, production");
    assertThatThrownBy(() -> spec().plan("prod")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec shop has no environment 'prod'; it declares none — add one with "
            + "ClusterSpec.builder().environment(...)");
  }

  @Test
  void environmentNamesAreLabelsAndUniqueInASpec() {
    assertThatThrownBy(() -> Environment.of("Laptop")).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("environment name 'Laptop' ");
    assertThatThrownBy(() -> spec(Environment.of("laptop"), Environment.of("laptop")))
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("environments: two environments are named 'laptop' — give each environment of the "
            + "spec its own name");
  }

  @Test
  void secretValuesNeverAppearInTheDiff() {
    ClusterSpec spec = ClusterSpec.builder().name("s").yaml(String.join("\n", "apiVersion: v1", "kind: Secret",
        "metadata: {name: creds, namespace: default}", "stringData: {password: hunter2}", "")).build();
    EnvironmentOverride rotate = new EnvironmentOverride() {
      @Override
      public String description() {
        return "other password";
      }

      @Override
      public boolean apply(OverriddenObject object) {
        object.tree().with("stringData").put("password", "correct-horse");
        return true;
      }
    };
    EnvironmentDiff diff = EnvironmentDiff.between(spec.plan(), spec.plan(Environment.of("x", rotate)));
    assertThat(diff.toText()).contains("~ stringData.password: (hidden) -> (hidden)")
        .doesNotContain("hunter2").doesNotContain("correct-horse");
    assertThat(diff.toJson().toString()).doesNotContain("hunter2").doesNotContain("correct-horse");
  }
}
