package dev.shipshape.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The names of the resources a container requests or limits, and a LimitRange item of type Container or Pod
 * bounds, as the API server validates them ({@code validateContainerResourceName}, pkg/apis/core/validation; the
 * helpers of pkg/apis/core/helper): a qualified name; without a domain, cpu, memory, ephemeral-storage or
 * {@code hugepages-<size>}; with a domain, one in {@code kubernetes.io} (native) or an extended resource such as
 * {@code nvidia.com/gpu}. Huge pages and extended resources cannot be overcommitted, and extended resources come in
 * whole units ("Resource Management for Pods and Containers" in the Kubernetes documentation).
 */
public final class ContainerResourceNames {
  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  /** The prefix of huge-page resources, {@code hugepages-<page size>}. */
  public static final String HUGE_PAGES = "hugepages-";
  private static final String QUOTA_REQUESTS = "requests.";

  private ContainerResourceNames() {}

  /** What is wrong with {@code name} as a container's resource, each to follow {@code resource 'NAME' }; else empty. */
  public static List<String> check(String name) {
    List<String> problems = new ArrayList<>();
    if (!Names.checkLabelKey(name).isEmpty()) {
      problems.add("is not a qualified name (an optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_'"
          + " or '.')");
    } else if (!name.contains("/")) {
      if (!STANDARD.contains(name) && !isHugePages(name)) problems.add("is not a container resource");
    } else if (!isNative(name) && !isExtended(name)) {
      problems.add("is not an extended resource name (such as 'example.com/device')");
    }
    return problems;
  }

  /** Whether the name is a huge-page resource, {@code hugepages-<size>}. */
  public static boolean isHugePages(String name) {
    return name.startsWith(HUGE_PAGES);
  }

  /**
   * Whether the name is an extended resource, such as {@code nvidia.com/gpu}: outside {@code kubernetes.io}, not a
   * quota's {@code requests.} name, and a qualified name with {@code requests.} before it ({@code
   * IsExtendedResourceName}).
   */
  public static boolean isExtended(String name) {
    return !isNative(name) && !name.startsWith(QUOTA_REQUESTS) && Names.checkLabelKey(QUOTA_REQUESTS + name).isEmpty();
  }

  /** Whether a container may request less than its limit: not of huge pages nor extended resources. */
  public static boolean overcommitAllowed(String name) {
    return isNative(name) && !isHugePages(name);
  }

  /** Names without a domain, and those of {@code kubernetes.io}, are native. */
  private static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }
}
