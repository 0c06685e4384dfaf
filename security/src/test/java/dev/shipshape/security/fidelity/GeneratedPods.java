package dev.shipshape.security.fidelity;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random pods from a seed that the API server's validation accepts, mixing what each Pod Security level looks at:
 * host namespaces, privileged, capabilities, volume types, host ports, AppArmor, SELinux, seccomp, sysctls,
 * non-root settings, privilege escalation, user namespaces, probe hosts, init containers and Windows pods. About a
 * third start from a restricted pod and change one thing, so that every level sees pods on both sides of its line.
 */
final class GeneratedPods {
  private final Random random;

  GeneratedPods(long seed) {
    this.random = new Random(seed);
  }

  Pod pod(int index) {
    boolean hardened = random.nextDouble() < 0.35;
    PodSpec spec = new PodSpec();
    PodSecurityContext pod = new PodSecurityContext();
    spec.setSecurityContext(pod);
    if (random.nextDouble() < 0.08) return windows(index);
    boolean userNamespace = random.nextDouble() < 0.1;
    if (userNamespace) spec.setHostUsers(false);
    if (hardened) {
      pod.setRunAsNonRoot(true);
      pod.setSeccompProfile(seccomp("RuntimeDefault"));
    } else {
      if (chance(0.3)) pod.setRunAsNonRoot(random.nextBoolean());
      if (chance(0.2)) pod.setRunAsUser(random.nextBoolean() ? 0L : 1000L);
      if (chance(0.3)) pod.setSeccompProfile(seccomp(pick("RuntimeDefault", "Unconfined", "Localhost")));
      if (!userNamespace) {
        if (chance(0.1)) spec.setHostNetwork(true);
        if (chance(0.08)) spec.setHostPID(true);
        if (chance(0.08)) spec.setHostIPC(true);
      }
      boolean hostSharing = Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostIPC());
      // The API server refuses namespaced sysctls in a pod sharing the host's network or IPC namespace.
      if (!hostSharing && chance(0.15)) pod.setSysctls(List.of(new io.fabric8.kubernetes.api.model.Sysctl(
          pick("kernel.shm_rmid_forced", "net.ipv4.tcp_keepalive_time", "kernel.msgmax", "net.core.somaxconn",
              "net.ipv4.ip_local_reserved_ports"), "1")));
      if (chance(0.1)) pod.setSeLinuxOptions(new io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder()
          .withType(pick("container_t", "spc_t", "container_engine_t")).build());
      if (chance(0.08)) pod.setAppArmorProfile(new io.fabric8.kubernetes.api.model.AppArmorProfileBuilder()
          .withType(pick("RuntimeDefault", "Unconfined")).build());
    }
    spec.setContainers(new ArrayList<>(List.of(container("app", hardened, userNamespace, true))));
    if (chance(0.3)) spec.setInitContainers(new ArrayList<>(List.of(container("init", hardened && chance(0.7),
        userNamespace, false))));
    spec.setVolumes(volumes(hardened));
    if (Boolean.TRUE.equals(spec.getHostNetwork())) {
      // With hostNetwork, the API server requires hostPort == containerPort.
      spec.getContainers().stream().filter(c -> c.getPorts() != null)
          .forEach(c -> c.getPorts().forEach(p -> p.setHostPort(p.getContainerPort())));
    }
    return new PodBuilder().withNewMetadata().withName("p" + index).endMetadata().withSpec(spec).build();
  }

  private Container container(String name, boolean hardened, boolean userNamespace, boolean probed) {
    ContainerBuilder c = new ContainerBuilder().withName(name).withImage("registry.example/app:1");
    SecurityContext sc = new SecurityContext();
    if (hardened) {
      sc.setAllowPrivilegeEscalation(false);
      sc.setCapabilities(new Capabilities(chance(0.2) ? List.of("NET_BIND_SERVICE") : null, List.of("ALL")));
    }
    double change = random.nextDouble();
    if (!hardened || change < 0.7) mutate(sc, hardened, userNamespace);
    c.withSecurityContext(sc);
    if (chance(0.3)) {
      c.addNewPort().withContainerPort(8080).withHostPort(chance(0.3) ? 8080 : null).endPort();
    }
    if (probed && chance(0.15)) {
      c.withNewReadinessProbe().withNewHttpGet().withPath("/").withNewPort(8080)
          .withHost(chance(0.5) ? "127.0.0.1" : null).endHttpGet().endReadinessProbe();
    }
    return c.build();
  }

  /** One or more of the container-level settings a level checks, valid together. */
  private void mutate(SecurityContext sc, boolean hardened, boolean userNamespace) {
    int n = hardened ? 1 : 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(10)) {
        case 0:
          sc.setPrivileged(true);
          sc.setAllowPrivilegeEscalation(null);
          break;
        case 1:
          List<String> drop = sc.getCapabilities() == null ? null : sc.getCapabilities().getDrop();
          sc.setCapabilities(new Capabilities(List.of(pick("NET_ADMIN", "CHOWN", "NET_BIND_SERVICE", "SYS_TIME")),
              chance(0.5) ? drop : null));
          break;
        case 2:
          if (!Boolean.TRUE.equals(sc.getPrivileged())) sc.setAllowPrivilegeEscalation(random.nextBoolean());
          break;
        case 3:
          sc.setRunAsNonRoot(random.nextBoolean());
          break;
        case 4:
          sc.setRunAsUser(random.nextBoolean() ? 0L : 1001L);
          break;
        case 5:
          sc.setSeccompProfile(seccomp(pick("RuntimeDefault", "Unconfined", "Localhost")));
          break;
        case 6:
          sc.setSeLinuxOptions(new io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder()
              .withType(pick("container_init_t", "spc_t")).withUser(chance(0.3) ? "system_u" : null).build());
          break;
        case 7:
          sc.setAppArmorProfile(new io.fabric8.kubernetes.api.model.AppArmorProfileBuilder()
              .withType(pick("RuntimeDefault", "Unconfined", "Localhost"))
              .build());
          if ("Localhost".equals(sc.getAppArmorProfile().getType())) {
            sc.getAppArmorProfile().setLocalhostProfile("k8s-apparmor-example");
          }
          break;
        case 8:
          // The API server accepts an Unmasked /proc only in a user namespace.
          if (userNamespace) sc.setProcMount(chance(0.7) ? "Unmasked" : "Default");
          break;
        default:
          sc.setCapabilities(new Capabilities(null, chance(0.5) ? List.of("ALL") : List.of("NET_RAW")));
          break;
      }
    }
  }

  private List<Volume> volumes(boolean hardened) {
    List<Volume> volumes = new ArrayList<>();
    if (chance(0.5)) volumes.add(new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build());
    if (chance(0.2)) volumes.add(new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg")
        .endConfigMap().build());
    if (!hardened && chance(0.15)) volumes.add(new VolumeBuilder().withName("host").withNewHostPath()
        .withPath("/var/log").endHostPath().build());
    if (chance(0.08)) volumes.add(new VolumeBuilder().withName("nfs").withNewNfs().withServer("10.0.0.1")
        .withPath("/exports").endNfs().build());
    return volumes;
  }

  private Pod windows(int index) {
    PodSecurityContext pod = new PodSecurityContext();
    if (chance(0.5)) pod.setRunAsNonRoot(random.nextBoolean());
    SecurityContext sc = new SecurityContext();
    if (chance(0.3)) sc.setRunAsNonRoot(true);
    return new PodBuilder().withNewMetadata().withName("p" + index).endMetadata().withNewSpec().withNewOs()
        .withName("windows").endOs().withSecurityContext(pod).addNewContainer().withName("app")
        .withImage("registry.example/win:1").withSecurityContext(sc).endContainer().endSpec().build();
  }

  private static io.fabric8.kubernetes.api.model.SeccompProfile seccomp(String type) {
    return new io.fabric8.kubernetes.api.model.SeccompProfile("Localhost".equals(type) ? "profiles/audit.json"
        : null, type);
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }
}
