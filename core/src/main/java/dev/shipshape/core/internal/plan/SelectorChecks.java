package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.LabelSelectorRules;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.List;

/**
 * The label selectors of built-in objects, checked by {@link LabelSelectorRules} wherever the API server checks them
 * with apimachinery's {@code ValidateLabelSelector} (kubernetes {@code pkg/apis/.../validation}): a workload's
 * {@code spec.selector} ({@link ControllerSelectorChecks}, with what else the server asks of it), the pod affinity
 * terms and topology spread constraints of every pod spec ({@link PodSelectorChecks}), a PodDisruptionBudget's
 * {@code spec.selector} ({@code ValidatePodDisruptionBudgetSpec}), a NetworkPolicy's {@code spec.podSelector} and its
 * peers' {@code podSelector} and {@code namespaceSelector} ({@code ValidateNetworkPolicySpec}), a
 * PersistentVolumeClaim's {@code spec.selector}, also in a StatefulSet's {@code volumeClaimTemplates}
 * ({@code ValidatePersistentVolumeClaimSpec}), a ClusterRole's {@code aggregationRule.clusterRoleSelectors}
 * ({@code ValidateClusterRole}), the {@code namespaceSelector} and {@code objectSelector} of admission webhooks and
 * of ValidatingAdmissionPolicies and their bindings ({@code pkg/apis/admissionregistration/validation}), and a
 * CSIStorageCapacity's {@code nodeTopology} ({@code ValidateCSIStorageCapacity}). Typed and raw objects alike.
 */
final class SelectorChecks {
  private SelectorChecks() {}

  static void check(CompiledObject o, List<Problem> problems) {
    String groupKind = o.ref.groupKind();
    if (!kindWithSelectors(groupKind)) return;
    HasMetadata typed = Workloads.typed(o.object);
    Workloads.podTemplate(typed).ifPresent(template -> PodSelectorChecks.check(o,
        Workloads.podSpecPath(o.ref.kind()), template.getSpec(), problems));
    ControllerSelectorChecks.check(o, typed, problems);
    if (typed instanceof PodTemplate podTemplate && podTemplate.getTemplate() != null) {
      PodSelectorChecks.check(o, "template.spec", podTemplate.getTemplate().getSpec(), problems);
    } else if (typed instanceof StatefulSet set && set.getSpec() != null) {
      claims(o, set.getSpec().getVolumeClaimTemplates(), problems);
    } else if (typed instanceof PersistentVolumeClaim claim && claim.getSpec() != null) {
      selector(o, "spec.selector", claim.getSpec().getSelector(), problems);
    } else if (typed instanceof NetworkPolicy policy && policy.getSpec() != null) {
      policy(o, policy.getSpec(), problems);
    } else if (typed instanceof ClusterRole role && role.getAggregationRule() != null) {
      List<LabelSelector> selectors = role.getAggregationRule().getClusterRoleSelectors();
      for (int i = 0; selectors != null && i < selectors.size(); i++) {
        selector(o, "aggregationRule.clusterRoleSelectors[" + i + "]", selectors.get(i), problems);
      }
    } else if (typed instanceof ValidatingWebhookConfiguration configuration) {
      List<ValidatingWebhook> hooks = configuration.getWebhooks();
      for (int i = 0; hooks != null && i < hooks.size(); i++) {
        webhook(o, "webhooks[" + i + "]", hooks.get(i).getNamespaceSelector(), hooks.get(i).getObjectSelector(),
            problems);
      }
    } else if (typed instanceof MutatingWebhookConfiguration configuration) {
      List<MutatingWebhook> hooks = configuration.getWebhooks();
      for (int i = 0; hooks != null && i < hooks.size(); i++) {
        webhook(o, "webhooks[" + i + "]", hooks.get(i).getNamespaceSelector(), hooks.get(i).getObjectSelector(),
            problems);
      }
    } else if (typed instanceof ValidatingAdmissionPolicy policy && policy.getSpec() != null) {
      matchResources(o, "spec.matchConstraints", policy.getSpec().getMatchConstraints(), problems);
    } else if (typed instanceof ValidatingAdmissionPolicyBinding binding && binding.getSpec() != null) {
      matchResources(o, "spec.matchResources", binding.getSpec().getMatchResources(), problems);
    } else if (typed instanceof PodDisruptionBudget budget) {
      if (budget.getSpec() != null) selector(o, "spec.selector", budget.getSpec().getSelector(), problems);
    } else if (groupKind.equals("PodDisruptionBudget.policy")) {
      // Versions and kinds of models the core module does not read: their selector is read from the object's JSON.
      fromTree(o, "spec.selector", Manifests.toTree(o.object).path("spec").path("selector"), problems);
    } else if (groupKind.equals("CSIStorageCapacity.storage.k8s.io")) {
      fromTree(o, "nodeTopology", Manifests.toTree(o.object).path("nodeTopology"), problems);
    }
  }

