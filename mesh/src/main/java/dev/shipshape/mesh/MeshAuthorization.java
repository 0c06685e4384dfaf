package dev.shipshape.mesh;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.mesh.internal.NetworkPolicyTranslation;
import dev.shipshape.mesh.internal.SpecWorkloads;
import dev.shipshape.networking.policy.NetworkPolicySet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Zero-trust authorization derived from the same intent as the spec's {@link NetworkPolicySet}s: every
 * NetworkPolicy those sets write becomes an Istio ALLOW {@code AuthorizationPolicy} of the same name and namespace,
 * so that a sidecar (or ztunnel) enforces with mTLS identities what the CNI enforces with addresses.
 *
 * <pre>{@code
 * NetworkPolicySet netpol = NetworkPolicySet.forNamespaces("shop").defaultDenyAll().allowDns()
 *     .allow(TrafficRule.ingressTo(PodSelector.labelled("app", "api"))
 *         .from(PolicyPeer.pods("app", "web")).on(PolicyPort.tcp(8080)));
 * ClusterSpec base = ClusterSpec.builder().name("shop").yamlFile(dir).component(netpol).build();
 * DerivedAuthorization derived = MeshAuthorization.fromNetworkPolicies(netpol).derive(base);
 * ClusterSpec spec = ClusterSpec.builder().from(base).component(derived.component()).build();
 * }</pre>
 *
 * <p>How the intent maps (Kubernetes "Network Policies"; Istio "Authorization Policy" reference):
 * <ul>
 *   <li>The two models compose alike: a pod selected by any policy admits only what one of them allows. The
 *       default deny of a set (a policy selecting every pod without ingress rules) becomes a per-namespace
 *       ALLOW policy without rules, Istio's allow-nothing; each ingress rule becomes one rule, its peers the
 *       rule's {@code from} sources (any of which suffices) and its ports the rule's {@code to.operation.ports}.</li>
 *   <li>Pods of the policy's namespace by labels, or of other namespaces by {@code andPods}: the principals
 *       ({@code cluster.local/ns/NS/sa/SA}) of the ServiceAccounts that the spec's workloads with those labels run
 *       as. Every pod of a namespace: {@code namespaces}; every namespace: {@code namespaces: ["*"]}.</li>
 *   <li>An ipBlock: {@code ipBlocks} with its {@code except} as {@code notIpBlocks} (the connection's source
 *       address; {@code remoteIpBlocks} would trust X-Forwarded-For, which a NetworkPolicy never reads).</li>
 *   <li>TCP port numbers as they are; a range with {@code endPort} of at most 100 ports as single ports; a named
 *       port as the numbers the selected workloads' containers give that name.</li>
 * </ul>
 *
 * <p>What cannot be expressed is left out so that the mesh never admits more than the NetworkPolicy would (fail
 * closed), and is listed in {@link DerivedAuthorization#limitations()}: egress (AuthorizationPolicies are enforced
 * by the receiving workload); UDP and SCTP ports (the mesh does not proxy them); wider port ranges; selectors with
 * {@code matchExpressions}; pod selectors that match no workload of the spec (admission is by ServiceAccount, so
 * pods added later are not covered); policies in Istio's root namespace {@code istio-system}, which would apply
 * mesh-wide. One exception widens: a ServiceAccount shared with workloads the pod selector does not select admits
 * those too, and is reported. Principals and namespaces need mutual TLS between the pods (see {@link MutualTls}),
 * and none of it applies to pods outside the mesh. Immutable.
 */
public final class MeshAuthorization {
  private final List<NetworkPolicySet> sets;

  private MeshAuthorization(List<NetworkPolicySet> sets) {
    this.sets = sets;
  }

  /** Derives from the NetworkPolicies of these sets. */
  public static MeshAuthorization fromNetworkPolicies(NetworkPolicySet... sets) {
    List<NetworkPolicySet> all = new ArrayList<>();
    for (NetworkPolicySet s : sets) all.add(Objects.requireNonNull(s, "set == null"));
    return new MeshAuthorization(List.copyOf(all));
  }

  /** The AuthorizationPolicies for the workloads and Namespaces of the spec's plan. */
  public DerivedAuthorization derive(ClusterSpec spec) {
    return derive(spec.plan());
  }

  /** The AuthorizationPolicies for the workloads and Namespaces of a plan. */
  public DerivedAuthorization derive(Plan plan) {
    return derive(plan.resources().stream().map(PlannedResource::object).collect(Collectors.toList()));
  }

  /**
   * The AuthorizationPolicies for the workloads and Namespaces among {@code objects}; a set for tenants targets the
   * Namespaces among them whose labels match.
   */
  public DerivedAuthorization derive(List<? extends HasMetadata> objects) {
    SpecWorkloads workloads = new SpecWorkloads(objects);
    List<HasMetadata> networkPolicies = new ArrayList<>();
    for (NetworkPolicySet set : sets) {
      List<String> targets = set.tenantLabels().map(workloads::namespacesLabelled).orElse(set.namespaces());
      for (String ns : targets) networkPolicies.addAll(set.policiesFor(ns));
    }
    NetworkPolicyTranslation t = NetworkPolicyTranslation.of(networkPolicies, workloads);
    return new DerivedAuthorization(t.policies(), t.limitations());
  }

  @Override
  public String toString() {
    return "MeshAuthorization from " + sets;
  }
}
