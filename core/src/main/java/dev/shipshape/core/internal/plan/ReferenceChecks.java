package dev.shipshape.core.internal.plan;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.Workloads;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that what an object refers to is in the spec: ServiceAccounts, Roles and ClusterRoles, Secrets,
 * ConfigMaps, PersistentVolumeClaims and StorageClasses. A missing object in a namespace that the spec itself
 * creates is an error (it cannot exist yet); one the target cluster may already hold (cluster-scoped, or in a
 * pre-existing namespace) is a warning. Objects declared pre-existing are never reported.
 */
final class ReferenceChecks {
  private static final String RBAC = "rbac.authorization.k8s.io";
  /** ClusterRoles every cluster has (the user-facing defaults; {@code system:} roles are checked by prefix). */
  private static final Set<String> DEFAULT_CLUSTER_ROLES = Set.of("cluster-admin", "admin", "edit", "view");

  private final CompiledSpec spec;
  private final List<Problem> problems;

  ReferenceChecks(CompiledSpec spec, List<Problem> problems) {
    this.spec = spec;
    this.problems = problems;
  }

  void check(CompiledObject o) {
    String groupKind = o.ref.groupKind();
    if (Workloads.runsPods(o.object)) {
      checkWorkload(o);
    } else if (groupKind.equals("PersistentVolumeClaim")
        && Workloads.typed(o.object) instanceof PersistentVolumeClaim pvc && pvc.getSpec() != null) {
      checkStorageClass(o, "spec.storageClassName", pvc.getSpec().getStorageClassName());
    } else if (groupKind.equals("RoleBinding." + RBAC)
        && Workloads.typed(o.object) instanceof RoleBinding binding) {
      checkBinding(o, binding.getRoleRef(), binding.getSubjects());
    } else if (groupKind.equals("ClusterRoleBinding." + RBAC)
        && Workloads.typed(o.object) instanceof ClusterRoleBinding binding) {
      checkBinding(o, binding.getRoleRef(), binding.getSubjects());
    }
  }

  // The typed models are read rather than a JSON tree of each object: converting every workload to a tree was a
  // tenth of the planning time of a large spec.
  private void checkWorkload(CompiledObject o) {
    String path = Workloads.podSpecPath(o.ref.kind());
    String ns = o.ref.namespace().orElse("");
    Workloads.podTemplate(o.object).map(PodTemplateSpec::getSpec).ifPresent(pod -> checkPod(o, ns, path, pod));
    if (Workloads.typed(o.object) instanceof StatefulSet set && set.getSpec() != null) {
      int t = 0;
      for (PersistentVolumeClaim claim : listOf(set.getSpec().getVolumeClaimTemplates())) {
        String field = "spec.volumeClaimTemplates[" + t++ + "].spec.storageClassName";
        if (claim.getSpec() != null) checkStorageClass(o, field, claim.getSpec().getStorageClassName());
      }
    }
  }

  private void checkPod(CompiledObject o, String ns, String path, PodSpec pod) {
    String account = pod.getServiceAccountName() != null ? pod.getServiceAccountName()
        : Objects.requireNonNullElse(pod.getServiceAccount(), "");
    if (!account.isEmpty() && !account.equals("default")) {
      expect(o, path + ".serviceAccountName", ResourceRef.core("ServiceAccount", ns, account));
    }
    int i = 0;
    for (Volume volume : listOf(pod.getVolumes())) {
      String field = path + ".volumes[" + i++ + "]";
      SecretVolumeSource secret = volume.getSecret();
      if (secret != null && !isTrue(secret.getOptional())) {
        expect(o, field + ".secret.secretName", secret(ns, secret.getSecretName()));
      }
      ConfigMapVolumeSource configMap = volume.getConfigMap();
      if (configMap != null && !isTrue(configMap.getOptional())) {
        expect(o, field + ".configMap.name", configMap(ns, configMap.getName()));
      }
      if (volume.getPersistentVolumeClaim() != null) {
        expect(o, field + ".persistentVolumeClaim.claimName",
            ResourceRef.core("PersistentVolumeClaim", ns, text(volume.getPersistentVolumeClaim().getClaimName())));
      }
      int s = 0;
      for (VolumeProjection source : volume.getProjected() == null ? List.<VolumeProjection>of()
          : listOf(volume.getProjected().getSources())) {
        String sourceField = field + ".projected.sources[" + s++ + "]";
        if (source.getSecret() != null && !isTrue(source.getSecret().getOptional())) {
          expect(o, sourceField + ".secret.name", secret(ns, source.getSecret().getName()));
        }
        if (source.getConfigMap() != null && !isTrue(source.getConfigMap().getOptional())) {
          expect(o, sourceField + ".configMap.name", configMap(ns, source.getConfigMap().getName()));
        }
      }
    }
    checkContainers(o, ns, path + ".initContainers", pod.getInitContainers());
    checkContainers(o, ns, path + ".containers", pod.getContainers());
    int p = 0;
    for (LocalObjectReference pull : listOf(pod.getImagePullSecrets())) {
      expect(o, path + ".imagePullSecrets[" + p++ + "].name", secret(ns, pull.getName()));
    }
  }

