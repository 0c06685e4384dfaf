package dev.shipshape.storage.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.StatefulSetClaims;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetOrdinals;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the StatefulSet is whose claim a typed clone or snapshot names ({@code <template>-<statefulset>-<ordinal>}):
 * in the spec, the typed form that comes after it and waits for the claim to be Bound, which under the default
 * podManagementPolicy OrderedReady, for an ordinal above the first, waits for the pods before it to be Ready;
 * running on the cluster and declared pre-existing, the typed form that does not wait. Only a StatefulSet of the
 * spec tells its claim templates, the ordinals of its pods and its pod management policy.
 */
final class StatefulSetSourceChecks {
  /** What names the claim: a clone, or a snapshot, with its words and typed forms. */
  enum Use {
    CLONE("clones", "the claim", "the provisioner", "the claim would stay Pending", "cloneFromStatefulSetClaim",
        "cloneFromPreExistingStatefulSetClaim"),
    SNAPSHOT("snapshots", "the snapshot", "the snapshot controller", "the snapshot would never be taken",
        "statefulSetClaim", "preExistingStatefulSetClaim");

    private final String verb;
    private final String subject;
    private final String retrier;
    private final String outcome;
    private final String inSpecForm;
    private final String preExistingForm;

    Use(String verb, String subject, String retrier, String outcome, String inSpecForm, String preExistingForm) {
      this.verb = verb;
      this.subject = subject;
      this.retrier = retrier;
      this.outcome = outcome;
      this.inSpecForm = inSpecForm;
      this.preExistingForm = preExistingForm;
    }
  }

  private StatefulSetSourceChecks() {}

  /**
   * Adds the problems of where {@code statefulSet} is to {@code problems}, for claim {@code claim} that
   * {@code owner}'s {@code field} names with the typed form of a StatefulSet of the spec, or with the one of a
   * pre-existing StatefulSet when {@code preExisting}. True when the StatefulSet is in the spec, to check the claim
   * against its templates and pods next.
   */
  static boolean check(Use use, ResourceRef owner, String field, String claim, ResourceRef statefulSet,
      boolean preExisting, SpecContext context, List<Problem> problems) {
    boolean inSpec = context.find(statefulSet).isPresent();
    boolean declared = context.isPreExisting(statefulSet);
    String namespace = statefulSet.namespace().orElse("");
    String arguments = StatefulSetClaimNames.arguments(statefulSet.name(), claim);
    String names = use.verb + " claim " + claim + " of StatefulSet " + statefulSet.qualifiedName();
    String declare = "declare it with preExistingResource(ResourceRef.namespaced(\"apps\", \"StatefulSet\", \""
        + namespace + "\", \"" + statefulSet.name() + "\"))";
    if (inSpec && preExisting) {
      problems.add(Problem.warning(owner, field, names + ", which is in the spec, as pre-existing: " + use.subject
          + " is not ordered after the StatefulSet, so " + use.retrier + " retries until " + claim + " exists and"
          + " is Bound", "use " + use.inSpecForm + "(" + arguments + ") to apply " + use.subject + " after"
          + " StatefulSet " + statefulSet.qualifiedName() + ", once " + claim + " is Bound"));
      return true;
    }
    if (inSpec) {
      context.find(statefulSet).ifPresent(set -> checkOrderedReady(use, owner, field, claim, set, problems));
      return true;
    }
    if (!preExisting) {
      problems.add(Problem.error(owner, field, names + ", which is " + (declared ? "declared pre-existing but"
          + " not in the spec, so " + use.subject + " cannot be ordered after it: the planner orders only after"
          + " objects of the plan" : "neither in the spec nor declared pre-existing, so nothing makes " + claim
          + " for " + use.subject + " to wait for"), (declared ? "" : "add the StatefulSet to the spec, or, when it"
          + " runs already, " + declare + " and ") + "use " + use.preExistingForm + "(" + arguments + "), which"
          + " does not wait for it"));
    } else if (!declared) {
      problems.add(Problem.error(owner, field, names + ", given as pre-existing, but the StatefulSet is neither"
          + " in the spec nor declared pre-existing; " + use.outcome, "when it runs already, " + declare + "; else"
          + " add it to the spec and use " + use.inSpecForm + "(" + arguments + ") to apply " + use.subject
          + " after it, once " + claim + " is Bound"));
    } else if (!context.isPreExisting(ResourceRef.core("PersistentVolumeClaim", namespace, claim))) {
      problems.add(Problem.warning(owner, field, names + ", declared pre-existing: without the StatefulSet's"
          + " definition, that it has claim template " + StatefulSetClaimNames.template(statefulSet.name(), claim)
          + " (spec.volumeClaimTemplates[*].metadata.name) and a pod of ordinal "
          + StatefulSetClaimNames.ordinal(statefulSet.name(), claim) + " (spec.ordinals.start, spec.replicas)"
          + " cannot be checked; if not, " + use.outcome, "check them on the cluster (kubectl get statefulset "
          + statefulSet.name() + " -n " + namespace + " -o yaml), declare the claim itself with"
          + " preExistingResource(ResourceRef.core(\"PersistentVolumeClaim\", \"" + namespace + "\", \"" + claim
          + "\")), or add the StatefulSet to the spec"));
    }
    return false;
  }

