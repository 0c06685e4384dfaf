package dev.shipshape.core.internal.plan;

import dev.shipshape.core.BuiltInKinds;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Checks each object on its own: names, labels, annotations, namespace against scope and spec, the keys of
 * Secrets and ConfigMaps, containers' requests against their limits, ports, label selectors, and Ingress hosts.
 */
final class ObjectChecks {
  /** 63 characters of a label value, less the 11 of a controller revision's "-HASH" suffix. */
  private static final int STATEFUL_SET_NAME_LIMIT = 52;
  /** 63 characters of a label value, less the 11 of a Job's "-TIMESTAMP" suffix. */
  private static final int CRON_JOB_NAME_LIMIT = 52;
  private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private ObjectChecks() {}

  static void check(CompiledSpec spec, CompiledObject o, List<Problem> problems) {
    ResourceRef ref = o.ref;
    if (o.object.getApiVersion() == null || o.object.getApiVersion().isEmpty() || ref.kind().isEmpty()) {
      problems.add(error(o, "apiVersion", "apiVersion and kind are required", "set both, such as 'apps/v1' and"
          + " 'Deployment'"));
      return;
    }
    checkApiVersion(spec, o, problems);
    checkName(o, problems);
    checkMap(o, "metadata.labels", o.object.getMetadata().getLabels(), true, problems);
    checkMap(o, "metadata.annotations", o.object.getMetadata().getAnnotations(), false, problems);
    checkAnnotationSize(o, problems);
    checkNamespace(spec, o, problems);
    DataKeyChecks.check(o, problems);
    ResourceRequestChecks.check(spec, o, problems);
    PortChecks.check(o, problems);
    SelectorChecks.check(o, problems);
    IngressHostChecks.check(o, problems);
  }

  /** Removed apiVersions are errors (the target does not serve them); deprecated ones are warnings. */
  private static void checkApiVersion(CompiledSpec spec, CompiledObject o, List<Problem> problems) {
    KubernetesVersion target = spec.kubernetesVersion();
    String apiVersion = o.object.getApiVersion();
    spec.spec.apiDeprecations().find(apiVersion, o.ref.kind()).ifPresent(d -> {
      String fix = d.advice();
      if (d.removedBy(target)) {
        problems.add(error(o, "apiVersion", apiVersion + " " + o.ref.kind() + " is no longer served since Kubernetes "
            + d.removedIn().get() + " (target " + target + ")", fix));
      } else if (d.deprecatedBy(target)) {
        problems.add(Problem.warning(o.ref, "apiVersion", apiVersion + " " + o.ref.kind() + " is deprecated since"
            + " Kubernetes " + d.deprecatedIn().get() + d.removedIn().map(r -> " and removed in " + r).orElse("")
            + " (target " + target + ")", fix));
      }
    });
  }

  private static void checkName(CompiledObject o, List<Problem> problems) {
    String groupKind = o.ref.groupKind();
    Function<String, List<String>> rule;
    String fix;
    if (groupKind.equals("Namespace")) {
      rule = Names::checkDns1123Label;
      fix = "use at most 63 lower-case letters, digits and '-', such as 'shop-api'";
    } else if (groupKind.equals("Service")) {
      // Service names become DNS labels of the cluster domain, and must start with a letter (RFC 1035).
      rule = Names::checkDns1035Label;
      fix = "use at most 63 lower-case letters, digits and '-', starting with a letter, such as 'shop-api'";
    } else if (groupKind.equals("StatefulSet.apps")) {
      rule = Names::checkDns1123Label;
      fix = "use at most " + STATEFUL_SET_NAME_LIMIT + " lower-case letters, digits and '-', such as 'shop-db'";
    } else if (o.ref.group().equals("rbac.authorization.k8s.io")) {
      rule = Names::checkPathSegmentName;
      fix = "use a name other than '.' or '..', without '/' or '%'";
    } else {
      rule = Names::checkDns1123Subdomain;
      fix = "use lower-case letters, digits, '-' and '.', such as 'shop-api'";
    }
    List<String> invalid = rule.apply(o.ref.name());
    for (String message : invalid) {
      problems.add(error(o, "metadata.name", "name '" + o.ref.name() + "' " + message, fix));
    }
    if (invalid.isEmpty()) derivedNameLength(o, problems);
  }

  /**
   * Names that are valid as such but too long for a name or label value the cluster derives from them: the API
   * server refuses Jobs and CronJobs, and a StatefulSet's controller can never create a pod.
   */
  private static void derivedNameLength(CompiledObject o, List<Problem> problems) {
    String name = o.ref.name();
    int length = name.length();
    String groupKind = o.ref.groupKind();
    if (groupKind.equals("StatefulSet.apps") && length > STATEFUL_SET_NAME_LIMIT) {
      problems.add(error(o, "metadata.name", "name '" + name + "' is " + length + " characters long: the"
              + " StatefulSet controller labels each pod with controller-revision-hash NAME-HASH (usually 11"
              + " characters more), longer than a label value's 63, so it usually cannot create the pods",
          "use at most " + STATEFUL_SET_NAME_LIMIT + " characters"));
    } else if (groupKind.equals("CronJob.batch") && length > CRON_JOB_NAME_LIMIT) {
      problems.add(error(o, "metadata.name", "name '" + name + "' is " + length + " characters long, more than"
              + " the API server allows for a CronJob: its Jobs are named NAME-TIMESTAMP (up to 11 characters more)"
              + " and their pods labelled with that name, which a label value limits to 63",
          "use at most " + CRON_JOB_NAME_LIMIT + " characters"));
    } else if (groupKind.equals("Job.batch") && length > 63 && !manualSelector(o)) {
      problems.add(error(o, "metadata.name", "name '" + name + "' is " + length + " characters long: the API"
              + " server labels the Job's pods with it (batch.kubernetes.io/job-name), and refuses a label value"
              + " longer than 63", "use at most 63 characters"));
    }
  }