  private void checkContainers(CompiledObject o, String ns, String path, List<Container> containers) {
    int c = 0;
    for (Container container : listOf(containers)) {
      String field = path + "[" + c++ + "]";
      int e = 0;
      for (EnvVar env : listOf(container.getEnv())) {
        String envField = field + ".env[" + e++ + "].valueFrom";
        EnvVarSource from = env.getValueFrom();
        if (from == null) continue;
        if (from.getSecretKeyRef() != null && !isTrue(from.getSecretKeyRef().getOptional())) {
          expect(o, envField + ".secretKeyRef.name", secret(ns, from.getSecretKeyRef().getName()));
        }
        if (from.getConfigMapKeyRef() != null && !isTrue(from.getConfigMapKeyRef().getOptional())) {
          expect(o, envField + ".configMapKeyRef.name", configMap(ns, from.getConfigMapKeyRef().getName()));
        }
      }
      int f = 0;
      for (EnvFromSource from : listOf(container.getEnvFrom())) {
        String fromField = field + ".envFrom[" + f++ + "]";
        if (from.getSecretRef() != null && !isTrue(from.getSecretRef().getOptional())) {
          expect(o, fromField + ".secretRef.name", secret(ns, from.getSecretRef().getName()));
        }
        if (from.getConfigMapRef() != null && !isTrue(from.getConfigMapRef().getOptional())) {
          expect(o, fromField + ".configMapRef.name", configMap(ns, from.getConfigMapRef().getName()));
        }
      }
    }
  }

  private void checkBinding(CompiledObject o, RoleRef roleRef, List<Subject> subjects) {
    String ns = o.ref.namespace().orElse("");
    String roleKind = roleRef == null ? "" : text(roleRef.getKind());
    String roleName = roleRef == null ? "" : text(roleRef.getName());
    if (roleKind.equals("Role")) {
      expect(o, "roleRef.name", ResourceRef.namespaced(RBAC, "Role", ns, roleName));
    } else if (roleKind.equals("ClusterRole")
        && !DEFAULT_CLUSTER_ROLES.contains(roleName) && !roleName.startsWith("system:")) {
      expect(o, "roleRef.name", ResourceRef.clusterScoped(RBAC, "ClusterRole", roleName));
    }
    int i = 0;
    for (Subject subject : listOf(subjects)) {
      String field = "subjects[" + i++ + "]";
      if ("ServiceAccount".equals(subject.getKind())) {
        String subjectNs = text(subject.getNamespace());
        if (subjectNs.isEmpty()) subjectNs = ns;
        String name = text(subject.getName());
        if (subjectNs.isEmpty()) {
          // A RoleBinding lends its own namespace to its subjects; a ClusterRoleBinding has none to lend.
          problems.add(Problem.builder().severity(ProblemSeverity.ERROR).component(o.component).resource(o.ref)
              .field(field + ".namespace")
              .message("names ServiceAccount " + name + " without a namespace, which a ClusterRoleBinding requires")
              .fix("set " + field + ".namespace to the namespace of ServiceAccount " + name).build());
        } else if (!name.equals("default")) {
          expect(o, field + ".name", ResourceRef.core("ServiceAccount", subjectNs, name));
        }
      }
    }
  }

  private void checkStorageClass(CompiledObject o, String field, String storageClassName) {
    // Unset means the cluster's default class; "" explicitly means no class (static binding).
    if (storageClassName != null && !storageClassName.isEmpty()) {
      expect(o, field, ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", storageClassName));
    }
  }

  private void expect(CompiledObject o, String field, ResourceRef target) {
    if (target.name().isEmpty() || spec.byRef.containsKey(target) || spec.isPreExisting(target)) return;
    // Only a namespace that this spec creates is known to be empty; anywhere else the cluster may hold the target.
    boolean cannotExist = target.namespace()
        .map(ns -> spec.namespaceInSpec(ns) && !spec.isPreExistingNamespace(ns)).orElse(false);
    String where = target.namespace()
        .map(ns -> cannotExist ? "; namespace " + ns + " is created by this spec, so it cannot exist yet"
            : spec.isPreExistingNamespace(ns) ? "; namespace " + ns + " exists already, so the cluster may hold it"
            : "; namespace " + ns + " is not created by this spec, so the cluster may hold it")
        .orElse("; the cluster may already hold it");
    problems.add(Problem.builder()
        .severity(cannotExist ? ProblemSeverity.ERROR : ProblemSeverity.WARNING)
        .component(o.component)
        .resource(o.ref)
        .field(field)
        .message("refers to " + target + ", which is not in the spec" + where)
        .fix("add " + target + " to the spec, fix the name, or declare it with preExistingResource(...)")
        .build());
  }

  private static ResourceRef secret(String ns, String name) {
    return ResourceRef.core("Secret", ns, text(name));
  }

  private static ResourceRef configMap(String ns, String name) {
    return ResourceRef.core("ConfigMap", ns, text(name));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static boolean isTrue(Boolean value) {
    return Boolean.TRUE.equals(value);
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : list;
  }
}
