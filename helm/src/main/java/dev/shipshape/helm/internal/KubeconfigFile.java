package dev.shipshape.helm.internal;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig file for the cluster a fabric8 client talks to, so that the bundled Helm, which reads only
 * kubeconfig files, reaches the same cluster as the same user: server, certificate authority (or skipping TLS
 * verification when the client does), client certificate and key, bearer token or basic credentials. The file holds
 * credentials: it is written into a directory only this user can read (see {@link ValueFiles}).
 */
public final class KubeconfigFile {
  private static final String NAME = "shipshape";

  private KubeconfigFile() {}

  /** Writes the kubeconfig of {@code config} to {@code directory/kubeconfig} and returns its path. */
  public static Path write(Config config, Path directory) {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("server", config.getMasterUrl());
    if (config.isTrustCerts()) cluster.put("insecure-skip-tls-verify", true);
    else if (config.getCaCertData() != null) cluster.put("certificate-authority-data", config.getCaCertData());
    else if (config.getCaCertFile() != null) cluster.put("certificate-authority", config.getCaCertFile());
    Map<String, Object> user = new LinkedHashMap<>();
    putEither(user, "client-certificate-data", config.getClientCertData(), "client-certificate",
        config.getClientCertFile());
    putEither(user, "client-key-data", config.getClientKeyData(), "client-key", config.getClientKeyFile());
    String token = config.getAutoOAuthToken() != null ? config.getAutoOAuthToken() : config.getOauthToken();
    if (token != null) user.put("token", token);
    if (config.getUsername() != null) user.put("username", config.getUsername());
    if (config.getPassword() != null) user.put("password", config.getPassword());
    Map<String, Object> kubeconfig = new LinkedHashMap<>();
    kubeconfig.put("apiVersion", "v1");
    kubeconfig.put("kind", "Config");
    kubeconfig.put("clusters", List.of(Map.of("name", NAME, "cluster", cluster)));
    kubeconfig.put("users", List.of(Map.of("name", NAME, "user", user)));
    kubeconfig.put("contexts", List.of(Map.of("name", NAME, "context", Map.of("cluster", NAME, "user", NAME))));
    kubeconfig.put("current-context", NAME);
    Path file = directory.resolve("kubeconfig");
    try {
      Files.writeString(file, Manifests.toYaml(kubeconfig));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig for Helm into " + directory, e);
    }
  }

  private static void putEither(Map<String, Object> user, String dataKey, String data, String fileKey, String file) {
    if (data != null) user.put(dataKey, data);
    else if (file != null) user.put(fileKey, file);
  }
}
