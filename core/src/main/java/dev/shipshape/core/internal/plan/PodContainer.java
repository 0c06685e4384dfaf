package dev.shipshape.core.internal.plan;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One container of a pod spec, init containers first, as the LimitRanger and the API server go through them.
 *
 * @param field its path, such as {@code spec.template.spec.initContainers[0]}
 * @param init whether it is an init container
 * @param sidecar whether it is an init container that keeps running beside the others ({@code restartPolicy:
 *     Always}), whose resources add to theirs
 * @param requests its requests as written
 * @param limits its limits as written
 */
record PodContainer(String field, boolean init, boolean sidecar, Map<String, Quantity> requests,
    Map<String, Quantity> limits) {

  PodContainer {
    requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
    limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
  }

  /** The containers of a pod spec at {@code at}. */
  static List<PodContainer> of(String at, PodSpec pod) {
    List<PodContainer> containers = new ArrayList<>();
    add(at + ".initContainers", pod.getInitContainers(), true, containers);
    add(at + ".containers", pod.getContainers(), false, containers);
    return List.copyOf(containers);
  }

  private static void add(String field, List<Container> list, boolean init, List<PodContainer> containers) {
    if (list == null) return;
    for (int i = 0; i < list.size(); i++) {
      Container c = list.get(i);
      Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null ? Map.of()
          : c.getResources().getRequests();
      Map<String, Quantity> limits = c.getResources() == null || c.getResources().getLimits() == null ? Map.of()
          : c.getResources().getLimits();
      containers.add(new PodContainer(field + "[" + i + "]", init, init && "Always".equals(c.getRestartPolicy()),
          requests, limits));
    }
  }
}
