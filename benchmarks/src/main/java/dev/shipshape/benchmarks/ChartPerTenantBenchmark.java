package dev.shipshape.benchmarks;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Dependency;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.plan.Plan;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Planning N tenants, each installed by a component that orders its own objects as a Helm chart does with its hooks:
 * a ClusterRole, a ServiceAccount and a ConfigMap first, then the ClusterRoleBinding and the Deployment. The kind rule
 * "ClusterRoles before bindings" is cluster-wide, so each chart's ClusterRole must precede every other chart's
 * binding: linked through a barrier per chart and level, that is N × N edges. Four times the tenants should cost
 * about four times as much.
 */
public class ChartPerTenantBenchmark extends InProcessBenchmark {
  @Param({"250", "1000"})
  public int tenants;

  private ClusterSpec spec;

  @Setup(Level.Trial)
  public void setUp() {
    ClusterSpec.Builder builder = ClusterSpec.builder().name("charts");
    for (int i = 0; i < tenants; i++) builder.component(new TenantChart("t" + i));
    spec = builder.build();
  }

  @Benchmark
  public Plan plan() {
    return spec.plan();
  }

  /** One tenant's chart: its Namespace and five objects in two install groups. */
  static final class TenantChart implements Component {
    private final String tenant;

    TenantChart(String tenant) {
      this.tenant = tenant;
    }

    @Override
    public String name() {
      return "chart-" + tenant;
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      String rbac = "apiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: " + tenant + "-reader}\n";
      return Manifests.parse("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + tenant + "}\n"
          + "---\nkind: ClusterRole\n" + rbac
          + "rules: [{apiGroups: [''], resources: [nodes], verbs: [get]}]\n"
          + "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: " + tenant + "}\n"
          + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: app, namespace: " + tenant + "}\n"
          + "---\nkind: ClusterRoleBinding\n" + rbac
          + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: " + tenant + "-reader}\n"
          + "subjects: [{kind: ServiceAccount, name: app, namespace: " + tenant + "}]\n"
          + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app, namespace: " + tenant + "}\n"
          + "spec: {selector: {matchLabels: {app: app}}, template: {metadata: {labels: {app: app}}, spec:"
          + " {serviceAccountName: app, containers: [{name: app, image: 'registry.example.com/app:1.0',"
          + " resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}}]}}}\n");
    }

    /** The binding and the Deployment after the ClusterRole, the ServiceAccount and the ConfigMap. */
    @Override
    public List<Dependency> orderingEdges(List<HasMetadata> compiled) {
      ResourceRef role = ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRole", tenant + "-reader");
      ResourceRef binding =
          ResourceRef.clusterScoped("rbac.authorization.k8s.io", "ClusterRoleBinding", tenant + "-reader");
      ResourceRef account = ResourceRef.core("ServiceAccount", tenant, "app");
      ResourceRef config = ResourceRef.core("ConfigMap", tenant, "app");
      ResourceRef deployment = ResourceRef.namespaced("apps", "Deployment", tenant, "app");
      return List.of(Dependency.of(binding, role), Dependency.of(binding, account), Dependency.of(binding, config),
          Dependency.of(deployment, role), Dependency.of(deployment, account), Dependency.of(deployment, config));
    }
  }
}
