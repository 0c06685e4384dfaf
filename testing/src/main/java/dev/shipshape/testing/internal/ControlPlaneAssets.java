package dev.shipshape.testing.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the control-plane binaries are: the folder named by system property {@code shipshape.control-plane.assets},
 * else by environment variable {@code KUBEBUILDER_ASSETS} (the convention of controller-runtime's envtest). It must
 * hold {@code kube-apiserver}; {@code etcd} is taken from it, else from the {@code PATH};
 * {@code kube-controller-manager} is optional.
 */
public record ControlPlaneAssets(Path apiServer, Path etcd, Optional<Path> controllerManager) {
  /** The system property naming the folder of binaries. */
  public static final String PROPERTY = "shipshape.control-plane.assets";
  /** The environment variable naming the folder of binaries (envtest's convention). */
  public static final String ENVIRONMENT = "KUBEBUILDER_ASSETS";

  /** The binaries, or why they cannot be used: a message naming what is missing and how to provide it. */
  public static Result locate(Map<String, String> environment, String property) {
    String folder = property != null && !property.isBlank() ? property : environment.get(ENVIRONMENT);
    String source = property != null && !property.isBlank() ? "system property " + PROPERTY : ENVIRONMENT;
    if (folder == null || folder.isBlank()) {
      return new Result(null, "no control-plane binaries: set " + ENVIRONMENT + " (or system property " + PROPERTY
          + ") to a folder holding kube-apiserver and etcd (optionally kube-controller-manager), as for "
          + "controller-runtime's envtest");
    }
    Path dir = Path.of(folder);
    if (!Files.isDirectory(dir)) {
      return new Result(null, source + " names " + dir + ", which is not a folder");
    }
    List<String> missing = new ArrayList<>();
    Path apiServer = dir.resolve("kube-apiserver");
    if (!Files.isExecutable(apiServer)) missing.add("kube-apiserver (not found or not executable in " + dir + ")");
    Optional<Path> etcd = Files.isExecutable(dir.resolve("etcd")) ? Optional.of(dir.resolve("etcd"))
        : onPath(environment.get("PATH"), "etcd");
    if (etcd.isEmpty()) missing.add("etcd (neither in " + dir + " nor on the PATH)");
    if (!missing.isEmpty()) {
      return new Result(null, "cannot start a local control plane from " + source + ": missing "
          + String.join(" and ", missing));
    }
    Path kcm = dir.resolve("kube-controller-manager");
    return new Result(new ControlPlaneAssets(apiServer, etcd.get(),
        Files.isExecutable(kcm) ? Optional.of(kcm) : Optional.empty()), null);
  }

  private static Optional<Path> onPath(String path, String binary) {
    if (path == null) return Optional.empty();
    for (String entry : path.split(java.io.File.pathSeparator)) {
      if (entry.isEmpty()) continue;
      Path candidate = Path.of(entry, binary);
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /** Either the binaries or the reason they cannot be used. */
  public record Result(ControlPlaneAssets assets, String problem) {
    /** The binaries. */
    public Optional<ControlPlaneAssets> found() {
      return Optional.ofNullable(assets);
    }

    /** Why not. */
    public Optional<String> reason() {
      return Optional.ofNullable(problem);
    }
  }
}
