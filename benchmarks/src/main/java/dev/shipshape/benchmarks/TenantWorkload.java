package dev.shipshape.benchmarks;

import dev.shipshape.backup.BackupHook;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.ExecHook;
import dev.shipshape.backup.HookErrorMode;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.networking.proxy.KubeProxyConfig;
import dev.shipshape.networking.proxy.ProxyMode;
import dev.shipshape.security.rbac.RbacBinding;
import dev.shipshape.security.rbac.RbacProfile;
import dev.shipshape.security.rbac.RbacRole;
import dev.shipshape.security.rbac.RbacSubject;
import dev.shipshape.security.rbac.Risk;
import dev.shipshape.security.rbac.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark workload: an N-tenant production cluster with 6 cluster-wide objects and 17 per tenant (N = 1,000
 * gives 17,006 objects), the object set other tools are measured on. The SDK's own components build what they can:
 * the Velero BackupStorageLocation and one VeleroSchedule per tenant, kube-proxy's configuration, and the RBAC
 * (the tenant-viewer ClusterRole, each tenant's Role and two RoleBindings, in one RbacProfile). The other objects
 * are plain manifests, parsed once per tenant: the SDK has no builder that writes exactly these objects (its
 * NetworkPolicySet names its policies itself, and it has no Deployment, Service, quota or Istio builders).
 */
public final class TenantWorkload {
  private TenantWorkload() {}

  /** The spec for {@code tenants} tenants; the Istio CRDs are assumed installed on the cluster, Velero's too. */
  public static ClusterSpec spec(int tenants) {
    List<HasMetadata> objects = new ArrayList<>(Manifests.parse(CLUSTER_WIDE));
    ClusterSpec.Builder spec = ClusterSpec.builder()
        .name("bench")
        .kubernetesVersion("1.35")
        .preExistingNamespace("ingress-nginx", "istio-system")
        .component(BackupStorageLocation.builder().name("default").bucket("backups").region("gra")
            .s3Url("https://s3.gra.example.com").s3ForcePathStyle(true).defaultLocation(false).build())
        .component(KubeProxyConfig.builder().mode(ProxyMode.IPVS).ipvsScheduler("rr").strictArp(true).build());
    RbacProfile.Builder access = RbacProfile.builder().name("tenant-access")
        .role(RbacRole.cluster("tenant-viewer").rule(Rule.core("pods", "services", "configmaps")
            .allow("get", "list", "watch")).build());
    for (int i = 0; i < tenants; i++) {
      String t = "t" + i;
      objects.addAll(Manifests.parse(TENANT.replace("TENANT", t)));
      spec.component(schedule(t));
      access.role(RbacRole.namespaced(t, "web-reader")
              .rule(Rule.builder().addApiGroups("").addResources("configmaps", "secrets").addResourceNames("web-config")
                  .addVerbs("get", "list", "watch").build())
              .acknowledgeRisk(Risk.values())
              .build())
          .binding(RbacBinding.toRole(t, "web-reader").subject(RbacSubject.serviceAccount(t, "web")).build())
          .binding(RbacBinding.toClusterRoleIn(t, "tenant-viewer").name("tenant-viewers")
              .subject(RbacSubject.group(t + "-devs")).build());
    }
    return spec.component(access.build()).resources(objects).build();
  }

  private static VeleroSchedule schedule(String tenant) {
    return VeleroSchedule.builder().name(tenant + "-daily").schedule("0 3 * * *").ttl("720h0m0s")
        .namespaces(tenant).snapshotVolumes(true)
        .hook(BackupHook.named("freeze").namespaces(tenant).label("app", "web")
            .pre(ExecHook.in("web", "/bin/sh", "-c", "sync").onError(HookErrorMode.FAIL).timeout("30s").build())
            .build())
        .build();
  }

  private static final String CLUSTER_WIDE = String.join("\n",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: velero}",
      "---",
      "apiVersion: storage.k8s.io/v1",
      "kind: StorageClass",
      "metadata: {name: fast-retain}",
      "provisioner: csi.example.com",
      "reclaimPolicy: Retain",
      "allowVolumeExpansion: true",
      "volumeBindingMode: WaitForFirstConsumer",
      "---",
      "apiVersion: security.istio.io/v1",
      "kind: PeerAuthentication",
      "metadata: {name: default, namespace: istio-system}",
      "spec: {mtls: {mode: STRICT}}",
      "");

  private static final String TENANT = String.join("\n",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata:",
      "  name: TENANT",
      "  labels: {tenant: TENANT, pod-security.kubernetes.io/enforce: restricted}",
      "---",
      "apiVersion: v1",
      "kind: ResourceQuota",
      "metadata: {name: quota, namespace: TENANT}",
      "spec: {hard: {requests.cpu: \"4\", requests.memory: 8Gi, pods: \"50\"}}",
      "---",
      "apiVersion: v1",
      "kind: LimitRange",
      "metadata: {name: limits, namespace: TENANT}",
      "spec: {limits: [{type: Container, default: {cpu: 500m, memory: 512Mi}}]}",
      "---",
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: default-deny, namespace: TENANT}",
      "spec: {podSelector: {}, policyTypes: [Ingress, Egress]}",
      "---",
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: allow-dns, namespace: TENANT}",
      "spec:",
      "  podSelector: {}",
      "  policyTypes: [Egress]",
      "  egress:",
      "  - to:",
      "    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}",
      "      podSelector: {matchLabels: {k8s-app: kube-dns}}",
      "    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]",
      "---",
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: allow-same-namespace, namespace: TENANT}",
      "spec:",
      "  podSelector: {}",
      "  policyTypes: [Ingress]",
      "  ingress: [{from: [{podSelector: {}}]}]",
      "---",
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: allow-ingress-controller, namespace: TENANT}",
      "spec:",
      "  podSelector: {matchLabels: {app: web}}",
      "  policyTypes: [Ingress]",
      "  ingress:",
      "  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]",
      "    ports: [{protocol: TCP, port: 8080}]",
      "---",
      "apiVersion: v1",
      "kind: ServiceAccount",
      "metadata: {name: web, namespace: TENANT}",
      "---",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: web, namespace: TENANT}",
      "spec:",
      "  replicas: 2",
      "  selector: {matchLabels: {app: web}}",
      "  template:",
      "    metadata: {labels: {app: web}}",
      "    spec:",
      "      serviceAccountName: web",
      "      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}",
      "      containers:",
      "      - name: web",
      "        image: registry.example.com/web:1.4.2",
      "        ports: [{name: http, containerPort: 8080}]",
      "        resources:",
      "          requests: {cpu: 100m, memory: 128Mi}",
      "          limits: {cpu: 500m, memory: 256Mi}",
      "        readinessProbe: {httpGet: {path: /healthz, port: 8080}}",
      "        livenessProbe: {httpGet: {path: /healthz, port: 8080}}",
      "        securityContext:",
      "          runAsNonRoot: true",
      "          readOnlyRootFilesystem: true",
      "          allowPrivilegeEscalation: false",
      "          capabilities: {drop: [ALL]}",
      "          seccompProfile: {type: RuntimeDefault}",
      "---",
      "apiVersion: v1",
      "kind: Service",
      "metadata: {name: web, namespace: TENANT}",
      "spec:",
      "  selector: {app: web}",
      "  ports: [{name: http, port: 80, targetPort: http}]",
      "---",
      "apiVersion: policy/v1",
      "kind: PodDisruptionBudget",
      "metadata: {name: web, namespace: TENANT}",
      "spec: {minAvailable: 1, selector: {matchLabels: {app: web}}}",
      "---",
      "apiVersion: networking.istio.io/v1",
      "kind: DestinationRule",
      "metadata: {name: web, namespace: TENANT}",
      "spec:",
      "  host: web.TENANT.svc.cluster.local",
      "  subsets:",
      "  - {name: v1, labels: {version: v1}}",
      "  - {name: v2, labels: {version: v2}}",
      "---",
      "apiVersion: networking.istio.io/v1",
      "kind: VirtualService",
      "metadata: {name: web, namespace: TENANT}",
      "spec:",
      "  hosts: [web]",
      "  http:",
      "  - match: [{headers: {x-canary: {exact: \"true\"}}}]",
      "    route: [{destination: {host: web, subset: v2}}]",
      "  - route:",
      "    - {destination: {host: web, subset: v1}, weight: 90}",
      "    - {destination: {host: web, subset: v2}, weight: 10}",
      "");
}
