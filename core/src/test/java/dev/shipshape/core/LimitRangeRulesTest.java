package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API server's rules for a LimitRange's items, each with the server's own message where it refuses the same
 * input (kube-apiserver 1.34, server dry run; {@code LimitRangeFidelityTest} of the tenancy module compares the
 * verdicts over many more).
 */
class LimitRangeRulesTest {
  private static final ResourceRef REF = ResourceRef.namespaced("", "LimitRange", "shop", "limits");
  private static final String AT = "ERROR LimitRange shop/limits spec.limits[";
  private static final String REFUSED = ", so the API server refuses the LimitRange — ";

  static List<LimitRangeItem> items(String items) {
    return Manifests.parse("apiVersion: v1\nkind: LimitRange\nmetadata: {name: limits, namespace: shop}\n"
        + "spec: {limits: [" + items + "]}\n").stream().map(o -> ((LimitRange) Workloads.typed(o)).getSpec()
        .getLimits()).findFirst().orElseThrow();
  }

  static List<String> check(String items) {
    return LimitRangeRules.check(REF, items(items)).stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void itemsInOrderPass() {
    assertThat(check("{type: Container, min: {cpu: 100m, memory: 64Mi}, max: {cpu: '2', memory: 2Gi},"
        + " default: {memory: 512Mi}, defaultRequest: {cpu: 250m, memory: 128Mi}, maxLimitRequestRatio: {cpu: '20'}},"
        + " {type: Pod, max: {cpu: '4', hugepages-2Mi: 4Mi}}, {type: PersistentVolumeClaim, min: {storage: 1Gi}},"
        + " {type: example.com/quota, max: {example.com/things: '3'}}")).isEmpty();
  }

  /** The API server: {@code spec.limits[1].type: Duplicate value: "Container"}. */
  @Test
  void eachTypeAppearsOnce() {
    assertThat(check("{type: Container, default: {cpu: '4'}}, {type: Container, default: {cpu: '1'}}"))
        .containsExactly(AT + "1].type: spec.limits[0] already has type 'Container', and a LimitRange has one item"
            + " per type" + REFUSED + "merge the two items of type 'Container' into one");
  }

  /** The API server: {@code Invalid value: "container": must be a standard limit type or fully qualified}. */
  @Test
  void aTypeIsKnownOrQualifiedWithADomain() {
    assertThat(check("{type: container, max: {cpu: '1'}}, {max: {cpu: '1'}}, {type: example.com/x}")).containsExactly(
        AT + "0].type: type 'container' is neither Container, Pod, PersistentVolumeClaim nor a qualified name with"
            + " a domain" + REFUSED + "use Container, Pod or PersistentVolumeClaim, as written (types are"
            + " case-sensitive)",
        AT + "1].type: the item has no type" + REFUSED + "set type: Container, Pod or PersistentVolumeClaim");
  }

  /**
   * The server decodes a null item as an empty one ({@code spec.limits[0].type: Invalid value: ""}), and two items
   * without a type are two such errors, not also a duplicate type.
   */
  @Test
  void aNullItemAndUntypedItemsHaveNoType() {
    String noType = "].type: the item has no type" + REFUSED + "set type: Container, Pod or PersistentVolumeClaim";
    assertThat(check("null")).containsExactly(AT + "0" + noType);
    assertThat(check("{max: {cpu: '1'}}, {max: {cpu: '2'}}")).containsExactly(AT + "0" + noType, AT + "1" + noType);
  }

  /** The API server: {@code spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'}. */
  @Test
  void aPodItemHasNoDefaults() {
    assertThat(check("{type: Pod, max: {cpu: '2'}, default: {cpu: '1'}}")).containsExactly(AT + "0].default: an"
        + " item of type Pod may not have defaults: the LimitRanger fills defaults into containers, never into a Pod"
        + " as a whole" + REFUSED + "move them to an item of type Container");
  }

  /**
   * The API server: {@code spec.limits[0].max[requests.cpu]: Invalid value: "requests.cpu": must be a standard
   * resource for containers}; a PersistentVolumeClaim item takes other standard resources.
   */
  @Test
  void resourceNamesAreThoseOfTheItemsType() {
    String containers = " — use cpu, memory, ephemeral-storage, hugepages-<size> (such as hugepages-2Mi) or an"
        + " extended resource named with its domain (such as example.com/gpu)";
    assertThat(check("{type: Container, max: {requests.cpu: '1', example.com/fpga: '1'}, min: {Example.com/x: '1'}},"
        + " {type: PersistentVolumeClaim, max: {storage: 1Gi, volumes: '3'}}")).containsExactly(
        AT + "0].max.requests.cpu: resource 'requests.cpu' is not a container resource, so the API server refuses"
            + " the LimitRange" + containers,
        AT + "0].min.Example.com/x: resource 'Example.com/x' is not a qualified name (an optional DNS prefix and"
            + " '/', then at most 63 alphanumerics, '-', '_' or '.'), so the API server refuses the LimitRange"
            + containers,
        AT + "1].max.volumes: resource 'volumes' is neither a standard resource nor a name with a domain" + REFUSED
            + "use storage, or a resource named with its domain");
  }

  @Test
  void aClaimItemBoundsStorage() {
    assertThat(check("{type: PersistentVolumeClaim, max: {requests.storage: 1Gi}}")).containsExactly(AT + "0]: an"
        + " item of type PersistentVolumeClaim bounds neither a min nor a max of storage" + REFUSED + "give"
        + " min.storage or max.storage");
  }

  /**
   * The API server: {@code min value 2 is greater than max value 1}, {@code default request value 2 is greater than
   * default limit value 1}, {@code min value 1Gi is greater than default value 512Mi}, {@code default value 3 is
   * greater than max value 2}, {@code min value 200m is greater than default request value 100m}, {@code default
   * request value 3Gi is greater than max value 2Gi}.
   */
  @Test
  void minDefaultRequestDefaultLimitAndMaxAreInOrder() {
    assertThat(check("{type: Container, min: {cpu: '2'}, max: {cpu: '1'}}")).containsExactly(AT + "0].min.cpu:"
        + " the min 2 of cpu is greater than the max 1" + REFUSED + "lower the min of cpu to the max at most, or"
        + " raise the max");
    assertThat(check("{type: Container, default: {cpu: '1'}, defaultRequest: {cpu: '2'}}")).containsExactly(AT
        + "0].defaultRequest.cpu: the default request cpu=2 is greater than the default limit cpu=1" + REFUSED
        + "lower the default request of cpu to the default limit at most, or raise the default limit");
    assertThat(check("{type: Container, min: {memory: 1Gi}, default: {memory: 512Mi}}")).containsExactly(AT
        + "0].default.memory: the min 1Gi of memory is greater than the default limit memory=512Mi" + REFUSED
        + "raise the default limit of memory to the min at least, or lower the min");
    assertThat(check("{type: Container, max: {cpu: '2'}, default: {cpu: '3'}}")).containsExactly(AT
        + "0].default.cpu: the default limit cpu=3 is greater than the max 2" + REFUSED + "lower the default limit"
        + " of cpu to the max at most, or raise the max");
    assertThat(check("{type: Container, min: {cpu: 200m}, defaultRequest: {cpu: 100m}}")).containsExactly(AT
        + "0].defaultRequest.cpu: the min 200m of cpu is greater than the default request cpu=100m" + REFUSED
        + "raise the default request of cpu to the min at least, or lower the min");
    assertThat(check("{type: Container, max: {memory: 2Gi}, defaultRequest: {memory: 3Gi}}")).containsExactly(AT
        + "0].defaultRequest.memory: the default request memory=3Gi is greater than the max 2Gi" + REFUSED
        + "lower the default request of memory to the max at most, or raise the max");
  }

  /**
   * The server also compares the defaults it completes, and so refuses {@code min: 2, max: 1} three times (min and
   * max, then min and the default limit and request the max stands for): one mistake, reported once. A completed
   * default is the mistake only where the written fields are in order: {@code default value 2 must equal to
   * defaultRequest value 1 in nvidia.com/gpu}.
   */
  @Test
  void aCompletedDefaultIsReportedOnlyWhenTheWrittenFieldsAreInOrder() {
    assertThat(check("{type: Container, min: {cpu: '2', memory: 2Gi}, max: {cpu: '1'}, default: {memory: 1Gi}}"))
        .containsExactly(AT + "0].min.cpu: the min 2 of cpu is greater than the max 1" + REFUSED + "lower the min of"
            + " cpu to the max at most, or raise the max", AT + "0].default.memory: the min 2Gi of memory is greater"
            + " than the default limit memory=1Gi" + REFUSED + "raise the default limit of memory to the min at least,"
            + " or lower the min");
    assertThat(check("{type: Container, max: {nvidia.com/gpu: '2'}, defaultRequest: {nvidia.com/gpu: '1'}}"))
        .containsExactly(AT + "0].defaultRequest.nvidia.com/gpu: the default request nvidia.com/gpu=1 differs from"
            + " the default limit nvidia.com/gpu=2 (spec.limits[0].max.nvidia.com/gpu, which stands for the default"
            + " limit when there is none), and nvidia.com/gpu cannot be overcommitted" + REFUSED + "give"
            + " nvidia.com/gpu the same default limit and default request (or leave the default request out: it"
            + " defaults to the limit)");
  }

  /**
   * The API server: {@code ratio 500m is less than 1}, {@code ratio 30 is greater than max/min = 20.000000}; a ratio
   * of exactly max/min passes.
   */
  @Test
  void aRatioIsAtLeastOneAndAtMostMaxOverMin() {
    assertThat(check("{type: Container, maxLimitRequestRatio: {memory: 500m}}")).containsExactly(AT
        + "0].maxLimitRequestRatio.memory: the maxLimitRequestRatio 500m of memory is less than 1, and a limit is"
        + " never below its request" + REFUSED + "give a ratio of 1 or more");
    assertThat(check("{type: Pod, min: {cpu: 100m}, max: {cpu: '2'}, maxLimitRequestRatio: {cpu: '30'}}"))
        .containsExactly(AT + "0].maxLimitRequestRatio.cpu: the maxLimitRequestRatio 30 of cpu is greater than"
            + " max/min = 20 (the max 2 over the min 100m)" + REFUSED + "lower the ratio to 20 at most, or widen the"
            + " min and max");
    assertThat(check("{type: Pod, min: {cpu: 100m}, max: {cpu: '2'}, maxLimitRequestRatio: {cpu: '20'}}")).isEmpty();
  }

  /** As the server stores a Container item ({@code SetDefaults_LimitRangeItem}), each default with its field. */
  @Test
  void theDefaultsOfAContainerItemAreCompletedFromItsOtherFields() {
    List<String> defaults = LimitRangeRules.defaults(REF, items("{type: Pod, max: {cpu: '8'}}, {type: Container,"
        + " max: {cpu: '2'}, min: {memory: 64Mi, ephemeral-storage: 1Gi}, default: {memory: 512Mi},"
        + " defaultRequest: {ephemeral-storage: 2Gi}}")).stream().map(LimitRangeDefault::named).toList();

    assertThat(defaults).containsExactly(
        "the default limit memory=512Mi",
        "the default limit cpu=2 (spec.limits[1].max.cpu, which stands for the default limit when there is none)",
        "the default request ephemeral-storage=2Gi",
        "the default request memory=512Mi (spec.limits[1].default.memory, which stands for the default request"
            + " when there is none)",
        "the default request cpu=2 (spec.limits[1].max.cpu, which stands for the default limit and request when"
            + " there are none)");
  }
}
