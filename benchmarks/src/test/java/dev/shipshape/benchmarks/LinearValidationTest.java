package dev.shipshape.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.backup.ExecHook;
import dev.shipshape.backup.PodBackupHooks;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.KubernetesVersion;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.AccessRule;
import dev.shipshape.mesh.AuthorizationRules;
import dev.shipshape.mesh.TrafficPolicy;
import dev.shipshape.mesh.TrafficRoutes;
import dev.shipshape.monitoring.Monitoring;
import dev.shipshape.storage.VolumeSnapshotSpec;
import dev.shipshape.tenancy.Tenant;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Guards against checks that compare every component or object with the whole spec: the validation of every
 * component of the workload, and every spec-level check ({@link SpecCheck}) on the class path, is run against a spec
 * context that counts the objects it hands out and every element read from the lists it hands out, at two sizes.
 * Linear checks read about twice as many objects at twice the size; a check that scans the whole spec per component
 * or per object (quadratic), whether it asks the context again each time or loops over one list inside another,
 * reads about four times as many. Counts, not timings, so the machine's load cannot make it pass or fail. A check
 * that copies the objects into its own collection and loops over that copy is beyond what the count sees.
 */
class LinearValidationTest {

  @Test
  void validatingTheWorkloadReadsObjectsInProportionToItsSize() {
    long small = objectsRead(100);
    long large = objectsRead(200);

    assertThat(small).isPositive();
    assertThat((double) large / small).as("objects read at 200 tenants / at 100 tenants").isLessThan(2.5);
  }

  @Test
  void componentsThatTenantsAddReadObjectsInProportionToTheSpec() {
    List<Problem> problems = new ArrayList<>();
    long small = objectsRead(withClaims(100), perTenant(100), problems);
    long large = objectsRead(withClaims(200), perTenant(200), problems);

    // The hooks and rules select the tenants' workloads, as they would in a real spec.
    assertThat(problems).filteredOn(p -> p.severity() == ProblemSeverity.ERROR).isEmpty();
    assertThat(small).isPositive();
    assertThat((double) large / small).as("objects read at 200 tenants / at 100 tenants").isLessThan(2.5);
  }

  @Test
  void monitoringReadsObjectsInProportionToTheSpec() {
    List<Problem> problems = new ArrayList<>();
    long small = monitoringObjectsRead(monitored(100), problems);
    long large = monitoringObjectsRead(monitored(200), problems);

    // Every monitor selects its tenant's web Service or pods, and finds its port there.
    assertThat(problems).filteredOn(p -> p.resource().map(r -> r.kind().endsWith("Monitor")).orElse(false))
        .isEmpty();
    assertThat(small).isPositive();
    assertThat((double) large / small).as("objects read at 200 tenants / at 100 tenants").isLessThan(2.5);
  }

  /**
   * Tenants' LimitRanges, and the LimitRanges of their namespaces, are judged once per namespace by planning, not by
   * each tenant over every LimitRange of the spec.
   */
  @Test
  void tenantsReadObjectsInProportionToTheSpec() {
    List<Problem> problems = new ArrayList<>();
    long small = objectsRead(withTenants(100), tenants(100), problems);
    long large = objectsRead(withTenants(200), tenants(200), problems);

    assertThat(problems).filteredOn(p -> p.severity() == ProblemSeverity.ERROR).isEmpty();
    assertThat(small).isPositive();
    assertThat((double) large / small).as("objects read at 200 tenants / at 100 tenants").isLessThan(2.5);
  }

  /** The workload with the {@link #tenants} and a LimitRange of the spec's own in each of their namespaces. */
  private static ClusterSpec withTenants(int count) {
    StringBuilder limitRanges = new StringBuilder();
    for (int i = 0; i < count; i++) {
      limitRanges.append("---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: extra, namespace: team-")
          .append(i).append("}\nspec: {limits: [{type: Container, max: {memory: 4Gi}}]}\n");
    }
    return ClusterSpec.builder().from(TenantWorkload.spec(count))
        .component(tenants(count).toArray(Component[]::new)).yaml(limitRanges.toString()).build();
  }

