package dev.shipshape.cli.shell;

import dev.shipshape.cli.script.ScriptEvaluator;
import dev.shipshape.cli.script.ScriptException;
import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.apply.ApplyOptions;
import dev.shipshape.core.apply.ApplyReport;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.apply.KubernetesExecutor;
import dev.shipshape.core.apply.PrintingApplyListener;
import dev.shipshape.core.embedded.EmbeddedCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.nio.file.Path;

/**
 * The helpers a {@code shipshape shell} session starts with; its startup snippets call these. They run inside the
 * session's JVM, so what they start (an embedded server, a client) belongs to the session.
 */
public final class ShellHelpers {
  private ShellHelpers() {}

  /**
   * A client for a kubeconfig context; with several files (as in {@code KUBECONFIG}) fabric8 merges them. The
   * client connects on first use.
   */
  public static KubernetesClient client(String kubeconfigFiles, String context) {
    String[] files = kubeconfigFiles.split(File.pathSeparator);
    Config config = files.length == 1 ? Config.fromKubeconfig(context, new File(files[0]))
        : Config.autoConfigure(context);
    return KubernetesExecutor.clientFor(config);
  }

  /**
   * Runs a spec script as {@code shipshape plan} does and returns its {@code spec}.
   *
   * @throws ScriptException with {@code FILE:LINE:} lines when the script fails
   */
  public static ClusterSpec load(Path script) {
    return ScriptEvaluator.create().evaluate(script);
  }

  /** Starts a new in-process API server; close it when done. */
  public static EmbeddedCluster embedded() {
    EmbeddedCluster cluster = EmbeddedCluster.start();
    System.out.println("embedded API server at " + cluster.url() + "; its client() is ready");
    return cluster;
  }

  /**
   * Plans and applies a spec with progress printed as lines. The strategy is {@code auto}: server-side apply,
   * falling back to create/merge-patch on servers without it (such as the embedded one).
   */
  public static ApplyReport apply(ClusterSpec spec, KubernetesClient client) {
    ApplyReport report = KubernetesExecutor.builder(client).strategy(ApplyStrategy.AUTO).build()
        .apply(spec.plan(), ApplyOptions.builder().listener(new PrintingApplyListener(System.out)).build());
    System.out.print(report.toText());
    return report;
  }
}
