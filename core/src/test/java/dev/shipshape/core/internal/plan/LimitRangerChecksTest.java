package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Pods, and the Pods of pod templates, against the min, max and maxLimitRequestRatio of their namespace's
 * LimitRanges, as the LimitRanger admission plugin holds them once the defaults are in, with the plugin's own
 * message where kube-apiserver 1.34 refuses the same Pod ({@code LimitRangeFidelityTest} of the tenancy module
 * compares many more on the real server).
 */
class LimitRangerChecksTest {
  private static final String POD = "ERROR [resources] Pod shop/p spec.containers[0].resources.";
  private static final String REFUSES = ", which the LimitRanger admission plugin refuses";

  /**
   * {@code minimum cpu usage per Container is 500m, but request is 100m}, {@code maximum cpu usage per Container is
   * 2, but limit is 3}, {@code memory max limit to request ratio per Container is 2, but no request is specified or
   * request is 0}.
   */
  @Test
  void eachContainerIsHeldToTheContainerItem() {
    ClusterSpec spec = spec().yaml(limitRange("{type: Container, min: {cpu: 500m}, max: {cpu: '2'},"
        + " maxLimitRequestRatio: {memory: '2'}}")).yaml(pod("{requests: {cpu: 100m}, limits: {cpu: '3'}}")).build();

    assertThat(Problems.of(spec)).containsExactly(
        POD + "requests.cpu: the request 100m of cpu is below the min 500m per container of LimitRange shop/limits"
            + " (spec.limits[0].min.cpu)" + REFUSES + " — request at least 500m of cpu in the Pod, or lower the min"
            + " in LimitRange shop/limits",
        POD + "limits.cpu: the limit 3 of cpu is above the max 2 per container of LimitRange shop/limits"
            + " (spec.limits[0].max.cpu)" + REFUSES + " — lower limits.cpu to 2 at most in the Pod, or raise the max"
            + " in LimitRange shop/limits",
        POD + "requests: memory has no request (or one of 0)" + REFUSES + " under the maxLimitRequestRatio 2 per"
            + " container of LimitRange shop/limits (spec.limits[0].maxLimitRequestRatio.memory) — request memory in"
            + " the Pod");
  }