  private static void checkMap(CompiledObject o, String field, Map<String, String> map, boolean labels,
      List<Problem> problems) {
    if (map == null) return;
    map.forEach((key, value) -> {
      // The API server checks annotation keys in lower case, so 'Example.com/Key' is a valid annotation key only.
      for (String message : Names.checkLabelKey(labels ? key : key.toLowerCase(Locale.ROOT))) {
        problems.add(error(o, field + "." + key, message,
            "use an optional DNS prefix and '/', then at most 63 alphanumerics, '-', '_' or '.'"));
      }
      if (labels) {
        for (String message : Names.checkLabelValue(value)) {
          problems.add(error(o, field + "." + key, message,
              "use at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"));
        }
      }
    });
  }

  /** A Job with its own selector gets no job-name label from the API server, so its name may be longer. */
  private static boolean manualSelector(CompiledObject o) {
    return Workloads.typed(o.object) instanceof Job job && job.getSpec() != null
        && Boolean.TRUE.equals(job.getSpec().getManualSelector());
  }

  /** The API server refuses annotations whose keys and values together take more than 256 KiB as UTF-8. */
  private static void checkAnnotationSize(CompiledObject o, List<Problem> problems) {
    Map<String, String> annotations = o.object.getMetadata().getAnnotations();
    if (annotations == null) return;
    long bytes = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      bytes += utf8Length(e.getKey()) + (e.getValue() == null ? 0 : utf8Length(e.getValue()));
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      problems.add(error(o, "metadata.annotations", "annotations take " + bytes + " bytes, more than the "
          + ANNOTATIONS_MAX_BYTES + " (256 KiB) the API server allows", "keep large data in a ConfigMap or Secret"
          + " and refer to it from an annotation"));
    }
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void checkNamespace(CompiledSpec spec, CompiledObject o, List<Problem> problems) {
    String groupKind = o.ref.groupKind();
    boolean hasNamespace = o.ref.namespace().isPresent();
    Boolean namespaced = null;
    if (BuiltInKinds.isClusterScoped(groupKind)) namespaced = false;
    else if (BuiltInKinds.isNamespaced(groupKind) || o.object instanceof Namespaced) namespaced = true;
    else if (spec.crdNamespaced.containsKey(groupKind)) namespaced = spec.crdNamespaced.get(groupKind);
    if (namespaced == null) checkCrdKnown(spec, o, problems);
    if (Boolean.FALSE.equals(namespaced) && hasNamespace) {
      problems.add(error(o, "metadata.namespace", groupKind + " is cluster-scoped but has namespace '"
          + o.ref.namespace().get() + "'", "remove metadata.namespace"));
    } else if (Boolean.TRUE.equals(namespaced) && !hasNamespace) {
      problems.add(error(o, "metadata.namespace", groupKind + " is namespaced but has no namespace",
          "set metadata.namespace; Shipshape never guesses 'default'"));
    }
    if (hasNamespace && !Boolean.FALSE.equals(namespaced) && !spec.namespaceExists(o.ref.namespace().get())) {
      String ns = o.ref.namespace().get();
      problems.add(error(o, "metadata.namespace", "namespace '" + ns + "' is neither created by the spec nor"
          + " declared pre-existing", "add Namespace " + ns + " to the spec, or declare it with"
          + " " + ClusterSpec.preExistingNamespaceFix(ns)));
    }
  }

  /**
   * A kind that is neither built in nor defined by a CRD of the spec needs its CRD on the cluster: without it the
   * apply fails with a 404 and no useful message (checked on a real API server). Warned once per kind.
   */
  private static void checkCrdKnown(CompiledSpec spec, CompiledObject o, List<Problem> problems) {
    String group = o.ref.group();
    // Only the smallest object of a kind goes on to the scan of the pre-existing set, so that scan runs once per
    // kind, not once per object.
    if (group.isEmpty() || spec.requiredCrdKinds.contains(o.ref.groupKind())
        || !o.ref.equals(spec.smallestOfKind.get(o.ref.groupKind())) || spec.isCrdPreExisting(o.ref.kind(), group)
        || !spec.missingCrdWarned.add(o.ref.groupKind())) {
      return;
    }
    String crd = o.ref.kind().toLowerCase(java.util.Locale.ROOT) + "s." + group;
    problems.add(Problem.warning(o.ref, "kind", o.ref.kind() + " (" + o.object.getApiVersion() + ") is defined by "
        + "no CustomResourceDefinition of the spec, and none is declared pre-existing; the apply fails unless the "
        + "cluster has it", "add the CRD to the spec (install its operator's manifests with the spec), or declare "
        + "it pre-existing: --pre-existing-crd " + crd + " on the command line, preExistingCrd(\"" + crd
        + "\") in a spec").inComponent(o.component));
  }

  static Problem error(CompiledObject o, String field, String message, String fix) {
    return Problem.error(o.ref, field, message, fix).inComponent(o.component);
  }
}
