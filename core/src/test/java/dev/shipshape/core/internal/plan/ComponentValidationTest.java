package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.core.testing.StaticComponent;
import dev.shipshape.core.testing.TestManifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Components that fail to compile or validate, duplicate component names, and many problems at once. */
class ComponentValidationTest {
  private static final String BUG_FIX =
      " — fix the component's configuration; this is a bug in the component if it persists";
  private static final ResourceRef SETTINGS = ResourceRef.core("ConfigMap", "shop", "settings");

  @Test
  void componentThatThrowsWhileCompilingIsReported() {
    ClusterSpec spec = spec().component(failing("broken", new IllegalStateException("no image given"))).build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [broken]: failed to compile: java.lang.IllegalStateException: no image given" + BUG_FIX);
  }

  @Test
  void problemsThrownWhileCompilingAreAttributedToTheComponent() {
    Problem problem = Problem.error(SETTINGS, "data.mode", "mode 'turbo' is unknown", "use 'fast' or 'safe'");
    ClusterSpec spec = spec()
        .component(failing("settings", new SpecValidationException("settings", List.of(problem)))).build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [settings] ConfigMap shop/settings data.mode: mode 'turbo' is unknown — use 'fast' or 'safe'");
  }

  @Test
  void componentThatLooksAtNamespacesAndFailsIsReportedOnce() {
    Component lookingAround = new Component() {
      @Override
      public String name() {
        return "per-namespace";
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        context.namespaces();
        throw new IllegalArgumentException("no tenant namespace");
      }
    };
    ClusterSpec spec = spec()
        .component(lookingAround, StaticComponent.of("tenants", TestManifests.namespace("tenant-a")))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [per-namespace]: failed to compile: java.lang.IllegalArgumentException: no tenant namespace" + BUG_FIX);
  }

