package dev.shipshape.networking.proxy;

/**
 * How many Services a cluster has, as kube-proxy sees them.
 *
 * @param servicePorts service ports with a cluster IP (headless Services get no proxy rules)
 * @param endpoints endpoints summed over those ports (a Service with 2 ports and 3 ready pods has 6)
 * @param nodePorts service ports that are also NodePorts or LoadBalancers
 */
public record ServiceLoad(int servicePorts, int endpoints, int nodePorts) {

  public ServiceLoad {
    if (servicePorts < 0 || endpoints < 0 || nodePorts < 0 || nodePorts > servicePorts) {
      throw new IllegalArgumentException("counts must not be negative, and nodePorts (" + nodePorts
          + ") must not exceed servicePorts (" + servicePorts + ")");
    }
  }
}
