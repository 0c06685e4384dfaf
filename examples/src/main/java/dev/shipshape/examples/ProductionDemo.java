package dev.shipshape.examples;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.embedded.EmbeddedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The demo: plans the production example ({@code examples/specs/production.jsh}), applies it with progress, applies
 * it again (nothing changes), and prints the reports. Without arguments it runs against an embedded API server, so
 * no cluster is needed; {@code --kubeconfig FILE} targets that cluster (its current context) instead.
 *
 * <p>Usage: {@code ProductionDemo [--kubeconfig FILE] [SPEC.jsh]}. Exit codes: 0 success, 1 invalid spec, 2 apply
 * failed or did not converge, 3 bad arguments or unreadable files.
 */
public final class ProductionDemo {
  private static final Path DEFAULT_SPEC = Paths.get("examples", "specs", "production.jsh");

  private ProductionDemo() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    Path kubeconfig = null;
    Path specFile = DEFAULT_SPEC;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--kubeconfig") && i + 1 < args.length) {
        kubeconfig = Paths.get(args[++i]);
      } else if (!args[i].startsWith("-")) {
        specFile = Paths.get(args[i]);
      } else {
        System.err.println("unknown option " + args[i] + " — usage: ProductionDemo [--kubeconfig FILE] [SPEC.jsh]");
        return 3;
      }
    }
    if (!Files.isRegularFile(specFile)) {
      System.err.println(specFile + " not found — run the demo from the repository root, or name the spec script");
      return 3;
    }
    ClusterSpec spec;
    try {
      spec = ScriptEvaluator.create().evaluate(specFile);
    } catch (ScriptException e) {
      System.err.println(e.getMessage());
      return 3;
    }
    DemoRun demo = new DemoRun(System.out);
    if (kubeconfig == null) {
      System.out.println("No kubeconfig given: using an embedded API server (in-process, nothing is installed).");
      try (EmbeddedCluster cluster = EmbeddedCluster.start()) {
        return demo.run(spec, KubernetesExecutor.using(cluster.client()));
      }
    }
    try (KubernetesClient client = KubernetesExecutor.clientFor(
        Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString()))) {
      System.out.println("Targeting " + client.getConfiguration().getMasterUrl() + " from " + kubeconfig);
      return demo.run(spec, KubernetesExecutor.using(client));
    } catch (IOException e) {
      System.err.println("cannot read " + kubeconfig + ": " + e.getMessage());
      return 3;
    }
  }
}
