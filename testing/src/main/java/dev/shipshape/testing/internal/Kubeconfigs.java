package dev.shipshape.testing.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Client settings for a local control plane: kubeconfig files (one cluster, one client-certificate user, one
 * context) and fabric8 configurations, authenticated by a client certificate naming the user and groups.
 */
public final class Kubeconfigs {
  private Kubeconfigs() {}

  /** A fabric8 configuration for this user and groups, without fabric8's internal retries. */
  public static Config clientConfig(String url, Pki pki, String user, List<String> groups) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withCaCertData(base64(pki.caPem()))
        .withClientCertData(base64(pki.clientCertificatePem(user, groups)))
        .withClientKeyData(base64(pki.clientKeyPem()))
        .withRequestRetryBackoffLimit(0)
        .build();
  }

  /** A kubeconfig file's content for this user and groups. */
  public static String render(String url, Pki pki, String user, List<String> groups) {
    return "apiVersion: v1\nkind: Config\n"
        + "clusters:\n- name: local\n  cluster:\n    server: " + url + "\n"
        + "    certificate-authority-data: " + base64(pki.caPem()) + "\n"
        + "users:\n- name: " + user + "\n  user:\n"
        + "    client-certificate-data: " + base64(pki.clientCertificatePem(user, groups)) + "\n"
        + "    client-key-data: " + base64(pki.clientKeyPem()) + "\n"
        + "contexts:\n- name: local\n  context:\n    cluster: local\n    user: " + user + "\n"
        + "    namespace: default\n"
        + "current-context: local\n";
  }

  static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