  /** The kinds with a label selector, so that the objects of other kinds are never converted. */
  private static boolean kindWithSelectors(String groupKind) {
    return switch (groupKind) {
      case "Pod", "PodTemplate", "ReplicationController", "PersistentVolumeClaim", "Deployment.apps",
          "ReplicaSet.apps", "StatefulSet.apps", "DaemonSet.apps", "Job.batch", "CronJob.batch",
          "PodDisruptionBudget.policy", "NetworkPolicy.networking.k8s.io", "ClusterRole.rbac.authorization.k8s.io",
          "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
          "MutatingWebhookConfiguration.admissionregistration.k8s.io",
          "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
          "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io", "CSIStorageCapacity.storage.k8s.io" ->
          true;
      default -> false;
    };
  }

  private static void claims(CompiledObject o, List<PersistentVolumeClaim> claims, List<Problem> problems) {
    for (int i = 0; claims != null && i < claims.size(); i++) {
      if (claims.get(i).getSpec() != null) {
        selector(o, "spec.volumeClaimTemplates[" + i + "].spec.selector", claims.get(i).getSpec().getSelector(),
            problems);
      }
    }
  }

  private static void policy(CompiledObject o, NetworkPolicySpec spec, List<Problem> problems) {
    selector(o, "spec.podSelector", spec.getPodSelector(), problems);
    for (int i = 0; spec.getIngress() != null && i < spec.getIngress().size(); i++) {
      peers(o, "spec.ingress[" + i + "].from", spec.getIngress().get(i).getFrom(), problems);
    }
    for (int i = 0; spec.getEgress() != null && i < spec.getEgress().size(); i++) {
      peers(o, "spec.egress[" + i + "].to", spec.getEgress().get(i).getTo(), problems);
    }
  }

  private static void peers(CompiledObject o, String field, List<NetworkPolicyPeer> peers, List<Problem> problems) {
    for (int j = 0; peers != null && j < peers.size(); j++) {
      NetworkPolicyPeer peer = peers.get(j);
      if (peer == null) continue;
      selector(o, field + "[" + j + "].podSelector", peer.getPodSelector(), problems);
      selector(o, field + "[" + j + "].namespaceSelector", peer.getNamespaceSelector(), problems);
    }
  }

  private static void webhook(CompiledObject o, String field, LabelSelector namespaces, LabelSelector objects,
      List<Problem> problems) {
    selector(o, field + ".namespaceSelector", namespaces, problems);
    selector(o, field + ".objectSelector", objects, problems);
  }

  private static void matchResources(CompiledObject o, String field, MatchResources match, List<Problem> problems) {
    if (match != null) webhook(o, field, match.getNamespaceSelector(), match.getObjectSelector(), problems);
  }

  private static void fromTree(CompiledObject o, String field, JsonNode selector, List<Problem> problems) {
    if (selector.isObject()) selector(o, field, Manifests.convert(selector, LabelSelector.class), problems);
  }

  /** The problems of the selector at {@code field}, none when it is absent. */
  static void selector(CompiledObject o, String field, LabelSelector selector, List<Problem> problems) {
    for (Problem p : LabelSelectorRules.check(field, selector)) {
      problems.add(ObjectChecks.error(o, p.field().orElse(field), p.message(), p.fix()));
    }
  }
}
