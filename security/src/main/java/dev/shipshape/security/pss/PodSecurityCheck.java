package dev.shipshape.security.pss;

import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which workloads of a set of objects would have their pods rejected by the Pod Security level their namespace
 * enforces (the {@code pod-security.kubernetes.io/enforce} label of the Namespace among the objects, at its
 * {@code enforce-version}). Namespaces without the label, or absent from the objects, enforce the default level:
 * {@code privileged} unless set with {@link #defaultLevel}, as the admission plugin's own defaults.
 *
 * <p>For a controller (Deployment, Job…), admission accepts the controller and rejects its pods; the violation is
 * reported on the controller, as that is what the spec contains.
 */
public final class PodSecurityCheck {
  private final PodSecurityLevel defaultLevel;
  private final KubernetesVersion latest;

  private PodSecurityCheck(PodSecurityLevel defaultLevel, KubernetesVersion latest) {
    this.defaultLevel = defaultLevel;
    this.latest = latest;
  }

  /** A check where {@code latest} means {@code clusterVersion}, and unlabelled namespaces are privileged. */
  public static PodSecurityCheck forVersion(KubernetesVersion clusterVersion) {
    return new PodSecurityCheck(PodSecurityLevel.PRIVILEGED, clusterVersion);
  }

  /** This check with another level for namespaces without an enforce label (the cluster-wide default). */
  public PodSecurityCheck defaultLevel(PodSecurityLevel level) {
    return new PodSecurityCheck(level, latest);
  }

  /** The violations of a plan's workloads, with {@code latest} as the plan's Kubernetes version. */
  public static List<PodSecurityViolation> check(Plan plan) {
    return forVersion(plan.kubernetesVersion())
        .check(plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList()));
  }

  /** The violations of a plan's workloads as a report of check {@code pod security}. */
  public static FindingReport report(Plan plan) {
    return toReport(check(plan));
  }

  /** The violations of every workload among {@code objects} as a report of check {@code pod security}. */
  public FindingReport report(List<? extends HasMetadata> objects) {
    return toReport(check(objects));
  }

  private static FindingReport toReport(List<PodSecurityViolation> violations) {
    return FindingReport.builder().check("pod security").failOn(Severity.HIGH)
        .addAllFindings(violations.stream().map(PodSecurityViolation::toFinding).collect(Collectors.toList()))
        .build();
  }

  /** The violations of every workload among {@code objects}, in object order. */
  public List<PodSecurityViolation> check(List<? extends HasMetadata> objects) {
    Map<String, Map<String, String>> labels = new HashMap<>();
    for (HasMetadata o : objects) {
      if ("Namespace".equals(o.getKind()) && "v1".equals(o.getApiVersion())) {
        Namespace ns = o instanceof Namespace typed ? typed : Manifests.convert(o, Namespace.class);
        labels.put(ns.getMetadata().getName(), Optional.ofNullable(ns.getMetadata().getLabels()).orElse(Map.of()));
      }
    }
    List<PodSecurityViolation> violations = new ArrayList<>();
    for (HasMetadata o : objects) {
      Optional<PodTemplateSpec> template = Workloads.podTemplate(o);
      if (template.isEmpty()) continue;
      String ns = Optional.ofNullable(o.getMetadata().getNamespace()).orElse("default");
      Map<String, String> nsLabels = labels.getOrDefault(ns, Map.of());
      PodSecurityLevel level = PodSecurityLevel.fromLabel(nsLabels.get(PodSecurityProfile.LABEL_PREFIX + "enforce"))
          .orElse(defaultLevel);
      String version = nsLabels.getOrDefault(PodSecurityProfile.LABEL_PREFIX + "enforce-version", "latest");
      violations.addAll(evaluate(ResourceRef.of(o), template.get(), level, version));
    }
    return violations;
  }

  /** The controls of {@code level} that a pod template fails at policy {@code version} ({@code latest} or v1.N). */
  public List<PodSecurityViolation> evaluate(ResourceRef workload, PodTemplateSpec template, PodSecurityLevel level,
      String version) {
    KubernetesVersion v = policyVersion(version);
    List<PodSecurityViolation> out = new ArrayList<>();
    for (PodSecurityStandards.Failure f : PodSecurityStandards.evaluate(template.getMetadata(), template.getSpec(),
        level, v)) {
      out.add(PodSecurityViolation.builder().workload(workload).level(level).version(version).check(f.check)
          .reason(f.reason).detail(f.detail).build());
    }
    return out;
  }

  // An unparseable or newer-than-cluster version is evaluated as latest, as the admission plugin does.
  private KubernetesVersion policyVersion(String version) {
    if (version == null || version.equals("latest")) return latest;
    try {
      KubernetesVersion v = KubernetesVersion.parse(version);
      return v.isAtLeast(latest) ? latest : v;
    } catch (IllegalArgumentException e) {
      return latest;
    }
  }
}
