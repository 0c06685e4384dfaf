package dev.shipshape.core.internal.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.Workloads;
import java.util.List;
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
    } else if (groupKind.equals("PersistentVolumeClaim")) {
      JsonNode pvc = Manifests.toTree(o.object);
      checkStorageClass(o, "spec.storageClassName", pvc.path("spec").path("storageClassName"));
    } else if (groupKind.equals("RoleBinding." + RBAC) || groupKind.equals("ClusterRoleBinding." + RBAC)) {
      checkBinding(o);
    }
  }

  private void checkWorkload(CompiledObject o) {
    JsonNode tree = Manifests.toTree(o.object);
    String path = Workloads.podSpecPath(o.ref.kind());
    JsonNode pod = at(tree, path);
    String ns = o.ref.namespace().orElse("");
    String account = pod.path("serviceAccountName").asText(pod.path("serviceAccount").asText(""));
    if (!account.isEmpty() && !account.equals("default")) {
      expect(o, path + ".serviceAccountName", ResourceRef.core("ServiceAccount", ns, account));
    }
    int i = 0;
    for (JsonNode volume : pod.path("volumes")) {
      String field = path + ".volumes[" + i++ + "]";
      if (volume.has("secret") && !volume.path("secret").path("optional").asBoolean(false)) {
        expect(o, field + ".secret.secretName", secret(ns, volume.path("secret").path("secretName").asText()));
      }
      if (volume.has("configMap") && !volume.path("configMap").path("optional").asBoolean(false)) {
        expect(o, field + ".configMap.name", configMap(ns, volume.path("configMap").path("name").asText()));
      }
      if (volume.has("persistentVolumeClaim")) {
        expect(o, field + ".persistentVolumeClaim.claimName",
            ResourceRef.core("PersistentVolumeClaim", ns, volume.path("persistentVolumeClaim").path("claimName")
                .asText()));
      }
      int s = 0;
      for (JsonNode source : volume.path("projected").path("sources")) {
        String sourceField = field + ".projected.sources[" + s++ + "]";
        if (source.has("secret") && !source.path("secret").path("optional").asBoolean(false)) {
          expect(o, sourceField + ".secret.name", secret(ns, source.path("secret").path("name").asText()));
        }
        if (source.has("configMap") && !source.path("configMap").path("optional").asBoolean(false)) {
          expect(o, sourceField + ".configMap.name", configMap(ns, source.path("configMap").path("name").asText()));
        }
      }
    }
    checkContainers(o, ns, path + ".initContainers", pod.path("initContainers"));
    checkContainers(o, ns, path + ".containers", pod.path("containers"));
    int p = 0;
    for (JsonNode pull : pod.path("imagePullSecrets")) {
      expect(o, path + ".imagePullSecrets[" + p++ + "].name", secret(ns, pull.path("name").asText()));
    }
    int t = 0;
    for (JsonNode claim : tree.path("spec").path("volumeClaimTemplates")) {
      checkStorageClass(o, "spec.volumeClaimTemplates[" + t++ + "].spec.storageClassName",
          claim.path("spec").path("storageClassName"));
    }
  }

  private void checkContainers(CompiledObject o, String ns, String path, JsonNode containers) {
    int c = 0;
    for (JsonNode container : containers) {
      String field = path + "[" + c++ + "]";
      int e = 0;
      for (JsonNode env : container.path("env")) {
        String envField = field + ".env[" + e++ + "].valueFrom";
        JsonNode secretRef = env.path("valueFrom").path("secretKeyRef");
        if (!secretRef.isMissingNode() && !secretRef.path("optional").asBoolean(false)) {
          expect(o, envField + ".secretKeyRef.name", secret(ns, secretRef.path("name").asText()));
        }
        JsonNode configRef = env.path("valueFrom").path("configMapKeyRef");
        if (!configRef.isMissingNode() && !configRef.path("optional").asBoolean(false)) {
          expect(o, envField + ".configMapKeyRef.name", configMap(ns, configRef.path("name").asText()));
        }
      }
      int f = 0;
      for (JsonNode from : container.path("envFrom")) {
        String fromField = field + ".envFrom[" + f++ + "]";
        if (from.has("secretRef") && !from.path("secretRef").path("optional").asBoolean(false)) {
          expect(o, fromField + ".secretRef.name", secret(ns, from.path("secretRef").path("name").asText()));
        }
        if (from.has("configMapRef") && !from.path("configMapRef").path("optional").asBoolean(false)) {
          expect(o, fromField + ".configMapRef.name", configMap(ns, from.path("configMapRef").path("name").asText()));
        }
      }
    }
  }

  private void checkBinding(CompiledObject o) {
    JsonNode tree = Manifests.toTree(o.object);
    String ns = o.ref.namespace().orElse("");
    JsonNode roleRef = tree.path("roleRef");
    String roleKind = roleRef.path("kind").asText();
    String roleName = roleRef.path("name").asText();
    if (roleKind.equals("Role")) {
      expect(o, "roleRef.name", ResourceRef.namespaced(RBAC, "Role", ns, roleName));
    } else if (roleKind.equals("ClusterRole")
        && !DEFAULT_CLUSTER_ROLES.contains(roleName) && !roleName.startsWith("system:")) {
      expect(o, "roleRef.name", ResourceRef.clusterScoped(RBAC, "ClusterRole", roleName));
    }
    int i = 0;
    for (JsonNode subject : tree.path("subjects")) {
      String field = "subjects[" + i++ + "]";
      if (subject.path("kind").asText().equals("ServiceAccount")) {
        String subjectNs = subject.path("namespace").asText("");
        if (subjectNs.isEmpty()) subjectNs = ns;
        String name = subject.path("name").asText();
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

  private void checkStorageClass(CompiledObject o, String field, JsonNode storageClassName) {
    // Unset means the cluster's default class; "" explicitly means no class (static binding).
    if (storageClassName.isTextual() && !storageClassName.asText().isEmpty()) {
      expect(o, field, ResourceRef.clusterScoped("storage.k8s.io", "StorageClass", storageClassName.asText()));
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
    return ResourceRef.core("Secret", ns, name);
  }

  private static ResourceRef configMap(String ns, String name) {
    return ResourceRef.core("ConfigMap", ns, name);
  }

  private static JsonNode at(JsonNode tree, String dottedPath) {
    JsonNode node = tree;
    for (String part : dottedPath.split("\\.")) node = node.path(part);
    return node;
  }
}
