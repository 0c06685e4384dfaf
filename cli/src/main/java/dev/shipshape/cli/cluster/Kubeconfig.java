package dev.shipshape.cli.cluster;

import dev.shipshape.core.apply.KubernetesExecutor;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the cluster as kubectl does: {@code --kubeconfig}, else the files of {@code KUBECONFIG}, else
 * {@code ~/.kube/config}; the context named by {@code --context}, else the kubeconfig's current context. Every
 * failure becomes a {@link ClusterException} with one line saying what is wrong and what to do.
 *
 * @see <a href="https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/">Organizing
 *     cluster access using kubeconfig files</a>
 */
public final class Kubeconfig {
  private final List<Path> files;
  private final String context;

  private Kubeconfig(List<Path> files, String context) {
    this.files = files;
    this.context = context;
  }

  /**
   * Resolves the kubeconfig files and the context to use.
   *
   * @param explicitFile the {@code --kubeconfig} option
   * @param explicitContext the {@code --context} option
   * @param environment the process environment ({@code KUBECONFIG}, {@code KUBERNETES_SERVICE_HOST})
   * @param home the user's home directory
   * @throws ClusterException when no usable kubeconfig or context is found
   */
  public static Kubeconfig resolve(Optional<Path> explicitFile, Optional<String> explicitContext,
      Map<String, String> environment, Path home) {
    List<Path> files = files(explicitFile, environment, home);
    Set<String> contexts = new LinkedHashSet<>();
    String current = null;
    for (Path file : files) {
      io.fabric8.kubernetes.api.model.Config parsed;
      try {
        parsed = KubeConfigUtils.parseConfig(file.toFile());
      } catch (RuntimeException e) {
        throw new ClusterException("cannot read kubeconfig " + file + ": " + rootMessage(e)
            + " — fix the file or point --kubeconfig at another one", e);
      }
      for (NamedContext named : Optional.ofNullable(parsed.getContexts()).orElse(List.of())) {
        contexts.add(named.getName());
      }
      if (current == null && parsed.getCurrentContext() != null && !parsed.getCurrentContext().isBlank()) {
        current = parsed.getCurrentContext();
      }
    }
    String where = files.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    String available = contexts.isEmpty() ? "it defines no contexts" : "contexts: " + String.join(", ", contexts);
    String chosen = explicitContext.orElse(current);
    if (chosen == null) {
      throw new ClusterException(where + " sets no current-context (" + available
          + ") — pass --context NAME or run 'kubectl config use-context NAME'");
    }
    if (!contexts.contains(chosen)) {
      String subject = explicitContext.isPresent() ? "context '" + chosen + "'"
          : "the current-context '" + chosen + "'";
      throw new ClusterException(subject + " is not defined in " + where + " (" + available
          + ") — pass one of them to --context");
    }
    return new Kubeconfig(files, chosen);
  }

  private static List<Path> files(Optional<Path> explicitFile, Map<String, String> environment, Path home) {
    if (explicitFile.isPresent()) {
      Path file = explicitFile.get();
      if (!Files.isRegularFile(file)) {
        throw new ClusterException("kubeconfig " + file + " does not exist — pass an existing file to --kubeconfig");
      }
      return List.of(file);
    }
    String variable = environment.getOrDefault("KUBECONFIG", "");
    if (!variable.isBlank()) {
      List<Path> existing = Arrays.stream(variable.split(File.pathSeparator)).filter(s -> !s.isBlank())
          .map(Path::of).filter(Files::isRegularFile).collect(Collectors.toList());
      if (existing.isEmpty()) {
        throw new ClusterException("KUBECONFIG=" + variable + " names no existing file — fix KUBECONFIG, pass "
            + "--kubeconfig FILE, or use --embedded to try an in-process API server");
      }
      return existing;
    }
    Path file = home.resolve(".kube").resolve("config");
    if (!Files.isRegularFile(file)) {
      throw new ClusterException("no kubeconfig: " + file + " does not exist and KUBECONFIG is not set — pass "
          + "--kubeconfig FILE, or use --embedded to try an in-process API server");
    }
    return List.of(file);
  }

  /** The context in use. */
  public String context() {
    return context;
  }

  public List<Path> files() {
    return files;
  }

  /**
   * A client for the context, checked against the server: the server must answer and accept the credentials.
   *
   * @throws ClusterException when the context's settings are unusable, the server cannot be reached, or it
   *     rejects the credentials
   */
  public ClusterTarget connect() {
    Config config;
    try {
      // fabric8 merges several KUBECONFIG files itself; a single file is read as given.
      config = files.size() == 1 ? Config.fromKubeconfig(context, files.get(0).toFile())
          : Config.autoConfigure(context);
    } catch (RuntimeException e) {
      throw new ClusterException("cannot use context '" + context + "': " + rootMessage(e)
          + " — check its cluster and user entries in the kubeconfig", e);
    }
    KubernetesClient client = KubernetesExecutor.clientFor(config);
    String description = "context " + context + " (" + config.getMasterUrl() + ")";
    try {
      probe(client, description);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return ClusterTarget.of(client, description);
  }

  /**
   * Asks for the core API versions ({@code GET /api}): the discovery endpoints are open to every authenticated
   * user (the {@code system:discovery} ClusterRole), so an answer proves both reachability and credentials.
   *
   * @see <a href="https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles">Discovery roles</a>
   */
  static void probe(KubernetesClient client, String description) {
    try {
      client.getAPIVersions();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 401) {
        throw new ClusterException("the API server of " + description + " rejected the credentials (401 "
            + "Unauthorized) — log in again or refresh the token of this context", e);
      }
      if (e.getCode() == 403) return;
      throw unreachable(description, e);
    } catch (RuntimeException e) {
      throw unreachable(description, e);
    }
  }

  private static ClusterException unreachable(String description, RuntimeException e) {
    return new ClusterException("cannot reach the API server of " + description + ": " + rootMessage(e)
        + " — check that the cluster is running and the context is right, or use --embedded", e);
  }

  static String rootMessage(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) chain.add(t);
    Throwable root = chain.get(chain.size() - 1);
    String message = Objects.toString(root.getMessage(), root.getClass().getSimpleName());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
