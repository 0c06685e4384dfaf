package dev.shipshape.networking.reach.internal;

import dev.shipshape.networking.Protocol;
import java.util.List;
import java.util.Map;

/**
 * Pods that no policy can tell apart: same namespace, same labels and same named container ports. The engine works
 * on these classes instead of pods, so replicas cost nothing.
 *
 * @param index the position of this class in the topology
 * @param namespace the pods' namespace
 * @param labels the pods' labels
 * @param namedPorts container port name to the protocol and number it declares
 */
record PodClass(int index, String namespace, Map<String, String> labels, Map<String, List<NamedPort>> namedPorts) {

  /** A declared container port with a name. */
  record NamedPort(Protocol protocol, int number) {}
}
