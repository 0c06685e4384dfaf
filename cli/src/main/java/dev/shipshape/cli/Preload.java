package dev.shipshape.cli;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.versions.ApiDeprecations;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/**
 * Start-up work that every command loading a spec needs, begun on another thread while the main thread parses
 * the command line and reads the script: the first SHA-256 digest (naming the cached script) sets up the JDK's
 * security providers; every plan reads the bundled table of deprecated APIs; the first use of {@link Manifests} sets
 * up fabric8's serialization, and the first serialization of a fabric8 object makes Jackson build the serializers of
 * every type in it. Together these cost more than running a cached script. Writing a Deployment and a Namespace as a
 * JSON tree (as the plan's checks do) and as YAML (as {@code render} does) builds those of the types most specs hold
 * (object metadata, pod templates, containers), so the command's own finds them ready. The work is the same the
 * command would do; on a machine with a second core it shortens the time to the result, elsewhere it costs nothing
 * extra.
 */
final class Preload {
  /** Commands (and options) that load no spec. */
  private static final Set<String> WITHOUT_SPEC = Set.of("version", "help", "completion", "--help", "-h",
      "--version", "-V");

  private Preload() {}

  /** True when {@code args} run a command that may load a spec, and are not a request for help or the version. */
  static boolean worthIt(String... args) {
    return Subcommands.invoked(args).isPresent() && List.of(args).stream().noneMatch(WITHOUT_SPEC::contains);
  }

  /** Starts the preloading on a daemon thread when {@link #worthIt} holds; it never delays the exit. */
  static void start(String... args) {
    if (!worthIt(args)) return;
    Thread thread = new Thread(Preload::run, "shipshape-preload");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    // The command does the same work itself and reports what fails there; nothing is printed from here.
    thread.setUncaughtExceptionHandler((t, e) -> { });
    thread.start();
  }

  private static void run() {
    // The script cache names a compiled script by its SHA-256: the first digest sets up the JDK's security providers.
    try {
      MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("preload").withNamespace("preload").addToLabels("app", "preload").endMetadata()
        .withNewSpec().withReplicas(1)
        .withNewSelector().addToMatchLabels("app", "preload").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "preload").endMetadata()
        .withNewSpec().addNewContainer().withName("preload").withImage("preload:1")
        .addNewPort().withContainerPort(8080).endPort()
        .withNewResources().addToRequests("cpu", new Quantity("1")).endResources()
        .endContainer().endSpec().endTemplate().endSpec()
        .build();
    Namespace namespace = new NamespaceBuilder().withNewMetadata().withName("preload").endMetadata().build();
    Manifests.toTree(namespace);
    Manifests.toTree(deployment);
    ApiDeprecations.bundled();
    try (Writer discard = Writer.nullWriter()) {
      Manifests.writeYaml(namespace, discard);
      Manifests.writeYaml(deployment, discard);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