  @Test
  void problemsFromValidateAreAttributedToTheComponent() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "settings"))
            .validatedBy(context -> context.find(ResourceRef.core("Secret", "shop", "db")).isPresent() ? List.of()
                : List.of(Problem.error(SETTINGS, "data", "needs Secret shop/db", "add a database component"))))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [settings] ConfigMap shop/settings data: needs Secret shop/db — add a database component");
  }

  @Test
  void warningsFromValidateDoNotStopThePlan() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "settings"))
            .validatedBy(context -> List.of(Problem.warning(SETTINGS, "data", "is empty", "add some settings"))))
        .build();
    assertThat(Problems.warnings(spec)).containsExactly(
        "WARNING [settings] ConfigMap shop/settings data: is empty — add some settings");
  }

  @Test
  void componentThatThrowsWhileValidatingIsReported() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("settings", TestManifests.configMap("shop", "settings"))
            .validatedBy(context -> {
              throw new IllegalArgumentException("selector matches nothing");
            }))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [settings]: failed to validate: java.lang.IllegalArgumentException: selector matches nothing"
            + BUG_FIX);
  }

  @Test
  void problemsOfComponentsValidatedOnSeveralThreadsComeInTheComponentsOrder() {
    // The first component's validation finishes only after the last one's has (when they run on two threads), so
    // their problems are ready in another order than the components'.
    CountDownLatch lastDone = new CountDownLatch(1);
    AtomicBoolean firstWaited = new AtomicBoolean();
    ClusterSpec.Builder builder = spec();
    List<String> expected = new ArrayList<>();
    int count = 40;
    for (int i = 0; i < count; i++) {
      int index = i;
      ResourceRef ref = ResourceRef.core("ConfigMap", "shop", "settings-" + i);
      builder.component(StaticComponent.of("c" + i, TestManifests.configMap("shop", "settings-" + i))
          .validatedBy(context -> {
            if (index == 0) firstWaited.set(await(lastDone));
            if (index == count - 1) lastDone.countDown();
            return List.of(Problem.error(ref, "data", "is empty", "add some settings"));
          }));
      expected.add("ERROR [c" + i + "] ConfigMap shop/settings-" + i + " data: is empty — add some settings");
    }
    assertThat(Problems.of(builder.build())).containsExactlyElementsOf(expected);
    assertThat(firstWaited).as("the last component was validated while the first one waited").isTrue();
  }

  @Test
  void componentsAreValidatedWithTheCallersContextClassLoader() {
    ClassLoader callers = new ClassLoader(getClass().getClassLoader()) { };
    Thread caller = Thread.currentThread();
    // A validation on the caller's thread waits until one has run on another thread, so that some do.
    CountDownLatch onAnotherThread = new CountDownLatch(1);
    List<ClassLoader> seen = Collections.synchronizedList(new ArrayList<>());
    ClusterSpec.Builder builder = spec();
    for (int i = 0; i < 20; i++) {
      builder.component(StaticComponent.of("c" + i, TestManifests.configMap("shop", "settings-" + i))
          .validatedBy(context -> {
            seen.add(Thread.currentThread().getContextClassLoader());
            if (Thread.currentThread() == caller) {
              await(onAnotherThread);
            } else {
              onAnotherThread.countDown();
            }
            return List.of();
          }));
    }
    ClusterSpec spec = builder.build();
    ClassLoader own = caller.getContextClassLoader();
    caller.setContextClassLoader(callers);
    try {
      spec.plan();
    } finally {
      caller.setContextClassLoader(own);
    }
    assertThat(onAnotherThread.getCount()).as("a validation ran on another thread").isZero();
    assertThat(seen).hasSize(20).containsOnly(callers);
  }

  /** Waits for the latch, at most 30 s; false when it timed out. */
  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void twoComponentsWithTheSameNameAreAnError() {
    ClusterSpec spec = spec()
        .component(StaticComponent.of("web", TestManifests.configMap("shop", "a")))
        .component(StaticComponent.of("web", TestManifests.configMap("shop", "b")))
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [web]: two components are named 'web' — give each component of the spec its own name");
  }

  @Test
  void oneExceptionListsEveryProblemOfTheSpec() {
    ResourceRef a = ResourceRef.core("ConfigMap", "shop", "a");
    ResourceRef b = ResourceRef.core("ConfigMap", "shop", "b");
    ClusterSpec spec = ClusterSpec.builder().name("big")
        .resource(TestManifests.namespace("shop"), TestManifests.namespace("Bad_Namespace"))
        .resource(TestManifests.configMap("ghost", "orphan"), TestManifests.configMap("shop", "a"),
            TestManifests.configMap("shop", "b"))
        .yaml("apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {serviceAccountName: robot,"
            + " containers: [{name: c, image: c}]}\n")
        .yaml("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: shop}\nspec:"
            + " {storageClassName: fast}\n")
        .component(StaticComponent.of("web", TestManifests.configMap("shop", "c")))
        .component(StaticComponent.of("web", TestManifests.configMap("shop", "d")))
        .component(failing("broken", new IllegalStateException("boom")))
        .dependsOn(a, b)
        .dependsOn(b, a)
        .dependsOn(a, ResourceRef.core("Secret", "shop", "missing"))
        .build();
    SpecValidationException e = catchThrowableOfType(spec::plan, SpecValidationException.class);
    String nl = System.lineSeparator();
    assertThat(e.getMessage()).isEqualTo("ClusterSpec big is invalid: 7 errors, 1 warning" + nl
        + "  ERROR [web]: two components are named 'web' — give each component of the spec its own name" + nl
        + "  ERROR [broken]: failed to compile: java.lang.IllegalStateException: boom" + BUG_FIX + nl
        + "  ERROR [resources] Namespace Bad_Namespace metadata.name: name 'Bad_Namespace' is not a DNS-1123 label"
        + " (lower-case letters, digits and '-', starting and ending with a letter or digit) — use at most 63"
        + " lower-case letters, digits and '-', such as 'shop-api'" + nl
        + "  ERROR [resources] ConfigMap ghost/orphan metadata.namespace: namespace 'ghost' is neither created by the"
        + " spec nor declared pre-existing — add Namespace ghost to the spec, or declare it with"
        + " preExistingNamespace(\"ghost\") (command line: --pre-existing-namespace ghost)" + nl
        + "  ERROR [resources] Pod shop/p spec.serviceAccountName: refers to ServiceAccount shop/robot, which is not"
        + " in the spec; namespace shop is created by this spec, so it cannot exist yet — add ServiceAccount"
        + " shop/robot to the spec, fix the name, or declare it with preExistingResource(...)" + nl
        + "  ERROR Secret shop/missing: dependency ConfigMap shop/a after Secret shop/missing names Secret"
        + " shop/missing, which is not in the spec — add it to the spec or remove the dependency" + nl
        + "  ERROR [resources] ConfigMap shop/a: dependency cycle (each depends on the next): ConfigMap shop/a ->"
        + " ConfigMap shop/b -> ConfigMap shop/a — remove one of the explicit dependencies on this path" + nl
        + "  WARNING [resources] PersistentVolumeClaim shop/data spec.storageClassName: refers to StorageClass"
        + ".storage.k8s.io fast, which is not in the spec; the cluster may already hold it — add"
        + " StorageClass.storage.k8s.io fast to the spec, fix the name, or declare it with"
        + " preExistingResource(...)");
    assertThat(e.errors()).hasSize(7);
    assertThat(e.problems()).hasSize(8);
  }

  private static Component failing(String name, RuntimeException failure) {
    return new Component() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<HasMetadata> compile(CompileContext context) {
        throw failure;
      }
    };
  }
}
