package dev.shipshape.core.cluster;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.Finding;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Objects of a plan that a managed cluster's provider owns and overwrites (or never reads), found by kind,
 * namespace and name: a finding of rule {@code provider-owned-object} ({@code HIGH}) each, with what to set on the
 * provider's side instead. The provider's objects, as data:
 *
 * <ul>
 *   <li>every managed profile: kube-proxy's {@code kube-system/kube-proxy} ConfigMap and DaemonSet, and the
 *       control plane's static pods and workloads in {@code kube-system} ({@code kube-apiserver}, {@code etcd},
 *       {@code kube-controller-manager}, {@code kube-scheduler}), which run on the provider's side;
 *   <li>EKS: the kube-proxy add-on's {@code kube-system/kube-proxy-config} ConfigMap and the VPC CNI add-on's
 *       {@code kube-system/aws-node} DaemonSet, whose fields an add-on update overwrites
 *       (https://repost.aws/knowledge-center/eks-configure-ipvs-kube-proxy,
 *       https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html);
 *   <li>AKS: CoreDNS's {@code kube-system/coredns} ConfigMap, which AKS manages (custom configuration goes into
 *       {@code coredns-custom}: https://learn.microsoft.com/azure/aks/coredns-custom).
 * </ul>
 *
 * A {@link ClusterProfile#KUBEADM} cluster's owner owns them all: no finding.
 */
public final class ProviderOwnedObjects {
  /** The rule of the findings. */
  public static final FindingRule RULE = FindingRule.builder().id("provider-owned-object").severity(Severity.HIGH)
      .title("The spec writes an object that the managed cluster's provider owns and overwrites")
      .remediation("remove the object from the spec and set it on the provider's side").build();

  private static final Set<ClusterProfile> MANAGED = EnumSet.of(ClusterProfile.EKS, ClusterProfile.GKE,
      ClusterProfile.AKS, ClusterProfile.OVHCLOUD);
  private static final List<String> CONTROL_PLANE = List.of("kube-apiserver", "etcd", "kube-controller-manager",
      "kube-scheduler");
  private static final List<Owned> OWNED = List.of(
      Owned.named(MANAGED, "ConfigMap", "kube-proxy", "kube-proxy's configuration",
          topic(ProviderTopic.KUBE_PROXY_MODE)),
      Owned.named(MANAGED, "DaemonSet", "kube-proxy", "kube-proxy", topic(ProviderTopic.KUBE_PROXY_MODE)),
      Owned.controlPlane("Pod"),
      Owned.controlPlane("Deployment"),
      Owned.controlPlane("DaemonSet"),
      Owned.controlPlane("StatefulSet"),
      Owned.named(EnumSet.of(ClusterProfile.EKS), "ConfigMap", "kube-proxy-config",
          "the kube-proxy add-on's configuration", topic(ProviderTopic.KUBE_PROXY_MODE)),
      Owned.named(EnumSet.of(ClusterProfile.EKS), "DaemonSet", "aws-node", "the Amazon VPC CNI add-on",
          p -> "aws eks update-addon --cluster-name <cluster> --addon-name vpc-cni --configuration-values '<json>' "
              + "(https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html)"),
      Owned.named(EnumSet.of(ClusterProfile.AKS), "ConfigMap", "coredns", "CoreDNS's main configuration",
          p -> "put custom CoreDNS configuration into the kube-system/coredns-custom ConfigMap instead "
              + "(https://learn.microsoft.com/azure/aks/coredns-custom)"));

  private ProviderOwnedObjects() {}

  /** A finding for each of {@code objects} that {@code profile}'s provider owns; none for kubeadm. */
  public static List<Finding> check(ClusterProfile profile, List<? extends HasMetadata> objects) {
    List<Finding> findings = new ArrayList<>();
    for (HasMetadata o : objects) {
      ResourceRef ref = ResourceRef.of(o);
      for (Owned owned : OWNED) {
        if (!owned.matches(profile, ref)) continue;
        findings.add(Finding.builder().ruleId(RULE.id()).severity(RULE.severity()).addResources(ref)
            .message(profile.displayName() + " owns " + owned.what() + " and overwrites or ignores this object; "
                + "the spec must not write it")
            .remediation("remove it from the spec (for a managed profile the SDK's own components leave it out) "
                + "and set it on the provider's side: " + owned.fix().apply(profile)).build());
        break;
      }
    }
    return findings;
  }

  private static Function<ClusterProfile, String> topic(ProviderTopic topic) {
    return p -> p.advice(topic).remediation();
  }

  /** Objects of one kind in {@code kube-system}, by name or (for {@code prefix}) name prefix. */
  private record Owned(Set<ClusterProfile> profiles, String kind, List<String> names, boolean prefix, String what,
      Function<ClusterProfile, String> fix) {

    static Owned named(Set<ClusterProfile> profiles, String kind, String name, String what,
        Function<ClusterProfile, String> fix) {
      return new Owned(profiles, kind, List.of(name), false, what, fix);
    }

    /** The control plane's static pods ({@code kube-apiserver-<node>}) and workloads. */
    static Owned controlPlane(String kind) {
      return new Owned(MANAGED, kind, CONTROL_PLANE, true, "the control plane",
          topic(ProviderTopic.VERSION_UPGRADES));
    }

    boolean matches(ClusterProfile profile, ResourceRef ref) {
      return profiles.contains(profile) && ref.kind().equals(kind)
          && ref.namespace().filter("kube-system"::equals).isPresent()
          && names.stream().anyMatch(n -> ref.name().equals(n) || prefix && ref.name().startsWith(n + "-"));
    }
  }
}
