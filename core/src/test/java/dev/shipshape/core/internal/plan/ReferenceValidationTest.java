package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.ResourceRef;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * References to ServiceAccounts, Roles, ClusterRoles, Secrets, ConfigMaps, claims and StorageClasses: an error when
 * the target's namespace is created by the spec (it cannot exist yet), a warning when the cluster may already hold
 * the target, nothing when the target is in the spec, declared pre-existing, or optional.
 */
class ReferenceValidationTest {
  private static final String CONTAINER = "name: app, image: app:1";

  /** A referencing object in namespace NS, the field that refers, and the target (in NS). */
  static Stream<Arguments> namespacedReferences() {
    return Stream.of(
        Arguments.of(deployment("{serviceAccountName: robot, containers: [{" + CONTAINER + "}]}"),
            "Deployment.apps", "spec.template.spec.serviceAccountName", "ServiceAccount", "robot"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + "}], volumes: [{name: v, secret: {secretName: tls}}]}"),
            "Deployment.apps", "spec.template.spec.volumes[0].secret.secretName", "Secret", "tls"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + "}], volumes: [{name: v, configMap: {name: cfg}}]}"),
            "Deployment.apps", "spec.template.spec.volumes[0].configMap.name", "ConfigMap", "cfg"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + "}], volumes: [{name: v, persistentVolumeClaim:"
                + " {claimName: data}}]}"),
            "Deployment.apps", "spec.template.spec.volumes[0].persistentVolumeClaim.claimName",
            "PersistentVolumeClaim", "data"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + "}], volumes: [{name: v, projected: {sources:"
                + " [{configMap: {name: ca, optional: true}}, {secret: {name: token}}]}}]}"),
            "Deployment.apps", "spec.template.spec.volumes[0].projected.sources[1].secret.name", "Secret", "token"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + "}], volumes: [{name: v, projected: {sources:"
                + " [{secret: {name: token, optional: true}}, {configMap: {name: ca}}]}}]}"),
            "Deployment.apps", "spec.template.spec.volumes[0].projected.sources[1].configMap.name", "ConfigMap", "ca"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + ", env: [{name: A, valueFrom: {secretKeyRef:"
                + " {name: db, key: password}}}]}]}"),
            "Deployment.apps", "spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name", "Secret", "db"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + ", env: [{name: A, value: x}, {name: B, valueFrom:"
                + " {configMapKeyRef: {name: cfg, key: mode}}}]}]}"),
            "Deployment.apps", "spec.template.spec.containers[0].env[1].valueFrom.configMapKeyRef.name",
            "ConfigMap", "cfg"),
        Arguments.of(deployment("{containers: [{" + CONTAINER + ", envFrom: [{secretRef: {name: db}}]}]}"),
            "Deployment.apps", "spec.template.spec.containers[0].envFrom[0].secretRef.name", "Secret", "db"),
        Arguments.of(deployment("{initContainers: [{" + CONTAINER + ", envFrom: [{configMapRef: {name: cfg}}]}],"
                + " containers: [{" + CONTAINER + "}]}"),
            "Deployment.apps", "spec.template.spec.initContainers[0].envFrom[0].configMapRef.name",
            "ConfigMap", "cfg"),
        Arguments.of(deployment("{imagePullSecrets: [{name: registry}], containers: [{" + CONTAINER + "}]}"),
            "Deployment.apps", "spec.template.spec.imagePullSecrets[0].name", "Secret", "registry"),
        Arguments.of("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: web, namespace: NS}\nspec: {schedule:"
                + " '@daily', jobTemplate: {spec: {template: {spec: {serviceAccountName: robot, restartPolicy: Never,"
                + " containers: [{" + CONTAINER + "}]}}}}}\n",
            "CronJob.batch", "spec.jobTemplate.spec.template.spec.serviceAccountName", "ServiceAccount", "robot"),
        Arguments.of("apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: NS}\nspec: {serviceAccountName:"
                + " robot, containers: [{" + CONTAINER + "}]}\n",
            "Pod", "spec.serviceAccountName", "ServiceAccount", "robot"),
        Arguments.of(roleBinding("Role", "reader", "{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}"),
            "RoleBinding.rbac.authorization.k8s.io", "roleRef.name", "Role.rbac.authorization.k8s.io", "reader"),
        Arguments.of(roleBinding("ClusterRole", "view", "{kind: ServiceAccount, name: robot}"),
            "RoleBinding.rbac.authorization.k8s.io", "subjects[0].name", "ServiceAccount", "robot"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("namespacedReferences")
  void missingTargetInANamespaceTheSpecCreatesIsAnError(String yaml, String kind, String field, String targetKind,
      String target) {
    assertThat(Problems.of(spec().yaml(yaml.replace("NS", "shop")).build())).containsExactly(
        "ERROR [resources] " + kind + " shop/web " + field + ": refers to " + targetKind + " shop/" + target
            + ", which is not in the spec; namespace shop is created by this spec, so it cannot exist yet — add "
            + targetKind + " shop/" + target + " to the spec, fix the name, or declare it with"
            + " preExistingResource(...)");
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("namespacedReferences")
  void missingTargetInAPreExistingNamespaceIsAWarning(String yaml, String kind, String field, String targetKind,
      String target) {
    assertThat(Problems.warnings(spec().yaml(yaml.replace("NS", "legacy")).build())).containsExactly(
        "WARNING [resources] " + kind + " legacy/web " + field + ": refers to " + targetKind + " legacy/" + target
            + ", which is not in the spec; namespace legacy exists already, so the cluster may hold it — add "
            + targetKind + " legacy/" + target + " to the spec, fix the name, or declare it with"
            + " preExistingResource(...)");
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("namespacedReferences")
  void targetDeclaredPreExistingIsFine(String yaml, String kind, String field, String targetKind, String target) {
    String group = targetKind.contains(".") ? targetKind.substring(targetKind.indexOf('.') + 1) : "";
    String plainKind = targetKind.contains(".") ? targetKind.substring(0, targetKind.indexOf('.')) : targetKind;
    ClusterSpec spec = spec().yaml(yaml.replace("NS", "shop"))
        .preExistingResource(ResourceRef.namespaced(group, plainKind, "shop", target)).build();
    assertThat(spec.plan().warnings()).isEmpty();
  }

  static Stream<Arguments> clusterScopedReferences() {
    return Stream.of(
        Arguments.of("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: web, namespace: shop}\nspec:"
                + " {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n",
            "PersistentVolumeClaim", "spec.storageClassName", "StorageClass.storage.k8s.io", "fast"),
        Arguments.of("apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: shop}\nspec:"
                + " {serviceName: web, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}},"
                + " spec: {containers: [{" + CONTAINER + "}]}}, volumeClaimTemplates: [{metadata: {name: data},"
                + " spec: {storageClassName: fast, accessModes: [ReadWriteOnce]}}]}\n",
            "StatefulSet.apps", "spec.volumeClaimTemplates[0].spec.storageClassName", "StorageClass.storage.k8s.io",
            "fast"),
        Arguments.of(roleBinding("ClusterRole", "auditor", "{kind: Group, name: devs, apiGroup:"
                + " rbac.authorization.k8s.io}").replace("NS", "shop"),
            "RoleBinding.rbac.authorization.k8s.io", "roleRef.name", "ClusterRole.rbac.authorization.k8s.io",
            "auditor"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("clusterScopedReferences")
  void missingClusterScopedTargetIsAWarningEvenFromANewNamespace(String yaml, String kind, String field,
      String targetKind, String target) {
    assertThat(Problems.warnings(spec().yaml(yaml).build())).containsExactly(
        "WARNING [resources] " + kind + " shop/web " + field + ": refers to " + targetKind + " " + target
            + ", which is not in the spec; the cluster may already hold it — add " + targetKind + " " + target
            + " to the spec, fix the name, or declare it with preExistingResource(...)");
  }

  @Test
  void optionalReferencesAreNeverReported() {
    String yaml = deployment("{containers: [{" + CONTAINER + ", env: [{name: A, valueFrom: {secretKeyRef: {name: db,"
        + " key: k, optional: true}}}, {name: B, valueFrom: {configMapKeyRef: {name: cfg, key: k, optional: true}}}],"
        + " envFrom: [{secretRef: {name: db, optional: true}}, {configMapRef: {name: cfg, optional: true}}]}],"
        + " volumes: [{name: a, secret: {secretName: tls, optional: true}}, {name: b, configMap: {name: cfg,"
        + " optional: true}}, {name: c, projected: {sources: [{secret: {name: s, optional: true}}]}}]}");
    assertThat(spec().yaml(yaml.replace("NS", "shop")).build().plan().warnings()).isEmpty();
  }

  @Test
  void defaultServiceAccountAndDefaultClusterRolesAlwaysExist() {
    ClusterSpec spec = spec()
        .yaml(deployment("{serviceAccountName: default, containers: [{" + CONTAINER + "}]}").replace("NS", "shop"))
        .yaml(roleBinding("ClusterRole", "edit", "{kind: ServiceAccount, name: default}").replace("NS", "shop"))
        .yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: delegator}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: 'system:auth-delegator'}\n"
            + "subjects: [{kind: ServiceAccount, name: default, namespace: shop}]\n")
        .build();
    assertThat(spec.plan().warnings()).isEmpty();
  }

  @Test
  void targetsInTheSpecSatisfyReferences() {
    ClusterSpec spec = spec()
        .yaml(deployment("{serviceAccountName: robot, containers: [{" + CONTAINER + ", envFrom: [{secretRef: {name:"
            + " db}}]}]}").replace("NS", "shop"))
        .yaml("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot, namespace: shop}\n")
        .yaml("apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData: {password: x}\n")
        .build();
    assertThat(spec.plan().warnings()).isEmpty();
  }

  @Test
  void serviceAccountSubjectOfAClusterRoleBindingNeedsANamespace() {
    ClusterSpec spec = spec()
        .yaml("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: readers}\n"
            + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\n"
            + "subjects: [{kind: ServiceAccount, name: robot}]\n")
        .build();
    assertThat(Problems.of(spec)).containsExactly(
        "ERROR [resources] ClusterRoleBinding.rbac.authorization.k8s.io readers subjects[0].namespace: names"
            + " ServiceAccount robot without a namespace, which a ClusterRoleBinding requires — set"
            + " subjects[0].namespace to the namespace of ServiceAccount robot");
  }

  @Test
  void subjectInANamespaceTheSpecDoesNotKnowIsAWarning() {
    ClusterSpec spec = spec()
        .yaml(roleBinding("ClusterRole", "view", "{kind: ServiceAccount, name: robot, namespace: elsewhere}")
            .replace("NS", "shop"))
        .build();
    assertThat(Problems.warnings(spec)).containsExactly(
        "WARNING [resources] RoleBinding.rbac.authorization.k8s.io shop/web subjects[0].name: refers to"
            + " ServiceAccount elsewhere/robot, which is not in the spec; namespace elsewhere is not created by this"
            + " spec, so the cluster may hold it — add ServiceAccount elsewhere/robot to the spec, fix the name, or"
            + " declare it with preExistingResource(...)");
  }

  private static String deployment(String podSpec) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: NS}\nspec:\n"
        + "  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: " + podSpec
        + "\n";
  }

  private static String roleBinding(String roleKind, String role, String subject) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: web, namespace: NS}\n"
        + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: " + roleKind + ", name: " + role + "}\n"
        + "subjects: [" + subject + "]\n";
  }
}