  /**
   * Under the default podManagementPolicy OrderedReady the controller creates the pod of an ordinal, and its
   * claims, only once every pod before it is Running and Ready (<a
   * href="https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#deployment-and-scaling-guarantees">
   * Deployment and scaling guarantees</a>; the controller's {@code processReplica}, monotonic): a claim of an
   * ordinal above {@code spec.ordinals.start} waits for the pods before it to run.
   */
  private static void checkOrderedReady(Use use, ResourceRef owner, String field, String claim, HasMetadata object,
      List<Problem> problems) {
    StatefulSetSpec spec = Manifests.convert(object, StatefulSet.class).getSpec();
    if (spec == null || "Parallel".equals(spec.getPodManagementPolicy())) return;
    int start = Optional.ofNullable(spec.getOrdinals()).map(StatefulSetOrdinals::getStart).orElse(0);
    int replicas = Optional.ofNullable(spec.getReplicas()).orElse(1);
    ResourceRef set = ResourceRef.of(object);
    OptionalLong ordinal = StatefulSetClaimNames.parsedOrdinal(set.name(), claim);
    // An ordinal outside the pods', or a template the StatefulSet lacks, is an error of its own (SpecClaims).
    if (ordinal.isEmpty() || ordinal.getAsLong() <= start || ordinal.getAsLong() >= (long) start + replicas) return;
    String template = StatefulSetClaimNames.template(set.name(), claim);
    if (Optional.ofNullable(spec.getVolumeClaimTemplates()).orElse(List.of()).stream()
        .noneMatch(t -> t.getMetadata() != null && template.equals(t.getMetadata().getName()))) {
      return;
    }
    String previous = set.name() + "-" + (ordinal.getAsLong() - 1);
    problems.add(Problem.warning(owner, field, use.verb + " claim " + claim + " of StatefulSet "
        + set.qualifiedName() + ": " + claim + " is made only once pod " + previous + (ordinal.getAsLong() - 1 > start
        ? " (and every pod before it)" : "") + " is Running and Ready (spec.podManagementPolicy "
        + Optional.ofNullable(spec.getPodManagementPolicy()).orElse("OrderedReady, the default") + "), so "
        + use.subject + " waits for the StatefulSet's pods to run", "set spec.podManagementPolicy: Parallel on"
        + " StatefulSet " + set.qualifiedName() + ", or " + use.verb.replaceAll("s$", "") + " ordinal " + start
        + " with " + use.inSpecForm + "(" + StatefulSetClaimNames.arguments(set.name(), template,
        StatefulSetClaims.name(template, set.name(), start)) + ")"));
  }
}
