package dev.shipshape.storage.drift;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;

/**
 * Measures drift detection on large clusters served by fabric8's mock API server: reading (one list request per
 * kind) plus comparing with the backend. Run with sizes as arguments, such as {@code 1000 10000 20000}; prints the
 * times of the third of three runs per size. A benchmark main, never a unit test.
 */
public final class DriftBenchmark {
  private DriftBenchmark() {}

  public static void main(String[] args) {
    for (String arg : args.length == 0 ? new String[] {"10000"} : args) {
      int n = Integer.parseInt(arg);
      StorageDriftDetector detector = StorageDriftDetector.builder()
          .backend(Inventories.parse(InventoryFormat.GENERIC, "bench", DriftFixtures.genericInventory(
              LargeCluster.volumes(n), List.of())))
          .build();
      long readNanos = 0;
      long compareNanos = 0;
      int findings = 0;
      for (int run = 0; run < 3; run++) {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (KubernetesClient client = server.createClient()) {
          LargeCluster.serve(server, n, true);
          long start = System.nanoTime();
          ClusterStorage storage = ClusterStorage.read(client);
          long read = System.nanoTime();
          findings = detector.detect(storage).report().findings().size();
          readNanos = read - start;
          compareNanos = System.nanoTime() - read;
        } finally {
          server.destroy();
        }
      }
      System.out.printf("%,d volumes: read in %d ms, compared in %d ms (%d findings)%n", n, readNanos / 1_000_000,
          compareNanos / 1_000_000, findings);
    }
  }
}
