package dev.shipshape.security.pss;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns containers, pod specs and workloads into the {@code restricted} Pod Security profile: run as non-root,
 * seccomp {@code RuntimeDefault}, drop ALL capabilities (keeping only an added {@code NET_BIND_SERVICE}), no
 * privilege escalation, not privileged, and a read-only root filesystem. Everything else is kept. Always returns
 * copies; inputs are never changed.
 *
 * <p>{@code runAsNonRoot} alone lets a container start only when its image declares a numeric non-root user; images
 * that run as root by default (such as {@code postgres}) then never start. Pass the user id to run as
 * ({@link #restricted(HasMetadata, long)}), and check with {@link #warnings} ({@link PodSecurityNamespaces} reports
 * these warnings for the workloads of its namespaces when the spec is planned).
 */
public final class Hardening {
  private Hardening() {}

  /** A restricted copy of the container. */
  public static Container restricted(Container container) {
    Container copy = Manifests.convert(Manifests.toTree(container), Container.class);
    copy.setSecurityContext(harden(copy.getSecurityContext()));
    return copy;
  }

  /** A restricted copy of the pod spec: pod-level defaults and every container, init container included. */
  public static PodSpec restricted(PodSpec spec) {
    PodSpec copy = Manifests.convert(Manifests.toTree(spec), PodSpec.class);
    PodSecurityContext pod = copy.getSecurityContext() == null ? new PodSecurityContext() : copy.getSecurityContext();
    pod.setRunAsNonRoot(true);
    if (pod.getRunAsUser() != null && pod.getRunAsUser() == 0) pod.setRunAsUser(null);
    pod.setSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build());
    copy.setSecurityContext(pod);
    if (copy.getContainers() != null) copy.getContainers().forEach(c -> c.setSecurityContext(harden(
        c.getSecurityContext())));
    if (copy.getInitContainers() != null) copy.getInitContainers().forEach(c -> c.setSecurityContext(harden(
        c.getSecurityContext())));
    return copy;
  }

  /**
   * A restricted copy of a typed workload (Pod, Deployment, … CronJob); other objects, and generic ones, are
   * returned as unchanged copies.
   */
  public static <T extends HasMetadata> T restricted(T workload) {
    T copy = Manifests.copy(workload);
    Workloads.podTemplate(copy).ifPresent(t -> t.setSpec(restricted(t.getSpec())));
    if (copy instanceof io.fabric8.kubernetes.api.model.Pod) {
      io.fabric8.kubernetes.api.model.Pod pod = (io.fabric8.kubernetes.api.model.Pod) copy;
      pod.setSpec(restricted(pod.getSpec()));
    }
    return copy;
  }

  /**
   * A restricted copy of a typed workload that runs as {@code runAsUser} (pod-level {@code runAsUser}, also
   * {@code runAsGroup} and {@code fsGroup} when unset, so that volumes are writable).
   *
   * @throws IllegalArgumentException when {@code runAsUser} is 0 (root) or negative
   */
  public static <T extends HasMetadata> T restricted(T workload, long runAsUser) {
    if (runAsUser <= 0) {
      throw new IllegalArgumentException("runAsUser " + runAsUser + " is not a non-root user id — use a positive "
          + "id such as 999");
    }
    T copy = restricted(workload);
    Workloads.podTemplate(copy).ifPresent(t -> runAs(t.getSpec(), runAsUser));
    if (copy instanceof io.fabric8.kubernetes.api.model.Pod) {
      runAs(((io.fabric8.kubernetes.api.model.Pod) copy).getSpec(), runAsUser);
    }
    return copy;
  }

  private static void runAs(PodSpec spec, long user) {
    PodSecurityContext pod = spec.getSecurityContext();
    pod.setRunAsUser(user);
    if (pod.getRunAsGroup() == null) pod.setRunAsGroup(user);
    if (pod.getFsGroup() == null) pod.setFsGroup(user);
  }

  /**
   * Warnings for containers of a workload that must run as non-root without a {@code runAsUser}: their pods start
   * only if the image declares a numeric non-root user.
   */
  public static List<dev.shipshape.core.Problem> warnings(HasMetadata workload) {
    return RunAsUserCheck.warnings(workload);
  }

  private static SecurityContext harden(SecurityContext existing) {
    SecurityContext sc = existing == null ? new SecurityContext() : existing;
    sc.setRunAsNonRoot(true);
    if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) sc.setRunAsUser(null);
    sc.setAllowPrivilegeEscalation(false);
    sc.setPrivileged(null);
    sc.setReadOnlyRootFilesystem(true);
    sc.setSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build());
    if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) sc.setProcMount(null);
    List<String> add = new ArrayList<>();
    if (sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
        && sc.getCapabilities().getAdd().contains("NET_BIND_SERVICE")) {
      add.add("NET_BIND_SERVICE");
    }
    sc.setCapabilities(new Capabilities(add, new ArrayList<>(List.of("ALL"))));
    return sc;
  }
}
