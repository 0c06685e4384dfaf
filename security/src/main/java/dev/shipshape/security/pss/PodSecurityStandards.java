package dev.shipshape.security.pss;

import dev.shipshape.core.KubernetesVersion;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The controls of the Pod Security Standards, as Pod Security Admission evaluates them
 * ("Pod Security Standards" in the Kubernetes documentation): baseline controls, then the restricted ones. Every
 * container means containers, init containers and ephemeral containers. Controls that changed over time take the
 * policy version into account.
 */
final class PodSecurityStandards {

  /** One failed control: its id (as Pod Security Admission names it), reason and detail. */
  static final class Failure {
    final String check;
    final PodSecurityLevel level;
    final String reason;
    final String detail;

    Failure(String check, PodSecurityLevel level, String reason, String detail) {
      this.check = check;
      this.level = level;
      this.reason = reason;
      this.detail = detail;
    }
  }

  private static final Set<String> DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
      "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
  private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range");
  private static final Set<String> SAFE_SYSCTLS_1_29 = Set.of("net.ipv4.tcp_keepalive_time",
      "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
  /** Baseline controls that a restricted control overrides. */
  private static final Set<String> RESTRICTED_OVERRIDES = Set.of("hostPathVolumes", "capabilities_baseline",
      "seccompProfile_baseline");
  private static final String APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

  private final PodSpec spec;
  private final ObjectMeta meta;
  private final KubernetesVersion version;
  private final List<Failure> failures = new ArrayList<>();

  private PodSecurityStandards(ObjectMeta meta, PodSpec spec, KubernetesVersion version) {
    this.meta = meta == null ? new ObjectMeta() : meta;
    this.spec = spec;
    this.version = version;
  }

  /** The controls of {@code level} (and the levels below it) that the pod fails, at policy {@code version}. */
  static List<Failure> evaluate(ObjectMeta meta, PodSpec spec, PodSecurityLevel level,
      KubernetesVersion version) {
    PodSecurityStandards s = new PodSecurityStandards(meta, spec, version);
    if (level == PodSecurityLevel.PRIVILEGED) return List.of();
    s.baseline();
    if (level == PodSecurityLevel.RESTRICTED) {
      // A restricted control replaces the baseline control it tightens (Pod Security Admission's
      // OverrideCheckIDs): the baseline one is not evaluated at all, so its reason never shows.
      s.failures.removeIf(f -> RESTRICTED_OVERRIDES.contains(f.check)
          && (!f.check.equals("capabilities_baseline") || s.atLeast(22)));
      s.restricted();
    }
    return s.failures;
  }

  /** Every container of the pod spec with its security context (possibly null), in spec order. */
  private Map<String, SecurityContext> containers() {
    Map<String, SecurityContext> all = new LinkedHashMap<>();
    for (Container c : list(spec.getInitContainers())) all.put(c.getName(), c.getSecurityContext());
    for (Container c : list(spec.getContainers())) all.put(c.getName(), c.getSecurityContext());
    for (EphemeralContainer c : list(spec.getEphemeralContainers())) all.put(c.getName(), c.getSecurityContext());
    return all;
  }

  private List<Container> regularAndInit() {
    List<Container> all = new ArrayList<>(list(spec.getInitContainers()));
    all.addAll(list(spec.getContainers()));
    return all;
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private PodSecurityContext pod() {
    return spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
  }

  private boolean atLeast(int minor) {
    return !version.isBefore(1, minor);
  }

  private boolean windows() {
    return spec.getOs() != null && "windows".equals(spec.getOs().getName());
  }

  private boolean userNamespace() {
    return Boolean.FALSE.equals(spec.getHostUsers());
  }

  private void fail(String check, PodSecurityLevel level, String reason, String detail) {
    failures.add(new Failure(check, level, reason, detail));
  }

  private Set<String> containersWhere(Function<SecurityContext, Boolean> bad) {
    Set<String> names = new LinkedHashSet<>();
    containers().forEach((name, sc) -> {
      if (sc != null && Boolean.TRUE.equals(bad.apply(sc))) names.add(name);
    });
    return names;
  }

  private static String quoted(Set<String> names) {
    return (names.size() == 1 ? "container " : "containers ") + "\"" + String.join("\", \"", names) + "\"";
  }

  private void baseline() {
    PodSecurityLevel b = PodSecurityLevel.BASELINE;
    boolean podHostProcess = pod().getWindowsOptions() != null
        && Boolean.TRUE.equals(pod().getWindowsOptions().getHostProcess());
    Set<String> hostProcess = containersWhere(sc -> sc.getWindowsOptions() != null
        && Boolean.TRUE.equals(sc.getWindowsOptions().getHostProcess()));
    if (podHostProcess || !hostProcess.isEmpty()) {
      fail("hostProcess", b, "hostProcess", "pod or containers must not set securityContext.windowsOptions"
          + ".hostProcess=true");
    }
    List<String> host = new ArrayList<>();
    if (Boolean.TRUE.equals(spec.getHostNetwork())) host.add("hostNetwork=true");
    if (Boolean.TRUE.equals(spec.getHostPID())) host.add("hostPID=true");
    if (Boolean.TRUE.equals(spec.getHostIPC())) host.add("hostIPC=true");
    if (!host.isEmpty()) fail("hostNamespaces", b, "host namespaces", String.join(", ", host));
    Set<String> privileged = containersWhere(SecurityContext::getPrivileged);
    if (!privileged.isEmpty()) {
      fail("privileged", b, "privileged", quoted(privileged) + " must not set securityContext.privileged=true");
    }
    Set<String> added = new LinkedHashSet<>();
    Set<String> badCaps = containersWhere(sc -> {
      List<String> add = sc.getCapabilities() == null ? List.of() : list(sc.getCapabilities().getAdd());
      add.stream().filter(c -> !DEFAULT_CAPABILITIES.contains(c)).forEach(added::add);
      return add.stream().anyMatch(c -> !DEFAULT_CAPABILITIES.contains(c));
    });
    if (!badCaps.isEmpty()) {
      fail("capabilities_baseline", b, "non-default capabilities", quoted(badCaps) + " must not include "
          + added + " in securityContext.capabilities.add");
    }
    List<String> hostPaths = new ArrayList<>();
    for (Volume v : list(spec.getVolumes())) if (v.getHostPath() != null) hostPaths.add(v.getName());
    if (!hostPaths.isEmpty()) fail("hostPathVolumes", b, "hostPath volumes", "volumes " + hostPaths);
    Set<String> hostPorts = new LinkedHashSet<>();
    for (Container c : regularAndInit()) {
      for (ContainerPort p : list(c.getPorts())) {
        if (p.getHostPort() != null && p.getHostPort() != 0) hostPorts.add(c.getName() + ":" + p.getHostPort());
      }
    }
    for (EphemeralContainer c : list(spec.getEphemeralContainers())) {
      for (ContainerPort p : list(c.getPorts())) {
        if (p.getHostPort() != null && p.getHostPort() != 0) hostPorts.add(c.getName() + ":" + p.getHostPort());
      }
    }
    if (!hostPorts.isEmpty()) fail("hostPorts", b, "hostPort", "containers use hostPorts " + hostPorts);
    if (atLeast(34)) HostFields.check(this::fail, spec);
    appArmor();
    seLinux();
    boolean procMountRelaxed = atLeast(35) && userNamespace();
    Set<String> procMount = containersWhere(sc -> sc.getProcMount() != null && !"Default".equals(sc.getProcMount()));
    if (!procMount.isEmpty() && !procMountRelaxed) {
      fail("procMount", b, "procMount", quoted(procMount) + " must not set securityContext.procMount");
    }
    boolean podUnconfined = pod().getSeccompProfile() != null
        && "Unconfined".equals(pod().getSeccompProfile().getType());
    Set<String> unconfined = containersWhere(sc -> sc.getSeccompProfile() != null
        && "Unconfined".equals(sc.getSeccompProfile().getType()));
    if (podUnconfined || !unconfined.isEmpty()) {
      fail("seccompProfile_baseline", b, "seccompProfile", "pod or containers must not set"
          + " securityContext.seccompProfile.type to \"Unconfined\"");
    }
    List<String> sysctls = new ArrayList<>();
    for (Sysctl s : list(pod().getSysctls())) {
      boolean safe = SAFE_SYSCTLS.contains(s.getName())
          || (atLeast(27) && s.getName().equals("net.ipv4.ip_local_reserved_ports"))
          || (atLeast(29) && SAFE_SYSCTLS_1_29.contains(s.getName()));
      if (!safe) sysctls.add(s.getName());
    }
    if (!sysctls.isEmpty()) fail("sysctls", b, "forbidden sysctls", String.join(", ", sysctls));
  }

  private void appArmor() {
    List<String> bad = new ArrayList<>();
    if (meta.getAnnotations() != null) {
      meta.getAnnotations().forEach((k, v) -> {
        boolean allowed = v.isEmpty() || v.equals("runtime/default") || v.startsWith("localhost/");
        if (k.startsWith(APPARMOR_ANNOTATION) && !allowed) bad.add(k + "=\"" + v + "\"");
      });
    }
    if (pod().getAppArmorProfile() != null && !allowedAppArmor(pod().getAppArmorProfile().getType())) {
      bad.add("pod appArmorProfile.type=" + pod().getAppArmorProfile().getType());
    }
    containersWhere(sc -> sc.getAppArmorProfile() != null && !allowedAppArmor(sc.getAppArmorProfile().getType()))
        .forEach(c -> bad.add("container \"" + c + "\" appArmorProfile.type=Unconfined"));
    if (!bad.isEmpty()) fail("appArmorProfile", PodSecurityLevel.BASELINE, "forbidden AppArmor profile",
        String.join(", ", bad));
  }

  private static boolean allowedAppArmor(String type) {
    return type == null || type.equals("RuntimeDefault") || type.equals("Localhost");
  }

  private void seLinux() {
    Set<String> allowed = new LinkedHashSet<>(List.of("", "container_t", "container_init_t", "container_kvm_t"));
    if (atLeast(31)) allowed.add("container_engine_t");
    List<String> setters = new ArrayList<>();
    if (pod().getSeLinuxOptions() != null && !validSeLinux(pod().getSeLinuxOptions(), allowed)) setters.add("pod");
    Set<String> containers = containersWhere(sc -> sc.getSeLinuxOptions() != null
        && !validSeLinux(sc.getSeLinuxOptions(), allowed));
    if (!containers.isEmpty()) setters.add(quoted(containers));
    if (!setters.isEmpty()) {
      fail("seLinuxOptions", PodSecurityLevel.BASELINE, "seLinuxOptions", String.join(" and ", setters)
          + " set forbidden securityContext.seLinuxOptions (type must be one of " + allowed
          + "; user and role may not be set)");
    }
  }

  private static boolean validSeLinux(io.fabric8.kubernetes.api.model.SELinuxOptions o, Set<String> allowed) {
    String type = o.getType() == null ? "" : o.getType();
    return allowed.contains(type) && (o.getUser() == null || o.getUser().isEmpty())
        && (o.getRole() == null || o.getRole().isEmpty());
  }

  private void restricted() {
    PodSecurityLevel r = PodSecurityLevel.RESTRICTED;
    List<String> volumes = new ArrayList<>();
    for (Volume v : list(spec.getVolumes())) {
      boolean allowed = v.getConfigMap() != null || v.getCsi() != null || v.getDownwardAPI() != null
          || v.getEmptyDir() != null || v.getEphemeral() != null || v.getPersistentVolumeClaim() != null
          || v.getProjected() != null || v.getSecret() != null;
      if (!allowed) volumes.add(v.getName());
    }
    if (!volumes.isEmpty()) fail("restrictedVolumes", r, "restricted volume types", "volumes " + volumes);
    boolean win = windows() && atLeast(25);
    if (!win) {
      Set<String> escalation = new LinkedHashSet<>(containers().keySet());
      escalation.removeAll(containersWhere(sc -> Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())));
      if (!escalation.isEmpty()) fail("allowPrivilegeEscalation", r, "allowPrivilegeEscalation != false",
          quoted(escalation) + " must set securityContext.allowPrivilegeEscalation=false");
    }
    // Pod Security Admission relaxes the non-root controls for pods in a user namespace only behind the alpha
    // feature gate UserNamespacesPodSecurityStandards, off by default: a kube-apiserver 1.34 with default gates
    // rejects runAsUser=0 with hostUsers=false. Clusters are checked as they run by default.
    nonRoot(r);
    if (!win) seccompAndCapabilities(r);
  }

  private void nonRoot(PodSecurityLevel r) {
    Boolean podNonRoot = pod().getRunAsNonRoot();
    Set<String> explicitFalse = containersWhere(sc -> Boolean.FALSE.equals(sc.getRunAsNonRoot()));
    Set<String> unset = new LinkedHashSet<>(containers().keySet());
    unset.removeAll(containersWhere(sc -> sc.getRunAsNonRoot() != null));
    if (Boolean.FALSE.equals(podNonRoot) || !explicitFalse.isEmpty()) {
      fail("runAsNonRoot", r, "runAsNonRoot != true", "pod or containers must not set"
          + " securityContext.runAsNonRoot=false");
    } else if (!Boolean.TRUE.equals(podNonRoot) && !unset.isEmpty()) {
      fail("runAsNonRoot", r, "runAsNonRoot != true", "pod or " + quoted(unset)
          + " must set securityContext.runAsNonRoot=true");
    }
    if (atLeast(23)) {
      boolean podRoot = pod().getRunAsUser() != null && pod().getRunAsUser() == 0;
      Set<String> root = containersWhere(sc -> sc.getRunAsUser() != null && sc.getRunAsUser() == 0);
      if (podRoot || !root.isEmpty()) {
        fail("runAsUser", r, "runAsUser=0", "pod or containers must not set runAsUser=0");
      }
    }
  }

  private void seccompAndCapabilities(PodSecurityLevel r) {
    boolean podSeccomp = pod().getSeccompProfile() != null && validSeccomp(pod().getSeccompProfile().getType());
    boolean podBad = pod().getSeccompProfile() != null && !podSeccomp;
    Set<String> explicitBad = containersWhere(sc -> sc.getSeccompProfile() != null
        && !validSeccomp(sc.getSeccompProfile().getType()));
    Set<String> unset = new LinkedHashSet<>(containers().keySet());
    unset.removeAll(containersWhere(sc -> sc.getSeccompProfile() != null));
    if (podBad || !explicitBad.isEmpty()) {
      fail("seccompProfile_restricted", r, "seccompProfile", "pod or containers must not set"
          + " securityContext.seccompProfile.type to a value other than \"RuntimeDefault\" or \"Localhost\"");
    } else if (!podSeccomp && !unset.isEmpty()) {
      fail("seccompProfile_restricted", r, "seccompProfile", "pod or " + quoted(unset)
          + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
    }
    if (!atLeast(22)) return;
    Set<String> notDropped = new LinkedHashSet<>(containers().keySet());
    notDropped.removeAll(containersWhere(sc -> sc.getCapabilities() != null
        && list(sc.getCapabilities().getDrop()).contains("ALL")));
    Set<String> addsMore = containersWhere(sc -> {
      Capabilities caps = sc.getCapabilities();
      return caps != null && list(caps.getAdd()).stream().anyMatch(c -> !c.equals("NET_BIND_SERVICE"));
    });
    if (!notDropped.isEmpty()) fail("capabilities_restricted", r, "unrestricted capabilities",
        quoted(notDropped) + " must set securityContext.capabilities.drop=[\"ALL\"]");
    if (!addsMore.isEmpty()) fail("capabilities_restricted", r, "unrestricted capabilities",
        quoted(addsMore) + " must not include capabilities other than NET_BIND_SERVICE in"
            + " securityContext.capabilities.add");
  }

  private static boolean validSeccomp(String type) {
    return "RuntimeDefault".equals(type) || "Localhost".equals(type);
  }
}
