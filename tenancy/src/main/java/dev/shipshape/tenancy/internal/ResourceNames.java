package dev.shipshape.tenancy.internal;

import dev.shipshape.core.ContainerResourceNames;
import dev.shipshape.core.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resource names the API server accepts in a ResourceQuota's {@code hard} limits, and which of them must be
 * whole numbers ("Resource Quotas" in the Kubernetes documentation: object counts and extended resources such as
 * {@code nvidia.com/gpu} are counted in whole units). Container resources are core's {@link ContainerResourceNames}.
 */
public final class ResourceNames {
  private static final Set<String> QUOTA_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
      "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
      "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
      "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers");
  private static final Set<String> COUNTED_OBJECTS = Set.of("pods", "resourcequotas", "services",
      "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
      "services.loadbalancers");
  private static final String REQUESTS = "requests.";

  private ResourceNames() {}

  /**
   * What is wrong with {@code name} as a key of a ResourceQuota's {@code hard} limits: a name without a domain must
   * be one the quota system tracks ({@code requests.cpu}, {@code pods}, ...); others, such as
   * {@code count/deployments.apps} or {@code requests.nvidia.com/gpu}, must be qualified names.
   */
  public static List<String> checkQuotaResource(String name) {
    List<String> problems = new ArrayList<>();
    if (!Names.checkLabelKey(name).isEmpty()) {
      problems.add("is not a qualified name (an optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_'"
          + " or '.')");
    } else if (!name.contains("/") && !QUOTA_RESOURCES.contains(name)
        && !name.startsWith(ContainerResourceNames.HUGE_PAGES)
        && !name.startsWith(REQUESTS + ContainerResourceNames.HUGE_PAGES)) {
      problems.add("is not a resource that a quota can limit");
    }
    return problems;
  }

  /** Whether the API server wants a whole number for this quota resource: object counts and extended resources. */
  public static boolean isInteger(String quotaResource) {
    return COUNTED_OBJECTS.contains(quotaResource) || ContainerResourceNames.isExtended(quotaResource);
  }
}
