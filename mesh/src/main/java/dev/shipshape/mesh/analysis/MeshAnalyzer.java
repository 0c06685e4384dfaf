package dev.shipshape.mesh.analysis;

import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.mesh.analysis.internal.Analyzer;
import dev.shipshape.mesh.analysis.internal.Analyzers;
import dev.shipshape.mesh.analysis.internal.LiveInputs;
import dev.shipshape.mesh.analysis.internal.MeshIndex;
import dev.shipshape.mesh.analysis.internal.MeshInputs;
import dev.shipshape.mesh.analysis.internal.MeshObject;
import dev.shipshape.mesh.analysis.internal.Namespaces;
import dev.shipshape.mesh.analysis.internal.Reporter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks Istio configuration the way {@code istioctl analyze} does, and reports Istio's messages as findings of the
 * SDK's one findings model: the rule id is the message name in kebab case ({@code referenced-resource-not-found}),
 * the equivalent id is Istio's code ({@code IST0101}), the severity follows Istio's level (Error is high, Warning
 * medium, Info info). It reads manifests, the objects of a plan or of a live cluster.
 *
 * <p>By default a report fails ({@link FindingReport#failed()}, {@link FindingReport#throwIfFailed()}) when a
 * message has Istio's Error level (severity high), as {@code istioctl analyze} exits non-zero by default
 * ({@code --failure-threshold}, default {@code Error}:
 * https://istio.io/latest/docs/reference/commands/istioctl/#istioctl-analyze); {@code
 * report.failingAt(IstioMessage.Level.WARNING.severity())} fails at Warning as well.
 *
 * <p>As {@code istioctl analyze} does, objects in {@code kube-system}, {@code kube-public}, {@code kube-node-lease}
 * and {@code local-path-storage} are left out; each analyzer sees only the kinds it reads. Istio's namespace is
 * {@code istio-system} and the mesh config is Istio's default. An instance is immutable and thread-safe.
 */
public final class MeshAnalyzer {
  private final List<Analyzer> analyzers;

  private MeshAnalyzer(List<Analyzer> analyzers) {
    this.analyzers = analyzers;
  }

  /** Every analyzer. */
  public static MeshAnalyzer all() {
    return new MeshAnalyzer(Analyzers.all());
  }

  /**
   * Only the named analyzers, by the names {@code istioctl analyze --list-analyzers} prints (see {@link #names()}).
   *
   * @throws IllegalArgumentException naming every unknown name and the known ones
   */
  public static MeshAnalyzer only(Collection<String> names) {
    List<String> unknown = names.stream().filter(n -> Analyzers.find(n).isEmpty()).collect(Collectors.toList());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown mesh analyzer(s) " + unknown + "; known analyzers: " + names());
    }
    return new MeshAnalyzer(names.stream().map(n -> Analyzers.find(n).orElseThrow()).collect(Collectors.toList()));
  }

  /** The names of all analyzers, in the order they run. */
  public static List<String> names() {
    return Analyzers.all().stream().map(Analyzer::name).collect(Collectors.toList());
  }

  /**
   * Analyzes YAML or JSON text with one or more documents, read as every command that checks manifests reads them
   * (core's strict {@code ManifestReader}; empty documents are skipped).
   *
   * @throws IllegalArgumentException listing every document that is not valid YAML or not a Kubernetes object (a
   *     list, a scalar, a map without {@code apiVersion} and {@code kind}), by document number and line
   */
  public FindingReport analyzeYaml(String text) {
    return run(MeshInputs.parse(text, "input"));
  }

  /**
   * Analyzes a manifest file, or every manifest file under a directory, together.
   *
   * @throws IllegalArgumentException listing every document that is not valid YAML or not a Kubernetes object, by
   *     file, document number and line
   * @throws java.io.UncheckedIOException when a file cannot be read
   */
  public FindingReport analyzeFiles(Collection<Path> paths) {
    List<MeshObject> objects = new ArrayList<>();
    for (Path p : paths) objects.addAll(MeshInputs.read(p));
    return run(objects);
  }

  /** Analyzes objects, typed or generic. */
  public FindingReport analyze(List<? extends HasMetadata> objects) {
    return run(MeshInputs.of(objects));
  }

  /**
   * Analyzes what a plan would apply. A plan holds workloads, not the pods they will run, so where an analyzer asks
   * which pods a selector selects (DestinationRule subsets, and the selectors of Gateways, AuthorizationPolicies,
   * Sidecars and Telemetry), each workload's pod template stands for its pods, as in the plan's own checks and in
   * {@code MeshRouter}; Istio's analyzers read the Pods of the cluster there. Checks of a pod's own spec (sidecar
   * injection, proxy image, UID) read only Pods of the plan: the injector changes the templates' pods at creation.
   */
  public FindingReport analyze(Plan plan) {
    return run(MeshInputs.ofPlan(plan.resources().stream().map(PlannedResource::object)
        .collect(Collectors.toList())));
  }

  /**
   * Analyzes a live cluster: the namespaces given (and {@code istio-system}), or every namespace when none. One
   * list call per kind; kinds whose API is not served are skipped with a note in the report.
   */
  public FindingReport analyzeLive(KubernetesClient client, Collection<String> namespaces) {
    List<String> notes = new ArrayList<>();
    List<MeshObject> objects = LiveInputs.read(client, namespaces, notes);
    return FindingReport.builder().from(run(objects)).addAllNotes(notes).build();
  }

  private FindingReport run(List<MeshObject> input) {
    List<MeshObject> objects = input.stream()
        .filter(o -> !Namespaces.isSystem(o.namespace()))
        .filter(o -> !(o.kind().equals("Namespace") && Namespaces.isSystem(o.name())))
        .collect(Collectors.toList());
    Reporter reporter = new Reporter();
    for (Analyzer analyzer : analyzers) {
      List<MeshObject> seen = objects.stream().filter(o -> analyzer.kinds().contains(o.kind()))
          .collect(Collectors.toList());
      analyzer.analyze(new MeshIndex(seen), reporter);
    }
    return FindingReport.builder().check("mesh analysis").addAllFindings(reporter.findings())
        .failOn(IstioMessage.Level.ERROR.severity()).build();
  }
}
