package dev.shipshape.benchmarks;

import dev.shipshape.backup.internal.Coverage;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The backup module's coverage check (which namespaces with claims no active schedule backs up, run once per plan)
 * over N namespaces, each with a claim and a Velero Schedule that names it: the check that compares every schedule
 * with every namespace grows with the square of N. Run it at two sizes: ten times the namespaces should cost about
 * ten times as much.
 */
public class BackupCoverageBenchmark extends InProcessBenchmark {
  @Param({"1000", "10000"})
  public int namespaces;

  private List<HasMetadata> claims;
  private List<HasMetadata> schedules;

  @Setup(Level.Trial)
  public void setUp() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < namespaces; i++) {
      yaml.append("---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: t").append(i)
          .append("}\n---\napiVersion: velero.io/v1\nkind: Schedule\nmetadata: {name: t").append(i)
          .append("-daily, namespace: velero}\nspec: {schedule: '0 3 * * *', template: {includedNamespaces: [t")
          .append(i).append("]}}\n");
    }
    List<HasMetadata> objects = Manifests.parse(yaml.toString());
    claims = objects.stream().filter(o -> o.getKind().equals("PersistentVolumeClaim")).toList();
    schedules = objects.stream().filter(o -> o.getKind().equals("Schedule")).toList();
  }

  @Benchmark
  public Map<String, List<String>> uncovered() {
    return Coverage.uncovered(claims, List.of(), schedules, namespace -> true);
  }
}
