package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The label selectors of built-in objects, checked as the API server checks them, each rule with its message. */
class SelectorValidationTest {
  private static final String TEMPLATE = "template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c,"
      + " image: i}]}}";
  private static final String JOB_TEMPLATE = "template: {metadata: {labels: {app: web}}, spec: {restartPolicy: Never,"
      + " containers: [{name: c, image: i}]}}";
  private static final String REQUIRED = "is required: it names the pods the %s owns — select the pods of the"
      + " template by their labels, such as matchLabels: {app: web} with app: web in spec.template.metadata.labels";
  private static final String MISMATCH = "spec.template.metadata.labels: the template's labels %s do not match"
      + " spec.selector (%s), so the %s would not own the pods it creates — give the template the labels the"
      + " selector asks for, or select the template's labels";
  private static final String VALUE_FIX = " — use a label value such as 'db': at most 63 letters, digits, '-', '_'"
      + " or '.'";
  private static final String KEY_FIX = " — use a label key such as 'app' or 'example.com/tier'";

  private static String workload(String apiVersion, String kind, String spec) {
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: web, namespace: shop}\nspec: {"
        + spec + "}\n";
  }

  private static String error(String kind, String rest) {
    return "ERROR [resources] " + kind + " shop/web " + rest;
  }

  @Test
  void aWorkloadNeedsASelector() {
    assertThat(Problems.of(spec().yaml(workload("apps/v1", "Deployment", TEMPLATE)).build())).containsExactly(
        error("Deployment.apps", "spec.selector: " + REQUIRED.formatted("Deployment")));
    assertThat(Problems.of(spec().yaml(workload("apps/v1", "DaemonSet", TEMPLATE)).build())).containsExactly(
        error("DaemonSet.apps", "spec.selector: " + REQUIRED.formatted("DaemonSet")));
  }

  @Test
  void aWorkloadsSelectorIsNotEmpty() {
    assertThat(Problems.of(spec().yaml(workload("apps/v1", "StatefulSet", "selector: {matchLabels: {}}, "
        + TEMPLATE)).build())).containsExactly(error("StatefulSet.apps", "spec.selector: is empty, which would"
            + " select every pod of the namespace; the API server refuses an empty selector for a StatefulSet —"
            + " select the pods of the template by their labels, such as matchLabels: {app: web}"));
  }

  @Test
  void aWorkloadsSelectorMatchesItsTemplatesLabels() {
    assertThat(Problems.of(spec().yaml(workload("apps/v1", "ReplicaSet", "selector: {matchLabels: {app: web},"
        + " matchExpressions: [{key: tier, operator: Exists}]}, " + TEMPLATE)).build())).containsExactly(
            error("ReplicaSet.apps", MISMATCH.formatted("{app=web}", "app=web,tier", "ReplicaSet")));
  }

  @Test
  void anInvalidSelectorIsReportedAtItsFieldsAlone() {
    assertThat(Problems.of(spec().yaml(workload("apps/v1", "Deployment", "selector: {matchLabels: {app: -web},"
        + " matchExpressions: [{key: 'bad key', operator: Exists}]}, " + TEMPLATE)).build())).containsExactly(
            error("Deployment.apps", "spec.selector.matchLabels.app: label value '-web' must consist of"
                + " alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric" + VALUE_FIX),
            error("Deployment.apps", "spec.selector.matchExpressions[0].key: label key name 'bad key' must consist"
                + " of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric" + KEY_FIX));
  }

  @Test
  void aNullInRawYamlIsTheEmptyString() {
    spec().yaml(workload("apps/v1", "Deployment", "selector: {matchLabels: {app: null}, matchExpressions: [{key:"
        + " tier, operator: In, values: [null, a]}]}, template: {metadata: {labels: {app: '', tier: ~}}, spec:"
        + " {containers: [{name: c, image: i}]}}")).build().plan();
    assertThat(Problems.of(spec().yaml(workload("apps/v1", "Deployment", "selector: {matchLabels: {app: null}}, "
        + TEMPLATE)).build())).containsExactly(
            error("Deployment.apps", MISMATCH.formatted("{app=web}", "app=", "Deployment")));
  }

  @Test
  void typedAndGenericObjectsAreCheckedAlike() {
    String text = workload("apps/v1", "Deployment", "selector: {matchLabels: {app: db}}, " + TEMPLATE);
    GenericKubernetesResource generic = Manifests.convert(Manifests.parseYamlTrees(text, "test").get(0),
        GenericKubernetesResource.class);
    String expected = error("Deployment.apps", MISMATCH.formatted("{app=web}", "app=db", "Deployment"));
    assertThat(Problems.of(spec().resource(generic).build())).containsExactly(expected);
    assertThat(Problems.of(spec().resource(new DeploymentBuilder().withNewMetadata().withName("web")
        .withNamespace("shop").endMetadata().withNewSpec().withNewSelector().addToMatchLabels("app", "db")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
        .addNewContainer().withName("c").withImage("i").endContainer().endSpec().endTemplate().endSpec().build())
        .build())).containsExactly(expected);
  }

