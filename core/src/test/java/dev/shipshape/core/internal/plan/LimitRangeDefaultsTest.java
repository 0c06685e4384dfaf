package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A bare Pod judged with the defaults the LimitRanges of its namespace fill in before the API server validates it,
 * and pod templates judged as written.
 */
class LimitRangeDefaultsTest {
  private static final String POD = "ERROR [resources] Pod shop/p spec.containers[0].resources";

  @Test
  void aPodRequestingAnExtendedResourceGetsItsLimitFromTheDefaultOfItsNamespace() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '2'}}"))
        .yaml(pod("shop", "{requests: {nvidia.com/gpu: '2'}}"))
        .yaml(podWithInit("{requests: {nvidia.com/gpu: '2'}}")).build();

    assertThat(Problems.warnings(spec)).isEmpty();
  }

  @Test
  void aDefaultLimitBelowTheRequestIsReportedAsCausedByTheLimitRange() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '1', cpu: '1'}}"))
        .yaml(pod("shop", "{requests: {nvidia.com/gpu: '2', cpu: '2'}}")).build();

    assertThat(Problems.of(spec)).containsExactly(
        POD + ".requests.nvidia.com/gpu: the request 2 differs from the limit 1 of nvidia.com/gpu, and extended "
            + "resources cannot be overcommitted, after the default limit nvidia.com/gpu=1 of LimitRange "
            + "shop/limits (spec.limits[0].default.nvidia.com/gpu) fills it in — set limits.nvidia.com/gpu equal "
            + "to the request in the Pod, or change the default in LimitRange shop/limits",
        POD + ".requests.cpu: the request 2 is above the limit 1 of cpu, after the default limit cpu=1 of "
            + "LimitRange shop/limits (spec.limits[0].default.cpu) fills it in — set limits.cpu in the Pod to the "
            + "request at least, or lower the request, or change the default in LimitRange shop/limits");
  }

  @Test
  void aMaxStandsForTheDefaultLimitAndTheDefaultRequestForAMissingRequest() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, max: {cpu: '2'}, default: {memory: 1Gi}}"))
        .yaml(pod("shop", "{requests: {cpu: '3', memory: 2Gi}}")).build();

    assertThat(Problems.of(spec)).containsExactly(
        POD + ".requests.cpu: the request 3 is above the limit 2 of cpu, after the default limit cpu=2 of "
            + "LimitRange shop/limits (spec.limits[0].max.cpu, which stands for the default limit when there is "
            + "none) fills it in — set limits.cpu in the Pod to the request at least, or lower the request, or "
            + "change the default in LimitRange shop/limits",
        POD + ".requests.memory: the request 2Gi is above the limit 1Gi of memory, after the default limit "
            + "memory=1Gi of LimitRange shop/limits (spec.limits[0].default.memory) fills it in — set "
            + "limits.memory in the Pod to the request at least, or lower the request, or change the default in "
            + "LimitRange shop/limits");
  }

  @Test
  void aDefaultRequestAboveTheWrittenLimitIsNotFilledInBecauseThePodsLimitIsItsRequest() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {memory: 1Gi},"
        + " defaultRequest: {memory: 256Mi}}")).yaml(pod("shop", "{limits: {memory: 128Mi}}")).build();

    assertThat(Problems.warnings(spec)).isEmpty();
  }

  @Test
  void aDefaultRequestWithoutADefaultLimitForAnExtendedResourceIsReportedAsCausedByTheLimitRange() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, defaultRequest: {example.com/fpga: '1'}}"))
        .yaml(pod("shop", "{}")).build();

    assertThat(Problems.of(spec)).containsExactly(POD + ".limits: example.com/fpga is requested without a limit, "
        + "and extended resources cannot be overcommitted, after the default request example.com/fpga=1 of "
        + "LimitRange shop/limits (spec.limits[0].defaultRequest.example.com/fpga) fills it in — set "
        + "limits.example.com/fpga equal to the request in the Pod (or set the limit alone: the request defaults "
        + "to it), or change the default in LimitRange shop/limits");
  }

  @Test
  void hugepagesNeedNoCpuOrMemoryOfTheirOwnWhenALimitRangeGivesThem() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {cpu: 500m}}"))
        .yaml(pod("shop", "{requests: {hugepages-2Mi: 2Mi}, limits: {hugepages-2Mi: 2Mi}}")).build();

    assertThat(Problems.warnings(spec)).isEmpty();
  }

  @Test
  void hugepagesThatOnlyALimitRangeGivesAreReportedAsCausedByIt() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {hugepages-2Mi: 2Mi}}"))
        .yaml(pod("shop", "{}")).build();

    assertThat(Problems.of(spec)).containsExactly(POD + ": hugepages are requested without cpu or memory, which "
        + "the API server refuses, after the default request hugepages-2Mi=2Mi of LimitRange shop/limits "
        + "(spec.limits[0].default.hugepages-2Mi, which stands for the default request when there is none) and the "
        + "default limit hugepages-2Mi=2Mi of LimitRange shop/limits (spec.limits[0].default.hugepages-2Mi) fill "
        + "them in — add a memory (or cpu) request or limit to the container");
  }

  @Test
  void podTemplatesAndPodsOfOtherNamespacesAreJudgedAsWritten() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '2', cpu: '1'}}"))
        .yaml(pod("legacy", "{requests: {nvidia.com/gpu: '2'}}"))
        .yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec: {selector: "
            + "{matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, "
            + "image: i, resources: {requests: {nvidia.com/gpu: '2', cpu: '2'}}}]}}}\n").build();

    String fix = " — set limits.nvidia.com/gpu equal to the request (or set the limit alone: the request defaults "
        + "to it)";
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] Pod legacy/p spec.containers[0].resources.limits: nvidia.com/gpu is requested without a "
            + "limit, and extended resources cannot be overcommitted" + fix,
        "ERROR [resources] Deployment.apps shop/d spec.template.spec.containers[0].resources.limits: nvidia.com/gpu "
            + "is requested without a limit, and extended resources cannot be overcommitted" + fix);
  }

  @Test
  void ofTheContainerItemsOfOneLimitRangeTheLastWins() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {cpu: '4'}},"
        + " {type: Pod, max: {cpu: '8'}}, {type: Container, default: {cpu: '1'}}"))
        .yaml(pod("shop", "{requests: {cpu: '2'}}")).build();

    assertThat(Problems.of(spec)).singleElement().asString()
        .contains("the request 2 is above the limit 1 of cpu, after the default limit cpu=1 of LimitRange "
            + "shop/limits (spec.limits[2].default.cpu)");
  }

  @Test
  void twoLimitRangesGivingOneResourceDifferentDefaultsAreWarnedAbout() {
    ClusterSpec spec = spec().yaml(limitRange("a", "{type: Container, default: {cpu: '1', memory: 1Gi}}"))
        .yaml(limitRange("b", "{type: Container, default: {cpu: 1000m, memory: 2Gi}}")).build();

    assertThat(Problems.warnings(spec)).containsExactly(
        "WARNING [resources] LimitRange shop/b spec.limits[0].default.memory: the default limit memory=2Gi "
            + "differs from the 1Gi that LimitRange shop/a gives (spec.limits[0].default.memory): the API server "
            + "applies the LimitRanges of a namespace in no fixed order, so a Pod's container may get either — "
            + "give the default of memory in one LimitRange of namespace shop");
  }

  /**
   * For an extended resource, a Pod requesting it without a limit plans exactly when its namespace's default limit
   * equals the request; for cpu, exactly when the default limit is the request or more.
   */
  @Property(tries = 40)
  void aPodPlansExactlyWhenTheDefaultLimitFitsItsRequest(@ForAll @IntRange(min = 1, max = 4) int request,
      @ForAll @IntRange(min = 1, max = 4) int defaultLimit) {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {example.com/gpu: '"
        + defaultLimit + "', cpu: '" + defaultLimit + "'}}"))
        .yaml(pod("shop", "{requests: {example.com/gpu: '" + request + "'}}"))
        .yaml(pod("shop", "{requests: {cpu: '" + request + "'}}").replace("name: p", "name: q")).build();

    List<String> errors = plans(spec) ? List.of() : Problems.of(spec);
    assertThat(errors.stream().anyMatch(e -> e.contains("Pod shop/p "))).isEqualTo(request != defaultLimit);
    assertThat(errors.stream().anyMatch(e -> e.contains("Pod shop/q "))).isEqualTo(request > defaultLimit);
  }

  private static boolean plans(ClusterSpec spec) {
    try {
      spec.plan();
      return true;
    } catch (dev.shipshape.core.SpecValidationException e) {
      return false;
    }
  }

  private static String limitRange(String name, String items) {
    return "apiVersion: v1\nkind: LimitRange\nmetadata: {name: " + name + ", namespace: shop}\n"
        + "spec: {limits: [" + items + "]}\n";
  }

  private static String pod(String namespace, String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: " + namespace + "}\n"
        + "spec: {containers: [{name: c, image: i, resources: " + resources + "}]}\n";
  }

  private static String podWithInit(String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: init, namespace: shop}\n"
        + "spec: {initContainers: [{name: i, image: i, resources: " + resources + "}],"
        + " containers: [{name: c, image: i}]}\n";
  }
}
