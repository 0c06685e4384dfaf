package dev.shipshape.security.pss;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The baseline control on {@code host} in probes and lifecycle handlers (policy version 1.34 and later). */
final class HostFields {
  interface Sink {
    void fail(String check, PodSecurityLevel level, String reason, String detail);
  }

  private HostFields() {}

  static void check(Sink sink, PodSpec spec) {
    List<Container> all = new ArrayList<>();
    if (spec.getInitContainers() != null) all.addAll(spec.getInitContainers());
    if (spec.getContainers() != null) all.addAll(spec.getContainers());
    Set<String> bad = new LinkedHashSet<>();
    Set<String> hosts = new LinkedHashSet<>();
    for (Container c : all) {
      List<String> found = new ArrayList<>();
      probe(c.getLivenessProbe(), found);
      probe(c.getReadinessProbe(), found);
      probe(c.getStartupProbe(), found);
      if (c.getLifecycle() != null) {
        handler(c.getLifecycle().getPostStart(), found);
        handler(c.getLifecycle().getPreStop(), found);
      }
      if (!found.isEmpty()) {
        bad.add(c.getName());
        hosts.addAll(found);
      }
    }
    if (!bad.isEmpty()) {
      sink.fail("hostProbesAndHostLifecycle", PodSecurityLevel.BASELINE, "probe or lifecycle host",
          "containers " + bad + " use probe or lifecycle hosts " + hosts);
    }
  }

  private static void probe(Probe p, List<String> found) {
    if (p == null) return;
    if (p.getHttpGet() != null) add(p.getHttpGet().getHost(), found);
    if (p.getTcpSocket() != null) add(p.getTcpSocket().getHost(), found);
  }

  private static void handler(LifecycleHandler h, List<String> found) {
    if (h == null) return;
    if (h.getHttpGet() != null) add(h.getHttpGet().getHost(), found);
    if (h.getTcpSocket() != null) add(h.getTcpSocket().getHost(), found);
  }

  private static void add(String host, List<String> found) {
    if (host != null && !host.isEmpty()) found.add(host);
  }
}
