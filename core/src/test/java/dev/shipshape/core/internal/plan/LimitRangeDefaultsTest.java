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
 * A bare Pod judged with the defaults the LimitRanges of its namespace fill in before the API server validates it; a
 * pod template judged as written, then, if the server takes it, its Pods as a bare Pod; defaults the server refuses
 * in every container reported once, on their LimitRange.
 */
class LimitRangeDefaultsTest {
  private static final String POD = "ERROR [resources] Pod shop/p spec.containers[0].resources";

  @Test
  void aPodRequestingAnExtendedResourceGetsItsLimitFromTheDefaultOfItsNamespace() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '2'}}"))
        .yaml(pod("shop", "{requests: {nvidia.com/gpu: '2'}}"))
        .yaml(podWithInit("{requests: {nvidia.com/gpu: '2'}}")).build();

    // The Pods plan; the default itself reaches every container that sets no device, so every Pod asks for one.
    assertThat(Problems.warnings(spec)).containsExactly("WARNING [resources] LimitRange shop/limits"
        + " spec.limits[0].default.nvidia.com/gpu: the default limit nvidia.com/gpu=2 reaches every container of"
        + " namespace shop that sets no nvidia.com/gpu, so every Pod asks for the device: Pods run only on nodes that"
        + " have it, or stay Pending, and hold devices they do not use — remove"
        + " spec.limits[0].default.nvidia.com/gpu, and set it in the resources of the workloads that use the device");
    assertThat(Problems.warnings(spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '0',"
        + " memory: 1Gi}}")).build())).isEmpty();
  }

  @Test
  void aDefaultLimitBelowTheRequestIsReportedAsCausedByTheLimitRange() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '1', cpu: '1'}}"))
        .yaml(pod("shop", "{requests: {nvidia.com/gpu: '2', cpu: '2'}}")).build();

    assertThat(Problems.of(spec)).filteredOn(p -> p.startsWith("ERROR")).containsExactly(
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

  /**
   * The API server refuses every container that sets no limit of it ({@code Limit must be set for non overcommitable
   * resources}): one error, on the LimitRange, not one more on each Pod it reaches; a Pod that sets the limit passes.
   */
  @Test
  void aDefaultRequestWithoutADefaultLimitOfAnExtendedResourceIsReportedOnceOnItsLimitRange() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, defaultRequest: {example.com/fpga: '1'}}"))
        .yaml(pod("shop", "{}")).yaml(deployment("{}"))
        .yaml(pod("shop", "{limits: {example.com/fpga: '1'}}").replace("name: p", "name: q")).build();

    assertThat(Problems.of(spec)).containsExactly("ERROR [resources] LimitRange shop/limits"
        + " spec.limits[0].defaultRequest.example.com/fpga: the default request example.com/fpga=1 has no default"
        + " limit in namespace shop, and example.com/fpga cannot be overcommitted, so the API server refuses every"
        + " container that sets no example.com/fpga limit — give example.com/fpga a default limit of the same"
        + " amount, or leave out the default request");
  }

  /**
   * The API server refuses every container that takes such a default ({@code must be greater than or equal to 0},
   * {@code must be an integer}, {@code 3Mi is not positive integer multiple of hugepages-2Mi}), though not the
   * LimitRange: reported there, once per field, and not again on the Pods; a default limit that stands for the
   * default request is one field.
   */
  @Test
  void defaultsThatTheServerRefusesInEveryContainerAreReportedOnTheirLimitRange() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {cpu: '-1', memory: 1Gi,"
        + " nvidia.com/gpu: 1500m, hugepages-2Mi: 3Mi, hugepages-huge: 2Mi}}"))
        .yaml(pod("shop", "{requests: {cpu: 100m}}")).build();

    String every = ", so the API server refuses every container that takes it — ";
    String at = "ERROR [resources] LimitRange shop/limits spec.limits[0].default.";
    assertThat(Problems.of(spec)).containsExactly(
        at + "cpu: the default limit cpu=-1 is negative" + every + "give a default of 0 or more",
        at + "nvidia.com/gpu: the default limit nvidia.com/gpu=1500m is not a whole number, and extended resources"
            + " come in whole units" + every + "give a whole number, such as 2",
        at + "hugepages-2Mi: the default limit hugepages-2Mi=3Mi is not a whole number of 2Mi pages" + every
            + "give a multiple of 2Mi, such as 4Mi",
        at + "hugepages-huge: resource 'hugepages-huge' names no page size ('huge' is not a whole number of bytes)"
            + every + "name huge pages by their size, such as hugepages-2Mi or hugepages-1Gi");
  }

  @Test
  void hugepagesNeedNoCpuOrMemoryOfTheirOwnWhenALimitRangeGivesThem() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {cpu: 500m}}"))
        .yaml(pod("shop", "{requests: {hugepages-2Mi: 2Mi}, limits: {hugepages-2Mi: 2Mi}}")).build();

    assertThat(Problems.warnings(spec)).isEmpty();
  }

  /**
   * The API server refuses every container with huge pages and neither cpu nor memory ({@code HugePages require cpu
   * or memory}): huge-page defaults with no cpu or memory default in the namespace, reported on the LimitRange; a
   * memory default of another LimitRange of the namespace is beside them.
   */
  @Test
  void hugepagesThatOnlyALimitRangeGivesAreReportedOnItWhenNoDefaultOfTheNamespaceBringsCpuOrMemory() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {hugepages-2Mi: 2Mi}}"))
        .yaml(pod("shop", "{}")).build();

    assertThat(Problems.of(spec)).containsExactly("ERROR [resources] LimitRange shop/limits"
        + " spec.limits[0].default.hugepages-2Mi: the default limit hugepages-2Mi=2Mi brings huge pages, but no"
        + " LimitRange of namespace shop gives cpu or memory, so the API server refuses every container with them"
        + " that sets neither — give a default request or limit of memory (or cpu) beside it");
    assertThat(Problems.warnings(spec().yaml(limitRange("limits", "{type: Container, default: {hugepages-2Mi: 2Mi}}"))
        .yaml(limitRange("memory", "{type: Container, defaultRequest: {memory: 64Mi}}")).yaml(pod("shop", "{}"))
        .build())).isEmpty();
  }

  /** A template the server refuses as written has no Pods to judge; Pods of other namespaces get no defaults. */
  @Test
  void aTemplateRefusedAsWrittenAndPodsOfOtherNamespacesAreJudgedAsWritten() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {nvidia.com/gpu: '2', cpu: '1'}}"))
        .yaml(pod("legacy", "{requests: {nvidia.com/gpu: '2'}}"))
        .yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec: {selector: "
            + "{matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, "
            + "image: i, resources: {requests: {nvidia.com/gpu: '2', cpu: '2'}}}]}}}\n").build();

    String fix = " — set limits.nvidia.com/gpu equal to the request (or set the limit alone: the request defaults "
        + "to it)";
    assertThat(Problems.of(spec)).filteredOn(p -> p.startsWith("ERROR")).containsExactly(
        "ERROR [resources] Pod legacy/p spec.containers[0].resources.limits: nvidia.com/gpu is requested without a "
            + "limit, and extended resources cannot be overcommitted" + fix,
        "ERROR [resources] Deployment.apps shop/d spec.template.spec.containers[0].resources.limits: nvidia.com/gpu "
            + "is requested without a limit, and extended resources cannot be overcommitted" + fix);
  }

  /**
   * The server takes the Deployment, as written, but refuses each Pod its ReplicaSet creates from it (FailedCreate:
   * {@code must be less than or equal to cpu limit of 1}): an error, as it never runs a Pod.
   */
  @Test
  void aTemplateWhosePodsTheDefaultsMakeInvalidIsAnErrorOfItsPods() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {cpu: '1'}}"))
        .yaml(deployment("{requests: {cpu: '2'}}")).yaml(deployment("{requests: {cpu: 500m}}").replace("name: d,",
            "name: fits,")).build();

    assertThat(Problems.of(spec)).containsExactly("ERROR [resources] Deployment.apps shop/d"
        + " spec.template.spec.containers[0].resources.requests.cpu: every Pod created from this template is refused:"
        + " the request 2 is above the limit 1 of cpu, after the default limit cpu=1 of LimitRange shop/limits"
        + " (spec.limits[0].default.cpu) fills it in — set limits.cpu in the pod template to the request at least,"
        + " or lower the request, or change the default in LimitRange shop/limits");
  }

  /** The server refuses the LimitRange ({@code Duplicate value: "Container"}), so it gives the Pod no default. */
  @Test
  void aLimitRangeTheServerRefusesGivesNoDefaults() {
    ClusterSpec spec = spec().yaml(limitRange("limits", "{type: Container, default: {cpu: '4'}},"
        + " {type: Pod, max: {cpu: '8'}}, {type: Container, default: {cpu: '1'}}"))
        .yaml(pod("shop", "{requests: {cpu: '2'}}")).build();

    assertThat(Problems.of(spec)).singleElement().asString().startsWith("ERROR [resources] LimitRange shop/limits"
        + " spec.limits[2].type: ");
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
   * The LimitRanger applies a namespace's LimitRanges in no fixed order, each filling what is still missing: with
   * shop/a first the request is a's 1Gi (its default limit stands for it), with shop/b first it is b's 128Mi, 8 times
   * below the limit ({@code memory max limit to request ratio per Container is 4, but provided ratio is 8.000000}).
   * Refused under some order: a warning; under every order: an error.
   */
  @Test
  void aPodRefusedOnlyUnderSomeOrderOfTheLimitRangesIsAWarning() {
    String a = limitRange("a", "{type: Container, default: {memory: 1Gi}}");
    String b = limitRange("b", "{type: Container, defaultRequest: {memory: 128Mi}, maxLimitRequestRatio: {memory:"
        + " '4'}}");

    String expected = "WARNING [resources] Deployment.apps shop/d spec.template.spec.containers[0].resources.limits"
        + ".memory: when the API server applies the LimitRanges of the namespace in the order shop/b, shop/a (it"
        + " follows no fixed order), every Pod created from this template is refused: the limit 1Gi of memory is"
        + " 8.000000 times the request 128Mi, more than the maxLimitRequestRatio 4 per container of LimitRange shop/b"
        + " (spec.limits[0].maxLimitRequestRatio.memory), which the LimitRanger admission plugin refuses, after the"
        + " default request memory=128Mi of LimitRange shop/b (spec.limits[0].defaultRequest.memory) and the default"
        + " limit memory=1Gi of LimitRange shop/a (spec.limits[0].default.memory) fill them in — raise the request of"
        + " memory or lower its limit in the pod template, or raise the ratio in LimitRange shop/b, or change the"
        + " default in LimitRange shop/b, or change the default in LimitRange shop/a; or give each resource its"
        + " defaults in one LimitRange of the namespace, so that no order matters";
    for (ClusterSpec spec : List.of(spec().yaml(a).yaml(b).yaml(deployment("{}")).build(),
        spec().yaml(b).yaml(a).yaml(deployment("{}")).build())) {
      assertThat(Problems.warnings(spec)).contains(expected).noneMatch(p -> p.startsWith("ERROR"));
    }
    ClusterSpec everyOrder = spec().yaml(a.replace("default: {memory: 1Gi}", "default: {memory: 1Gi}, defaultRequest:"
        + " {memory: 100Mi}")).yaml(b).yaml(deployment("{}")).build();
    assertThat(Problems.of(everyOrder)).filteredOn(p -> p.startsWith("ERROR")).singleElement().asString()
        .startsWith("ERROR [resources] Deployment.apps shop/d spec.template.spec.containers[0].resources.limits"
            + ".memory: every Pod created from this template is refused: the limit 1Gi of memory is 10.240000 times"
            + " the request 100Mi");
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

  @Test
  void aLimitRangeWithAnEmptyNamespaceIsJudgedAsAnyOtherBesideThatMistake() {
    String written = limitRange("limits", "{type: Container, default: {cpu: '-1'}}");
    List<String> problems = Problems.of(spec().yaml(written.replace("namespace: shop", "namespace: ''")).build());

    assertThat(problems).filteredOn(p -> p.contains("spec.limits[0].default.cpu"))
        .containsExactlyElementsOf(Problems.of(spec().yaml(written).build()).stream()
            .filter(p -> p.contains("spec.limits[0].default.cpu")).map(p -> p.replace("shop/limits", "limits"))
            .toList())
        .isNotEmpty();
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

  private static String deployment(String resources) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: shop}\nspec: {selector: "
        + "{matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, "
        + "image: i, resources: " + resources + "}]}}}\n";
  }

  private static String podWithInit(String resources) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: init, namespace: shop}\n"
        + "spec: {initContainers: [{name: i, image: i, resources: " + resources + "}],"
        + " containers: [{name: c, image: i}]}\n";
  }
}
