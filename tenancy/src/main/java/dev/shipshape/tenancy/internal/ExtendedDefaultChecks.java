package dev.shipshape.tenancy.internal;

import dev.shipshape.core.ContainerResourceNames;
import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.LimitRangeRules;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Quantities;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.tenancy.Tenant;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import java.util.List;

/**
 * A default limit of an extended resource reaches every container of the namespace that does not set it (the
 * LimitRanger fills in defaults per resource: "Limit Ranges" in the Kubernetes documentation), and becomes its
 * request too, so every pod asks for the device: the scheduler places pods only on nodes that advertise it, and the
 * others stay Pending, while the devices go to containers that never use them, as extended resources cannot be
 * overcommitted ("Resource Management for Pods and Containers", "Extended resources":
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources).
 *
 * <p>Warned for every LimitRange of the tenant's namespace that the API server takes, the tenant's own and those the
 * spec adds there, with its default limits as the server stores them ({@link LimitRangeRules#defaults}: a max stands
 * for a missing default limit). A LimitRange the server refuses gives nothing, and a default it refuses in every
 * container (a default request without a default limit, an amount that is no whole number) reaches no pod: planning
 * reports those.
 */
final class ExtendedDefaultChecks {
  private ExtendedDefaultChecks() {}

  static void check(Tenant tenant, SpecContext context, List<Problem> problems) {
    ResourceRef own = ResourceRef.namespaced("", "LimitRange", tenant.namespace(), tenant.name() + "-limits");
    for (HasMetadata object : context.resources("", "LimitRange")) {
      if (!tenant.namespace().equals(object.getMetadata().getNamespace())
          || !(Workloads.typed(object) instanceof LimitRange limitRange) || limitRange.getSpec() == null
          || limitRange.getSpec().getLimits() == null) {
        continue;
      }
      ResourceRef ref = ResourceRef.of(object);
      List<LimitRangeItem> items = limitRange.getSpec().getLimits();
      if (!LimitRangeRules.check(ref, items).isEmpty()) continue;
      boolean tenants = ref.equals(own) && context.producerOf(ref).filter(tenant.name()::equals).isPresent();
      for (LimitRangeDefault d : LimitRangeRules.defaults(ref, items)) {
        if (d.limit() && devices(d)) problems.add(warning(tenant, d, tenants));
      }
    }
  }

  /** A default limit of a whole, positive number of an extended resource. */
  private static boolean devices(LimitRangeDefault d) {
    return ContainerResourceNames.isExtended(d.resource()) && ContainerResourceNames.check(d.resource()).isEmpty()
        && Quantities.amount(d.value()).filter(a -> a.signum() > 0 && a.stripTrailingZeros().scale() <= 0)
            .isPresent();
  }

  private static Problem warning(Tenant tenant, LimitRangeDefault d, boolean tenants) {
    String r = d.resource();
    String use = " and set it in the resources of the workloads that use the device";
    String fix = tenants ? "leave " + r + " out of defaultRequests(...) and defaultLimits(...)," + use
        : d.written() ? "remove " + d.field() + "," + use
        : "give " + r + " a default limit of 0 beside the max, so that containers which set none ask for none," + use;
    return Problem.warning(d.limitRange(), d.field(), d.named() + " reaches every container of tenant '"
        + tenant.name() + "''s namespace '" + tenant.namespace() + "' that sets no " + r + ", so every pod asks for"
        + " the device: pods run only on nodes that have it, or stay Pending, and hold devices they do not use", fix);
  }
}
