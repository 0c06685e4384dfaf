package dev.shipshape.testing.proofs;

import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Label selectors as the API server judges them, in every place it checks one: a workload's {@code spec.selector}
 * (required, not empty, matching the template's labels; a Job's generated one; none in a CronJob's job template), a
 * PodDisruptionBudget's, a NetworkPolicy's pod selector and peers, the pod affinity terms and topology spread
 * constraints of pod specs, claims, a ClusterRole's aggregation rule, admission webhooks and policy bindings, and a
 * CSIStorageCapacity's node topology. A plan reports an error on exactly the fields a server-side dry run refuses,
 * read with three differences of form: the server names a {@code matchLabels} entry at {@code matchLabels}; it repeats
 * the problems of a workload's or an aggregation rule's selector once more at the selector itself ("invalid label
 * selector"); and where a workload has no selector it also reports that the missing selector does not match the
 * template (a DaemonSet only that), where a plan reports the missing selector. Selectors come both chosen and
 * generated (a fixed seed, so that a failure repeats).
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class SelectorFidelityTest {
  private static final String NAMESPACE = "selector-fidelity";
  private static final String CONTAINERS = "containers: [{name: c, image: i}]";
  private static final String TEMPLATE = "template: {metadata: {labels: {app: a, tier: web}}, spec: {" + CONTAINERS
      + "}}";
  private static final String JOB_TEMPLATE = "template: {metadata: {labels: {app: a}}, spec: {restartPolicy: Never, "
      + CONTAINERS + "}}";
  private static final List<String> SELECTORS = List.of("{matchLabels: {app: a}}", "{matchLabels: {app: b}}",
      "{matchLabels: {app: a, tier: web}}", "{matchLabels: {app: '-a'}}", "{matchLabels: {'-app': a}}",
      "{matchLabels: {'Example.com/app': a}}", "{matchLabels: {app: null}}", "{matchLabels: {'a.b/c/d': a}}",
      "{}", "{matchLabels: {}, matchExpressions: []}", "{matchExpressions: [{key: app, operator: in, values: [a]}]}",
      "{matchExpressions: [{key: app, operator: In}]}", "{matchExpressions: [{key: app, operator: Exists, values:"
          + " [a]}]}", "{matchExpressions: [{key: 'bad key', operator: Exists}]}",
      "{matchExpressions: [{key: app, operator: In, values: [a, '-b']}]}",
      "{matchExpressions: [{key: app, operator: NotIn, values: [b]}]}",
      "{matchExpressions: [{key: app, operator: In, values: [null, a]}]}", "{matchExpressions: [{operator: Exists}]}",
      "{matchExpressions: [{key: app, operator: DoesNotExist}]}", "{matchExpressions: [null]}",
      "{matchLabels: {app: a}, matchExpressions: [{key: tier, operator: Gt, values: ['1']}]}",
      "{matchLabels: {job-name: job}}", "{matchExpressions: [{key: controller-uid, operator: Exists}]}");
  /** The places every selector goes. */
  private static final Set<String> THOROUGH = Set.of("Deployment", "DaemonSet", "manual Job", "Job",
      "NetworkPolicy");
  /** The selectors of the other places: valid, and each problem of a selector's fields once. */
  private static final List<String> FEW = List.of("{matchLabels: {app: b}}", "{}", "{matchLabels: {app: '-a'}}",
      "{matchLabels: {'Example.com/app': a}}", "{matchExpressions: [{key: app, operator: Exists, values: ['-a']}]}",
      "{matchExpressions: [{key: app, operator: In}, null]}");
  private static final List<String> KEYS = List.of("app", "tier", "example.com/app", "-x", "", "x/y/z");
  private static final List<String> VALUES = List.of("a", "web", "", "-a", "x".repeat(64));
  private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist", "notin", "");

  /** Each place a selector goes, {@code SEL} standing for the selector under test. */
  private static final Map<String, String> PLACES = Map.ofEntries(
      Map.entry("Deployment", workload("apps/v1", "Deployment", "selector: SEL, " + TEMPLATE)),
      Map.entry("StatefulSet", workload("apps/v1", "StatefulSet", "selector: SEL, " + TEMPLATE)),
      Map.entry("DaemonSet", workload("apps/v1", "DaemonSet", "selector: SEL, " + TEMPLATE)),
      Map.entry("ReplicaSet", workload("apps/v1", "ReplicaSet", "selector: SEL, " + TEMPLATE)),
      Map.entry("manual Job", workload("batch/v1", "Job", "manualSelector: true, selector: SEL, " + JOB_TEMPLATE)),
      Map.entry("Job", workload("batch/v1", "Job", "selector: SEL, " + JOB_TEMPLATE)),
      Map.entry("CronJob", workload("batch/v1", "CronJob", "schedule: '0 3 * * *', jobTemplate: {spec: {selector:"
          + " SEL, " + JOB_TEMPLATE + "}}")),
      Map.entry("PodDisruptionBudget", workload("policy/v1", "PodDisruptionBudget", "minAvailable: 1, selector:"
          + " SEL")),
      Map.entry("NetworkPolicy", workload("networking.k8s.io/v1", "NetworkPolicy", "podSelector: SEL, ingress:"
          + " [{from: [{podSelector: {}}, {namespaceSelector: SEL, podSelector: SEL}]}], egress: [{to:"
          + " [{namespaceSelector: SEL}]}]")),
      Map.entry("spread", workload("apps/v1", "Deployment", "selector: {matchLabels: {app: a}}, template: {metadata:"
          + " {labels: {app: a}}, spec: {" + CONTAINERS + ", topologySpreadConstraints: [{maxSkew: 1, topologyKey:"
          + " zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}, {maxSkew: 1, topologyKey: node,"
          + " whenUnsatisfiable: ScheduleAnyway, labelSelector: SEL}]}}")),
      Map.entry("Pod", "{apiVersion: v1, kind: Pod, metadata: {name: pod, namespace: " + NAMESPACE + "}, spec: {"
          + CONTAINERS + ", affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey:"
          + " zone, labelSelector: SEL}]}, podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution:"
          + " [{weight: 1, podAffinityTerm: {topologyKey: zone, labelSelector: {}, namespaceSelector: SEL}}]}}}}"),
      Map.entry("CronJob pod", workload("batch/v1", "CronJob", "schedule: '0 3 * * *', jobTemplate: {spec:"
          + " {template: {spec: {restartPolicy: Never, " + CONTAINERS + ", affinity: {podAntiAffinity:"
          + " {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone, labelSelector: SEL}]}}}}}}")),
      Map.entry("PodTemplate", "{apiVersion: v1, kind: PodTemplate, metadata: {name: pt, namespace: " + NAMESPACE
          + "}, template: {spec: {" + CONTAINERS + ", topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone,"
          + " whenUnsatisfiable: DoNotSchedule, labelSelector: SEL}]}}}"),
      Map.entry("PersistentVolumeClaim", workload("v1", "PersistentVolumeClaim", "accessModes: [ReadWriteOnce],"
          + " resources: {requests: {storage: 1Gi}}, selector: SEL")),
      Map.entry("claim template", workload("apps/v1", "StatefulSet", "selector: {matchLabels: {app: a}}, " + TEMPLATE
          + ", volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources:"
          + " {requests: {storage: 1Gi}}, selector: SEL}}]")),
      Map.entry("ClusterRole", "{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name:"
          + " aggregated}, aggregationRule: {clusterRoleSelectors: [{matchLabels: {app: a}}, SEL]}}"),
      Map.entry("webhooks", "{apiVersion: admissionregistration.k8s.io/v1, kind: ValidatingWebhookConfiguration,"
          + " metadata: {name: hooks}, webhooks: [{name: a.example.com, sideEffects: None, admissionReviewVersions:"
          + " [v1], clientConfig: {url: 'https://example.com'}, namespaceSelector: SEL, objectSelector: SEL}]}"),
      Map.entry("mutating webhooks", "{apiVersion: admissionregistration.k8s.io/v1, kind:"
          + " MutatingWebhookConfiguration, metadata: {name: hooks}, webhooks: [{name: a.example.com, sideEffects:"
          + " None, admissionReviewVersions: [v1], clientConfig: {url: 'https://example.com'}, objectSelector:"
          + " SEL}]}"),
      Map.entry("policy", "{apiVersion: admissionregistration.k8s.io/v1, kind: ValidatingAdmissionPolicy, metadata:"
          + " {name: policy}, spec: {failurePolicy: Fail, matchConstraints: {resourceRules: [{apiGroups: [''],"
          + " apiVersions: [v1], operations: [CREATE], resources: [pods]}], namespaceSelector: SEL}, validations:"
          + " [{expression: 'true'}]}}"),
      Map.entry("binding", "{apiVersion: admissionregistration.k8s.io/v1, kind: ValidatingAdmissionPolicyBinding,"
          + " metadata: {name: binding}, spec: {policyName: policy, validationActions: [Deny], matchResources:"
          + " {namespaceSelector: SEL, objectSelector: SEL}}}"),
      Map.entry("CSIStorageCapacity", "{apiVersion: storage.k8s.io/v1, kind: CSIStorageCapacity, metadata: {name:"
          + " capacity, namespace: " + NAMESPACE + "}, storageClassName: fast, nodeTopology: SEL}"));

  @Test
  void aPlanRefusesExactlyTheSelectorFieldsTheServerRefuses(KubernetesClient client) throws Exception {
    FieldVerdicts.namespaceWithDefaultAccount(client, NAMESPACE);
    FieldVerdicts.assertSame(cases(), text -> fieldsRefusedByServer(client, text),
        SelectorFidelityTest::fieldsRefusedByPlan);
  }

  /**
   * Every selector where the server asks more of a selector than its rules (workloads, which must own their
   * template's pods, and Jobs, whose selectors it generates) and in a NetworkPolicy; a few in every other place, which
   * only applies the rules. Then the workloads' own cases: no selector, a Job's generated one.
   */
  private static List<String> cases() {
    List<String> selectors = new ArrayList<>(SELECTORS);
    Random random = new Random(20_251_206);
    for (int i = 0; i < 8; i++) selectors.add(generated(random));
    List<String> cases = new ArrayList<>();
    new TreeMap<>(PLACES).forEach((name, place) -> {
      for (String selector : THOROUGH.contains(name) ? selectors : FEW) cases.add(place.replace("SEL", selector));
    });
    for (String kind : List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")) {
      cases.add(workload("apps/v1", kind, TEMPLATE));
    }
    cases.add(workload("batch/v1", "Job", JOB_TEMPLATE));
    cases.add(workload("batch/v1", "Job", "manualSelector: true, " + JOB_TEMPLATE));
    cases.add(workload("batch/v1", "CronJob", "schedule: '0 3 * * *', jobTemplate: {spec: {manualSelector: true, "
        + JOB_TEMPLATE + "}}"));
    cases.add(workload("batch/v1", "CronJob", "schedule: '0 3 * * *', jobTemplate: {spec: {manualSelector: false, "
        + JOB_TEMPLATE + "}}"));
    cases.add(workload("v1", "ReplicationController", "selector: {app: b}, " + TEMPLATE));
    cases.add(workload("v1", "ReplicationController", "selector: {app: a}, " + TEMPLATE));
    cases.add(workload("v1", "ReplicationController", TEMPLATE));
    cases.add(workload("apps/v1", "Deployment", "selector: {matchLabels: {app: a}}, template: {metadata: {labels:"
        + " {app: null}}, spec: {" + CONTAINERS + "}}"));
    cases.add(workload("apps/v1", "Deployment", "selector: {matchLabels: {app: null}}, template: {metadata: {labels:"
        + " {app: ''}}, spec: {" + CONTAINERS + "}}"));
    return cases;
  }

  /** A selector of one requirement, with matchLabels half of the time, from keys, values and operators. */
  private static String generated(Random random) {
    List<String> values = new ArrayList<>();
    for (int v = random.nextInt(3); v > 0; v--) values.add(pick(random, VALUES));
    String expression = "{key: " + quoted(pick(random, KEYS)) + ", operator: " + quoted(pick(random, OPERATORS))
        + ", values: [" + values.stream().map(SelectorFidelityTest::quoted).collect(Collectors.joining(", "))
        + "]}";
    String labels = random.nextBoolean() ? "" : "matchLabels: {" + quoted(pick(random, KEYS)) + ": "
        + quoted(pick(random, VALUES)) + "}, ";
    return "{" + labels + "matchExpressions: [" + expression + "]}";
  }

  /** The first, valid, entry half of the time, so that generated selectors are about as often valid as not. */
  private static String pick(Random random, List<String> from) {
    return from.get(random.nextBoolean() ? 0 : random.nextInt(from.size()));
  }

  private static String quoted(String text) {
    return "'" + text + "'";
  }

  private static String workload(String apiVersion, String kind, String spec) {
    String name = kind.equals("Job") ? "job" : "w";
    return "{apiVersion: " + apiVersion + ", kind: " + kind + ", metadata: {name: " + name + ", namespace: "
        + NAMESPACE + "}, spec: {" + spec + "}}";
  }

  /**
   * The fields a server-side dry run refuses, read as a plan names them: the selector itself left out where the
   * server repeats the problems of its fields there, and, where a workload has no selector, its template's labels,
   * which the server finds unmatched by the missing selector, as the selector. Empty when the server accepts it.
   */
  private static Set<String> fieldsRefusedByServer(KubernetesClient client, String text) {
    GenericKubernetesResource object = FieldVerdicts.object(client, text);
    Set<String> fields = FieldVerdicts.refusedByServer(client, object);
    Set<String> read = new TreeSet<>();
    for (String field : fields) {
      boolean repeated = fields.stream().anyMatch(f -> f.startsWith(field + "."));
      if (!repeated) read.add(field);
    }
    Object spec = object.getAdditionalProperties().get("spec");
    boolean selectorless = spec instanceof Map<?, ?> map && !map.containsKey("selector")
        && Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job").contains(object.getKind());
    if (selectorless && read.remove("spec.template.metadata.labels")) read.add("spec.selector");
    return read;
  }

  /** The fields of the plan's errors, a {@code matchLabels} entry read as the server names it; empty when it plans. */
  private static Set<String> fieldsRefusedByPlan(String text) {
    Set<String> fields = new TreeSet<>();
    for (String field : FieldVerdicts.refusedByPlan(NAMESPACE, text)) {
      fields.add(field.replaceFirst("\\.matchLabels(\\.|\\[).*$", ".matchLabels"));
    }
    return fields;
  }
}
