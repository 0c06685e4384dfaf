package dev.shipshape.core.internal.plan;

import dev.shipshape.core.ContainerResourceNames;
import dev.shipshape.core.LimitRangeDefault;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Quantities;
import java.util.List;

/**
 * A default limit of an extended resource reaches every container of the namespace that does not set it (the
 * LimitRanger fills in defaults per resource: "Limit Ranges" in the Kubernetes documentation), and becomes its
 * request too, so every Pod asks for the device: the scheduler places Pods only on nodes that advertise it, and the
 * others stay Pending, while the devices go to containers that never use them, as extended resources cannot be
 * overcommitted ("Resource Management for Pods and Containers", "Extended resources":
 * https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources). Warned for
 * every LimitRange the API server takes, with its defaults as the server stores them (a max stands for a missing
 * default limit), whichever component produces it.
 */
final class LimitRangeDeviceDefaults {
  private LimitRangeDeviceDefaults() {}

  /** A warning per default limit of a whole, positive number of an extended resource. */
  static List<Problem> warnings(String namespace, List<LimitRangeDefault> defaults) {
    return defaults.stream().filter(d -> d.limit() && devices(d)).map(d -> warning(namespace, d)).toList();
  }

  private static boolean devices(LimitRangeDefault d) {
    return ContainerResourceNames.isExtended(d.resource()) && ContainerResourceNames.check(d.resource()).isEmpty()
        && Quantities.amount(d.value()).filter(a -> a.signum() > 0 && a.stripTrailingZeros().scale() <= 0)
            .isPresent();
  }

  private static Problem warning(String namespace, LimitRangeDefault d) {
    String r = d.resource();
    String use = " and set it in the resources of the workloads that use the device";
    String fix = d.written() ? "remove " + d.field() + "," + use : "give " + r + " a default limit of 0 beside the"
        + " max, so that containers which set none ask for none," + use;
    return Problem.warning(d.limitRange(), d.field(), d.named() + " reaches every container of namespace "
        + namespace + " that sets no " + r + ", so every Pod asks for the device: Pods run only on nodes that have"
        + " it, or stay Pending, and hold devices they do not use", fix);
  }
}