  /**
   * A bound that defaults break names them ({@code memory max limit to request ratio per Container is 2, but provided
   * ratio is 8.000000}, the defaults of another LimitRange), and the Pods of a template are refused as a bare Pod
   * is.
   */
  @Test
  void aBoundThatDefaultsBreakNamesThemAndTheTemplatesPodsAreErrors() {
    ClusterSpec spec = spec().yaml(limitRange("{type: Container, maxLimitRequestRatio: {memory: '2'}}"))
        .yaml(limitRange("{type: Container, default: {memory: 1Gi}, defaultRequest: {memory: 128Mi}}")
            .replace("name: limits", "name: a"))
        .yaml(deployment("{requests: {memory: 100Mi}, limits: {memory: 800Mi}}")).yaml(pod("{}")).build();

    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Deployment.apps shop/d spec.template.spec.containers[0].resources.limits.memory: every"
            + " Pod created from this template is refused: the limit 800Mi of memory is 8.000000 times the request"
            + " 100Mi, more than the maxLimitRequestRatio 2 per container of LimitRange shop/limits"
            + " (spec.limits[0].maxLimitRequestRatio.memory)" + REFUSES + " — raise the request of memory or lower"
            + " its limit in the pod template, or raise the ratio in LimitRange shop/limits",
        POD + "limits.memory: the limit 1Gi of memory is 8.000000 times the request 128Mi, more than the"
            + " maxLimitRequestRatio 2 per container of LimitRange shop/limits"
            + " (spec.limits[0].maxLimitRequestRatio.memory)" + REFUSES + ", after the default request memory=128Mi"
            + " of LimitRange shop/a (spec.limits[0].defaultRequest.memory) and the default limit memory=1Gi of"
            + " LimitRange shop/a (spec.limits[0].default.memory) fill them in — raise the request of memory or lower"
            + " its limit in the Pod, or raise the ratio in LimitRange shop/limits, or change the default in"
            + " LimitRange shop/a");
  }

  /**
   * A Pod item bounds the Pod's total: its containers and sidecars added up, and at least the largest init
   * container with the sidecars started before it ({@code maximum cpu usage per Pod is 2, but limit is 3}, {@code
   * maximum memory usage per Pod is 1Gi.  No limit is specified}).
   */
  @Test
  void aPodItemBoundsThePodsTotalWithItsSidecars() {
    String limits = limitRange("{type: Pod, max: {cpu: '2', memory: 1Gi}}");
    String sidecar = "{name: s, image: i, restartPolicy: Always, resources: {limits: {cpu: '1', memory: 256Mi}}}";
    String init = "{name: i, image: i, resources: {limits: {cpu: '2', memory: 256Mi}}}";

    assertThat(Problems.warnings(spec().yaml(limits).yaml(podWith(sidecar, "{limits: {cpu: '1', memory: 512Mi}}"))
        .build())).isEmpty();
    assertThat(Problems.of(spec().yaml(limits).yaml(podWith(sidecar + ", " + init + ", " + sidecar.replace("name: s",
        "name: t"), "{limits: {cpu: 500m, memory: 128Mi}}")).build())).containsExactly("ERROR [resources] Pod shop/p"
        + " spec: the total limit 3 of cpu of the Pod's containers is above the max 2 per Pod of LimitRange"
        + " shop/limits (spec.limits[0].max.cpu)" + REFUSES + " — lower limits.cpu to 2 at most in the Pod, or raise"
        + " the max in LimitRange shop/limits");
    assertThat(Problems.of(spec().yaml(limits).yaml(pod("{limits: {cpu: '1'}}")).build())).containsExactly(
        "ERROR [resources] Pod shop/p spec: no container of the Pod limits memory" + REFUSES + " under the max 1Gi"
            + " per Pod of LimitRange shop/limits (spec.limits[0].max.memory) — set limits.memory to 1Gi at most in"
            + " the Pod");
  }

  /**
   * A Pod item takes the cpu and memory a Pod sets of its own, and sums every other resource from its containers
   * ({@code maximum ephemeral-storage usage per Pod is 1Gi, but limit is 2Gi}); the Pod's own cpu request stands for
   * its containers' total ({@code minimum cpu usage per Pod is 2, but request is 1}).
   */
  @Test
  void aPodsOwnResourcesReplaceOnlyItsCpuAndMemoryTotals() {
    String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {resources: {requests:"
        + " {cpu: '1'}}, containers: [{name: c, image: i, resources: {requests: {cpu: 500m, ephemeral-storage: 1Gi},"
        + " limits: {ephemeral-storage: 2Gi}}}]}\n";

    assertThat(Problems.of(spec().yaml(limitRange("{type: Pod, max: {ephemeral-storage: 1Gi}}")).yaml(pod).build()))
        .containsExactly("ERROR [resources] Pod shop/p spec: the total limit 2Gi of ephemeral-storage of the Pod's"
            + " containers is above the max 1Gi per Pod of LimitRange shop/limits"
            + " (spec.limits[0].max.ephemeral-storage)" + REFUSES + " — lower limits.ephemeral-storage to 1Gi at most"
            + " in the Pod, or raise the max in LimitRange shop/limits");
    assertThat(Problems.of(spec().yaml(limitRange("{type: Pod, min: {cpu: 750m}}")).yaml(pod.replace("cpu: '1'",
        "cpu: 600m")).build())).containsExactly("ERROR [resources] Pod shop/p spec: the total request 600m of cpu of"
        + " the Pod's containers is below the min 750m per Pod of LimitRange shop/limits (spec.limits[0].min.cpu)"
        + REFUSES + " — request at least 750m of cpu in the Pod, or lower the min in LimitRange shop/limits");
  }

  /**
   * A default that the server refuses for another reason, reported on its LimitRange (huge pages with no cpu or
   * memory default), still breaks a bound in a container that sets memory: {@code maximum hugepages-2Mi usage per
   * Pod is 2Mi, but limit is 4Mi}.
   */
  @Test
  void aDefaultReportedOnItsLimitRangeStillBreaksTheBoundsOfPodsItDoesNotRefuse() {
    ClusterSpec spec = spec().yaml(limitRange("{type: Container, default: {hugepages-2Mi: 4Mi}},"
        + " {type: Pod, max: {hugepages-2Mi: 2Mi}}")).yaml(pod("{limits: {memory: 1Gi}}")).build();

    assertThat(Problems.of(spec)).containsExactly("ERROR [resources] LimitRange shop/limits"
        + " spec.limits[0].default.hugepages-2Mi: the default limit hugepages-2Mi=4Mi brings huge pages, but no"
        + " LimitRange of namespace shop gives cpu or memory, so the API server refuses every container with them"
        + " that sets neither — give a default request or limit of memory (or cpu) beside it",
        "ERROR [resources] Pod shop/p spec: the total limit 4Mi of hugepages-2Mi of the Pod's containers is above the"
        + " max 2Mi per Pod of LimitRange shop/limits (spec.limits[1].max.hugepages-2Mi)" + REFUSES + ", after the"
        + " default limit hugepages-2Mi=4Mi of LimitRange shop/limits (spec.limits[0].default.hugepages-2Mi) fills"
        + " it in — lower limits.hugepages-2Mi to 2Mi at most in the Pod, or raise the max in LimitRange shop/limits,"
        + " or change the default in LimitRange shop/limits");
  }

  /**
   * The plugin compares thousandths rounded up: a request of 100 millionths of a core is 1m for it, so a min of 1m
   * takes it; and it runs after the Pod validates, so a Pod the validation refuses gets no bound checked.
   */
  @Test
  void amountsAreComparedInThousandthsRoundedUpAndOnlyForValidPods() {
    String min = limitRange("{type: Container, min: {cpu: 1m}, max: {cpu: '1'}}");
    assertThat(Problems.warnings(spec().yaml(min).yaml(pod("{requests: {cpu: 100u}}")).build())).isEmpty();
    assertThat(Problems.of(spec().yaml(min).yaml(pod("{requests: {cpu: '2'}}")).build())).containsExactly(POD
        + "requests.cpu: the request 2 is above the limit 1 of cpu, after the default limit cpu=1 of LimitRange"
        + " shop/limits (spec.limits[0].max.cpu, which stands for the default limit when there is none) fills it in"
        + " — set limits.cpu in the Pod to the request at least, or lower the request, or change the default in"
        + " LimitRange shop/limits");
  }

  /** Under a Container item's max, a Pod plans exactly when its limit and its request are at most the max. */
  @Property(tries = 60)
  void aPodPlansExactlyWhenItsLimitAndRequestAreWithinTheMax(@ForAll @IntRange(min = 1, max = 4) int max,
      @ForAll @IntRange(min = 1, max = 4) int request, @ForAll @IntRange(min = 1, max = 4) int limit) {
    ClusterSpec spec = spec().yaml(limitRange("{type: Container, max: {memory: " + max + "Gi}}"))
        .yaml(pod("{requests: {memory: " + request + "Gi}, limits: {memory: " + limit + "Gi}}")).build();

    assertThat(plans(spec)).isEqualTo(limit <= max && request <= limit);
  }

  private static boolean plans(ClusterSpec spec) {
    try {
      spec.plan();
      return true;
    } catch (SpecValidationException e) {
      return false;
    }
  }

  private static String limitRange(String items) {
    return "apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits, namespace: shop}\nspec: {limits: [" + items
        + "]}\n";
  }

  private static String pod(String resources) {
    return podWith("", resources);
  }

  private static String podWith(String initContainers, String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {initContainers: ["
        + initContainers + "], containers: [{name: c, image: i, resources: " + resources + "}]}\n";
  }

  private static String deployment(String resources) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec: {selector: "
        + "{matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, "
        + "image: i, resources: " + resources + "}]}}}\n";
  }
}
