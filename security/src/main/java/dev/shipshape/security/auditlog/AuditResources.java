package dev.shipshape.security.auditlog;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import java.util.List;
import org.immutables.value.Value;

/**
 * Resources of one API group that an {@link AuditPolicyRule} applies to: {@code pods}, {@code pods/log},
 * {@code pods/*} (pods and all their subresources), {@code *} (every resource of the group) or {@code *}{@code
 * /status} (that subresource of every resource), optionally only the objects of some names.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AuditResources {

  /** The API group: empty for the core group ({@code pods}, {@code secrets}), else such as {@code apps}. */
  @Value.Parameter
  public abstract String group();

  /** The resources; empty for every resource of the group. */
  @Value.Parameter
  public abstract List<String> resources();

  /** Object names; empty for every object. A request without a name (list, create) matches no named entry. */
  public abstract List<String> resourceNames();

  /** These resources of the core group. */
  public static AuditResources core(String... resources) {
    return of("", resources);
  }

  /** These resources of {@code group}; none named means every resource of it. */
  public static AuditResources of(String group, String... resources) {
    return ImmutableAuditResources.of(group, List.of(resources));
  }

  /** These resources, only the objects named so. */
  public AuditResources named(String... names) {
    return ImmutableAuditResources.builder().from(this).resourceNames(List.of(names)).build();
  }

  /** Whether a resource request falls under these resources, as the API server's policy checker decides. */
  boolean matches(AccessRequest request) {
    if (!group().equals(request.apiGroup())) return false;
    if (resources().isEmpty()) return true;
    if (!resourceNames().isEmpty() && !resourceNames().contains(request.name().orElse(""))) return false;
    String resource = request.resource();
    String subresource = request.subresource();
    String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
    for (String entry : resources()) {
      if (entry.equals(combined) || entry.equals("*")) return true;
      if (!subresource.isEmpty() && entry.startsWith("*/") && subresource.equals(entry.substring(2))) return true;
      // "pods/*" also matches the pods themselves, not only their subresources.
      if (entry.endsWith("/*") && resource.equals(entry.substring(0, entry.length() - 2))) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    String names = resourceNames().isEmpty() ? "" : " named " + resourceNames();
    return (group().isEmpty() ? "core" : group()) + " " + (resources().isEmpty() ? "[*]" : resources()) + names;
  }
}
