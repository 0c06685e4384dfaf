package dev.shipshape.benchmarks;

import dev.shipshape.backup.BackupHook;
import dev.shipshape.backup.BackupStorageLocation;
import dev.shipshape.backup.ExecHook;
import dev.shipshape.backup.HookErrorMode;
import dev.shipshape.backup.VeleroSchedule;
import dev.shipshape.core.ClusterSpec;
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
import java.util.function.Function;

/**
 * The benchmark workload: an N-tenant production cluster with 6 cluster-wide objects and 17 per tenant (N = 1,000
 * gives 17,006 objects), the object set other tools are measured on, built as a Java user writes it. The SDK's own
 * components build what they can: the Velero BackupStorageLocation and one VeleroSchedule per tenant, kube-proxy's
 * configuration, and the RBAC (the tenant-viewer ClusterRole, each tenant's Role and two RoleBindings, in one
 * RbacProfile). The other objects are built with fabric8's typed builders ({@link TenantObjects}), Istio's included:
 * the SDK has no builder known to write exactly these objects (its NetworkPolicySet names its policies itself, and it
 * has no Deployment, Service or quota builders). {@link TenantWorkloadYaml} builds the same spec from YAML text.
 */
public final class TenantWorkload {
  private TenantWorkload() {}

  /** The spec for {@code tenants} tenants; the Istio CRDs are assumed installed on the cluster, Velero's too. */
  public static ClusterSpec spec(int tenants) {
    return assemble(tenants, TenantObjects.clusterWide(), TenantObjects::of);
  }

  /**
   * The spec with the given plain objects: {@code clusterWide} once, {@code perTenant} for each tenant's namespace
   * name, and the components.
   */
  static ClusterSpec assemble(int tenants, List<HasMetadata> clusterWide,
      Function<String, List<HasMetadata>> perTenant) {
    List<HasMetadata> objects = new ArrayList<>(clusterWide);
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
      objects.addAll(perTenant.apply(t));
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
}