  /** A tenant per namespace {@code team-<i>}, with a quota and defaults, so a LimitRange of its own. */
  private static List<Tenant> tenants(int count) {
    List<Tenant> tenants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tenants.add(Tenant.builder().name("team-" + i).quota(Map.of("requests.cpu", "4", "requests.memory", "8Gi",
          "limits.cpu", "8", "limits.memory", "16Gi")).defaultRequests(Map.of("cpu", "100m", "memory", "128Mi"))
          .defaultLimits(Map.of("cpu", "500m", "memory", "512Mi")).build());
    }
    return tenants;
  }

  /** Objects read by validating the Monitoring component of {@code spec}; adds its problems. */
  private static long monitoringObjectsRead(ClusterSpec spec, List<Problem> problems) {
    return objectsRead(spec, spec.components().stream().filter(Monitoring.class::isInstance).toList(), problems);
  }

  /** The workload with monitoring: a ServiceMonitor or a PodMonitor per tenant. */
  private static ClusterSpec monitored(int tenants) {
    return MonitoringBenchmark.monitoring().addTo(MonitoringBenchmark.workload(tenants));
  }

  /**
   * The workload with a claim {@code data} per tenant, for the tenants' snapshots, and a one-off Velero Backup and a
   * Restore of it per tenant, for the checks of Backups and Restores.
   */
  private static ClusterSpec withClaims(int tenants) {
    StringBuilder claims = new StringBuilder();
    for (int i = 0; i < tenants; i++) {
      claims.append("---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: t").append(i)
          .append("}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n")
          .append("---\napiVersion: velero.io/v1\nkind: Backup\nmetadata: {name: t").append(i)
          .append("-before-upgrade, namespace: velero}\nspec: {includedNamespaces: [t").append(i)
          .append("], ttl: 720h0m0s}\n")
          .append("---\napiVersion: velero.io/v1\nkind: Restore\nmetadata: {name: t").append(i)
          .append("-rehearsal, namespace: velero}\nspec: {backupName: t").append(i).append("-before-upgrade, ")
          .append("includedNamespaces: [t").append(i).append("], namespaceMapping: {t").append(i).append(": t")
          .append(i).append("-rehearsal}, labelSelector: {matchExpressions: [{key: app, operator: In, ")
          .append("values: [web]}]}}\n");
    }
    return ClusterSpec.builder().from(TenantWorkload.spec(tenants)).yaml(claims.toString()).build();
  }

  /** Per tenant, components that look at the workloads, DestinationRules and claims of the tenant's namespace. */
  private static List<Component> perTenant(int tenants) {
    List<Component> components = new ArrayList<>();
    for (int i = 0; i < tenants; i++) {
      String namespace = "t" + i;
      components.add(PodBackupHooks.builder().name(namespace + "-hooks").selecting(namespace, Map.of("app", "web"))
          .pre(ExecHook.in("web", "sync").build()).build());
      components.add(AuthorizationRules.forNamespace(namespace).denyByDefault()
          .allow(AccessRule.to(Map.of("app", "web")).fromNamespace("istio-system").methods("GET")));
      components.add(TrafficPolicy.forService(namespace, "web").subset("v1", Map.of("app", "web")));
      components.add(TrafficRoutes.forService(namespace, "web").split(Map.of("v1", 100)));
      components.add(VolumeSnapshotSpec.builder().name("data-nightly").namespace(namespace).claim("data").build());
    }
    return components;
  }

  @Test
  void theGuardCatchesACheckThatScansTheWholeSpecPerComponent() {
    long small = objectsRead(TenantWorkload.spec(100), Collections.nCopies(100, new ScanningComponent()));
    long large = objectsRead(TenantWorkload.spec(200), Collections.nCopies(200, new ScanningComponent()));

    assertThat((double) large / small).isGreaterThan(3.5);
  }

  @Test
  void specChecksReadObjectsInProportionToTheSpec() {
    List<String> measured = new ArrayList<>();
    for (SpecCheck check : ServiceLoader.load(SpecCheck.class)) {
      long small = objectsRead(withClaims(100), check::check);
      long large = objectsRead(withClaims(200), check::check);
      measured.add(check.name());
      assertThat(small).as("objects read by %s at 100 tenants", check.name()).isPositive();
      assertThat((double) large / small).as("objects read by %s at 200 tenants / at 100 tenants", check.name())
          .isLessThan(2.5);
    }
    // The checks of the modules the benchmarks depend on: Pod Security, the mesh's and the backup's.
    assertThat(measured).contains("pod-security");
  }

  @Test
  void theGuardCatchesASpecCheckThatLoopsOverTheSpecPerObject() {
    SpecCheck quadratic = new QuadraticSpecCheck();
    long small = objectsRead(TenantWorkload.spec(100), quadratic::check);
    long large = objectsRead(TenantWorkload.spec(200), quadratic::check);

    assertThat((double) large / small).isGreaterThan(3.5);
  }

  /** Objects read by validating every component of the workload. */
  private static long objectsRead(int tenants) {
    ClusterSpec spec = TenantWorkload.spec(tenants);
    return objectsRead(spec, spec.components());
  }

  private static long objectsRead(ClusterSpec spec, List<? extends Component> validated) {
    return objectsRead(spec, validated, new ArrayList<>());
  }

  /** Objects read by validating {@code validated} against the plan of {@code spec}; adds their problems. */
  private static long objectsRead(ClusterSpec spec, List<? extends Component> validated, List<Problem> problems) {
    return objectsRead(spec, context -> {
      validated.forEach(component -> problems.addAll(component.validate(context)));
      return problems;
    });
  }

  /** Objects read by {@code validation} (components' or a spec-level check's) against the plan of {@code spec}. */
  private static long objectsRead(ClusterSpec spec, Function<SpecContext, List<Problem>> validation) {
    CapturingComponent capture = new CapturingComponent();
    ClusterSpec.builder().from(spec).component(capture).build().plan();
    CountingContext counting = new CountingContext(capture.context);
    validation.apply(counting);
    return counting.read;
  }

  /** Keeps the planner's context of a spec. */
  private static final class CapturingComponent implements Component {
    SpecContext context;

    @Override
    public String name() {
      return "capture";
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      return List.of();
    }

    @Override
    public List<Problem> validate(SpecContext context) {
      this.context = context;
      return List.of();
    }
  }

  /** What a quadratic check does: read the whole spec in each component's validation. */
  private static final class ScanningComponent implements Component {
    @Override
    public String name() {
      return "scanning";
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      return List.of();
    }

    @Override
    public List<Problem> validate(SpecContext context) {
      context.resources().forEach(o -> o.getMetadata().getName());
      return List.of();
    }
  }

  /**
   * What a quadratic spec-level check does without asking the context twice: for each Deployment, loop over every
   * object of the spec for a Service of its namespace.
   */
  private static final class QuadraticSpecCheck implements SpecCheck {
    @Override
    public String name() {
      return "quadratic";
    }

    @Override
    public List<Problem> check(SpecContext context) {
      List<HasMetadata> all = context.resources();
      List<Problem> problems = new ArrayList<>();
      for (HasMetadata workload : all) {
        if (!workload.getKind().equals("Deployment")) continue;
        boolean exposed = false;
        for (HasMetadata other : all) {
          exposed |= other.getKind().equals("Service")
              && Objects.equals(other.getMetadata().getNamespace(), workload.getMetadata().getNamespace());
        }
        if (!exposed) problems.add(Problem.warning(ResourceRef.of(workload), "metadata", "no Service", "add one"));
      }
      return problems;
    }
  }

  /**
   * Counts the objects handed out and each element read from the lists handed out; shares values per key itself, so
   * building an index is counted once.
   */
  private static final class CountingContext implements SpecContext {
    private final SpecContext delegate;
    private final Map<Object, Object> shared = new HashMap<>();
    long read;

    CountingContext(SpecContext delegate) {
      this.delegate = delegate;
    }

    private <T> List<T> counted(List<T> objects) {
      read += objects.size();
      return new CountingList<>(objects);
    }

    /** A read-only view that counts every element read, by index, iterator or stream. */
    private final class CountingList<T> extends AbstractList<T> implements RandomAccess {
      private final List<T> objects;

      CountingList(List<T> objects) {
        this.objects = objects;
      }

      @Override
      public T get(int index) {
        read++;
        return objects.get(index);
      }

      @Override
      public int size() {
        return objects.size();
      }
    }

    @Override
    public KubernetesVersion kubernetesVersion() {
      return delegate.kubernetesVersion();
    }

    @Override
    public List<HasMetadata> resources() {
      return counted(delegate.resources());
    }

    @Override
    public <T extends HasMetadata> List<T> resources(Class<T> type) {
      return counted(delegate.resources(type));
    }

    @Override
    public List<HasMetadata> resources(String group, String kind) {
      return counted(delegate.resources(group, kind));
    }

    @Override
    public Optional<HasMetadata> find(ResourceRef ref) {
      read++;
      return delegate.find(ref);
    }

    @Override
    public boolean namespaceExists(String namespace) {
      return delegate.namespaceExists(namespace);
    }

    @Override
    public boolean namespaceInSpec(String namespace) {
      return delegate.namespaceInSpec(namespace);
    }

    @Override
    public boolean isPreExisting(ResourceRef ref) {
      return delegate.isPreExisting(ref);
    }

    @Override
    public Optional<String> producerOf(ResourceRef ref) {
      return delegate.producerOf(ref);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Function<SpecContext, T> compute) {
      if (!shared.containsKey(key)) shared.put(key, compute.apply(this));
      return (T) shared.get(key);
    }
  }
}