  @Test
  void aManualJobNeedsASelectorThatMatchesItsTemplate() {
    assertThat(Problems.of(spec().yaml(workload("batch/v1", "Job", "manualSelector: true, " + JOB_TEMPLATE))
        .build())).containsExactly(error("Job.batch", "spec.selector: " + REQUIRED.formatted("Job")));
    assertThat(Problems.of(spec().yaml(workload("batch/v1", "Job", "manualSelector: true, selector: {matchLabels:"
        + " {app: db}}, " + JOB_TEMPLATE)).build())).containsExactly(
            error("Job.batch", MISMATCH.formatted("{app=web}", "app=db", "Job")));
  }

  @Test
  void aJobsGeneratedSelectorMaySelectOnlyTheLabelsTheServerGenerates() {
    spec().yaml(workload("batch/v1", "Job", JOB_TEMPLATE)).build().plan();
    spec().yaml(workload("batch/v1", "Job", "selector: {matchLabels: {job-name: web}, matchExpressions: [{key:"
        + " controller-uid, operator: Exists}]}, " + JOB_TEMPLATE)).build().plan();
    List<String> problems = Problems.of(spec().yaml(workload("batch/v1", "Job", "selector: {matchLabels: {app:"
        + " db}}, " + JOB_TEMPLATE)).build());
    assertThat(problems).containsExactly(
        error("Job.batch", "spec.selector: is given, but spec.manualSelector is not true: the API server then"
            + " generates the selector, adding the Job's uid to this one, and refuses it unless it selects by the"
            + " labels it generates alone (job-name, controller-uid) — remove spec.selector and let the API server"
            + " generate it, or set spec.manualSelector: true to keep this one"),
        error("Job.batch", MISMATCH.formatted("{app=web, batch.kubernetes.io/controller-uid=(uid),"
            + " batch.kubernetes.io/job-name=web, controller-uid=(uid), job-name=web}",
            "app=db,batch.kubernetes.io/controller-uid=(uid)", "Job")));
  }

  @Test
  void aCronJobsJobsAlwaysGetAGeneratedSelector() {
    assertThat(Problems.of(spec().yaml(workload("batch/v1", "CronJob", "schedule: '0 3 * * *', jobTemplate:"
        + " {spec: {manualSelector: true, selector: {matchLabels: {app: web}}, " + JOB_TEMPLATE + "}}")).build()))
        .containsExactly(
            error("CronJob.batch", "spec.jobTemplate.spec.selector: is given, but the API server generates the"
                + " selector of every Job a CronJob creates — remove spec.jobTemplate.spec.selector"),
            error("CronJob.batch", "spec.jobTemplate.spec.manualSelector: is true, but the Jobs of a CronJob always"
                + " get a generated selector — remove spec.jobTemplate.spec.manualSelector"));
  }

  @Test
  void aReplicationControllersSelectorMatchesItsTemplateOrIsItsLabels() {
    spec().yaml(workload("v1", "ReplicationController", TEMPLATE)).build().plan();
    assertThat(Problems.of(spec().yaml(workload("v1", "ReplicationController", "selector: {app: db}, "
        + TEMPLATE)).build())).containsExactly(
            error("ReplicationController", MISMATCH.formatted("{app=web}", "app=db", "ReplicationController")));
    assertThat(Problems.of(spec().yaml(workload("v1", "ReplicationController", "template: {spec: {containers:"
        + " [{name: c, image: i}]}}")).build())).containsExactly(
            error("ReplicationController", "spec.selector: " + REQUIRED.formatted("ReplicationController")));
  }

