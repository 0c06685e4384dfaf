package dev.shipshape.tenancy.internal;

import dev.shipshape.core.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resource names the API server accepts in a ResourceQuota's {@code hard} limits and in a LimitRange's container
 * defaults, and which of them must be whole numbers or may not be overcommitted ("Resource Quotas" and "Resource
 * Management for Pods and Containers" in the Kubernetes documentation: extended resources such as
 * {@code nvidia.com/gpu} and huge pages are counted in whole units and never overcommitted).
 */
public final class ResourceNames {
  private static final Set<String> QUOTA_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
      "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
      "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
      "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers");
  private static final Set<String> COUNTED_OBJECTS = Set.of("pods", "resourcequotas", "services",
      "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
      "services.loadbalancers");
  private static final Set<String> CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
  /** The prefix of huge-page resources, {@code hugepages-<page size>}. */
  public static final String HUGE_PAGES = "hugepages-";
  private static final String REQUESTS = "requests.";

  private ResourceNames() {}

  /**
   * What is wrong with {@code name} as a key of a ResourceQuota's {@code hard} limits: a name without a domain must
   * be one the quota system tracks ({@code requests.cpu}, {@code pods}, ...); others, such as
   * {@code count/deployments.apps} or {@code requests.nvidia.com/gpu}, must be qualified names.
   */
  public static List<String> checkQuotaResource(String name) {
    List<String> problems = qualifiedName(name);
    if (problems.isEmpty() && !name.contains("/") && !QUOTA_RESOURCES.contains(name)
        && !name.startsWith(HUGE_PAGES) && !name.startsWith(REQUESTS + HUGE_PAGES)) {
      problems.add("is not a resource that a quota can limit");
    }
    return problems;
  }

  /**
   * What is wrong with {@code name} as a container resource of a LimitRange: {@code cpu}, {@code memory},
   * {@code ephemeral-storage}, {@code hugepages-<size>}, or an extended resource such as {@code nvidia.com/gpu}.
   */
  public static List<String> checkContainerResource(String name) {
    List<String> problems = qualifiedName(name);
    if (!problems.isEmpty()) return problems;
    if (!name.contains("/")) {
      if (!CONTAINER_RESOURCES.contains(name) && !name.startsWith(HUGE_PAGES)) {
        problems.add("is not a container resource");
      }
    } else if (!isNative(name) && !isExtended(name)) {
      problems.add("is not an extended resource name (such as 'example.com/device')");
    }
    return problems;
  }

  /** Whether the API server wants a whole number for this quota resource: object counts and extended resources. */
  public static boolean isInteger(String quotaResource) {
    return COUNTED_OBJECTS.contains(quotaResource) || isExtended(quotaResource);
  }

  /** Whether a container may request less of this resource than its limit: not for extended resources or huge pages. */
  public static boolean overcommitAllowed(String containerResource) {
    return isNative(containerResource) && !containerResource.startsWith(HUGE_PAGES);
  }

  private static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  /**
   * Whether the name is an extended resource, such as {@code nvidia.com/gpu}: qualified, outside
   * {@code kubernetes.io}, and not a quota's {@code requests.} name.
   */
  public static boolean isExtended(String name) {
    return !isNative(name) && !name.startsWith(REQUESTS) && Names.checkLabelKey(REQUESTS + name).isEmpty();
  }

  /** An optional DNS-1123 subdomain and '/', then at most 63 alphanumerics, '-', '_' or '.'. */
  private static List<String> qualifiedName(String name) {
    List<String> problems = new ArrayList<>();
    if (!Names.checkLabelKey(name).isEmpty()) {
      problems.add("is not a qualified name (an optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_'"
          + " or '.')");
    }
    return problems;
  }
}