  @Test
  void theSelectorsOfPodSpecsAreChecked() {
    String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec: {containers: [{name: c,"
        + " image: i}], topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable:"
        + " DoNotSchedule, labelSelector: {matchLabels: {app: -a}}}], affinity: {podAffinity:"
        + " {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone, namespaceSelector:"
        + " {matchExpressions: [{key: team, operator: In}]}}]}, podAntiAffinity:"
        + " {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: zone,"
        + " labelSelector: {matchExpressions: [{key: app, operator: in, values: [a]}]}}}]}}}\n";
    assertThat(Problems.of(spec().yaml(pod).build())).containsExactly(
        error("Pod", "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector"
            + ".matchExpressions[0].values: is empty, but In needs at least one value — list the values to match,"
            + " or use Exists to match any value"),
        error("Pod", "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]"
            + ".podAffinityTerm.labelSelector.matchExpressions[0].operator: 'in' is not a label selector operator"
            + " — use In, NotIn, Exists or DoesNotExist (capitalized as written)"),
        error("Pod", "spec.topologySpreadConstraints[0].labelSelector.matchLabels.app: label value '-a' must"
            + " consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric" + VALUE_FIX));
    String cronJob = workload("batch/v1", "CronJob", "schedule: '0 3 * * *', jobTemplate: {spec: {template: {spec:"
        + " {restartPolicy: Never, containers: [{name: c, image: i}], topologySpreadConstraints: [{maxSkew: 1,"
        + " topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {'-a': b}}}]}}}}");
    assertThat(Problems.of(spec().yaml(cronJob).build())).containsExactly(error("CronJob.batch",
        "spec.jobTemplate.spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels.-a: label key"
            + " name '-a' must consist of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric"
            + KEY_FIX));
  }

  @Test
  void theSelectorsOfOtherKindsAreChecked() {
    String bad = "{matchLabels: {app: -a}}";
    String yaml = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: shop}\n"
        + "spec: {minAvailable: 1, selector: " + bad + "}\n---\n"
        + workload("networking.k8s.io/v1", "NetworkPolicy", "podSelector: " + bad + ", ingress: [{from:"
            + " [{namespaceSelector: " + bad + ", podSelector: " + bad + "}]}], egress: [{to: [{podSelector: "
            + bad + "}]}]") + "---\n"
        + workload("v1", "PersistentVolumeClaim", "accessModes: [ReadWriteOnce], resources: {requests: {storage:"
            + " 1Gi}}, selector: " + bad) + "---\n"
        + workload("apps/v1", "StatefulSet", "selector: {matchLabels: {app: web}}, " + TEMPLATE
            + ", volumeClaimTemplates: [{metadata: {name: data}, spec: {selector: " + bad + "}}]") + "---\n"
        + "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: web}\naggregationRule:"
        + " {clusterRoleSelectors: [" + bad + "]}\n---\n"
        + "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name:"
        + " web}\nwebhooks: [{name: a.example.com, namespaceSelector: " + bad + ", objectSelector: " + bad
        + "}]\n---\n"
        + "apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata: {name:"
        + " web}\nwebhooks: [{name: a.example.com, objectSelector: " + bad + "}]\n---\n"
        + "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: web}\n"
        + "spec: {matchConstraints: {namespaceSelector: " + bad + "}}\n---\n"
        + "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name:"
        + " web}\nspec: {policyName: web, matchResources: {objectSelector: " + bad + "}}\n---\n"
        + "apiVersion: storage.k8s.io/v1\nkind: CSIStorageCapacity\nmetadata: {name: web, namespace: shop}\n"
        + "storageClassName: fast\nnodeTopology: " + bad + "\n";
    assertThat(Problems.of(spec().yaml(yaml).build())).extracting(p -> p.substring(0, p.indexOf(':')))
        .containsExactlyInAnyOrder(
            "ERROR [resources] PodDisruptionBudget.policy shop/web spec.selector.matchLabels.app",
            "ERROR [resources] NetworkPolicy.networking.k8s.io shop/web spec.podSelector.matchLabels.app",
            "ERROR [resources] NetworkPolicy.networking.k8s.io shop/web"
                + " spec.ingress[0].from[0].podSelector.matchLabels.app",
            "ERROR [resources] NetworkPolicy.networking.k8s.io shop/web"
                + " spec.ingress[0].from[0].namespaceSelector.matchLabels.app",
            "ERROR [resources] NetworkPolicy.networking.k8s.io shop/web"
                + " spec.egress[0].to[0].podSelector.matchLabels.app",
            "ERROR [resources] PersistentVolumeClaim shop/web spec.selector.matchLabels.app",
            "ERROR [resources] StatefulSet.apps shop/web spec.volumeClaimTemplates[0].spec.selector.matchLabels.app",
            "ERROR [resources] ClusterRole.rbac.authorization.k8s.io web"
                + " aggregationRule.clusterRoleSelectors[0].matchLabels.app",
            "ERROR [resources] ValidatingWebhookConfiguration.admissionregistration.k8s.io web"
                + " webhooks[0].namespaceSelector.matchLabels.app",
            "ERROR [resources] ValidatingWebhookConfiguration.admissionregistration.k8s.io web"
                + " webhooks[0].objectSelector.matchLabels.app",
            "ERROR [resources] MutatingWebhookConfiguration.admissionregistration.k8s.io web"
                + " webhooks[0].objectSelector.matchLabels.app",
            "ERROR [resources] ValidatingAdmissionPolicy.admissionregistration.k8s.io web"
                + " spec.matchConstraints.namespaceSelector.matchLabels.app",
            "ERROR [resources] ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io web"
                + " spec.matchResources.objectSelector.matchLabels.app",
            "ERROR [resources] CSIStorageCapacity.storage.k8s.io shop/web nodeTopology.matchLabels.app");
  }
}
