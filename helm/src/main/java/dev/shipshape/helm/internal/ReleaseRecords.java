package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Helm's release records, as its default storage driver keeps them: one Secret of type {@code helm.sh/release.v1}
 * per revision, named {@code sh.helm.release.v1.NAME.vREVISION} and labelled {@code owner=helm, name=NAME}, whose
 * {@code release} key holds the release as gzip-compressed JSON in base64 (see Helm's pkg/storage/driver/util.go).
 * The JSON has the rendered manifest (without hooks), the user's values ({@code config}) and the chart.
 */
public final class ReleaseRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReleaseRecords() {}

  /** Every revision of the release, oldest first; empty when Helm does not know it. */
  public static List<JsonNode> history(Path kubeconfig, String name, String namespace) {
    try (KubernetesClient client = client(kubeconfig)) {
      List<JsonNode> revisions = new ArrayList<>();
      for (Secret secret : client.secrets().inNamespace(namespace).withLabel("owner", "helm")
          .withLabel("name", name).list().getItems()) {
        if ("helm.sh/release.v1".equals(secret.getType()) && secret.getData() != null
            && secret.getData().containsKey("release")) {
          revisions.add(decode(secret.getData().get("release")));
        }
      }
      revisions.sort(Comparator.comparingInt(r -> r.path("version").asInt()));
      return revisions;
    }
  }

  /**
   * Writes the chart a revision was made with into {@code directory}: Chart.yaml, values.yaml, values.schema.json,
   * its templates and other files.
   *
   * @throws IllegalArgumentException when the chart had subcharts, which Helm does not keep in the record
   */
  public static Path writeChart(JsonNode release, Path directory) {
    JsonNode chart = release.path("chart");
    JsonNode metadata = chart.path("metadata");
    if (metadata.path("dependencies").size() > 0) {
      throw new IllegalArgumentException("chart " + metadata.path("name").asText() + " has subcharts, which Helm's "
          + "release record does not keep");
    }
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("Chart.yaml"), Manifests.toYaml(metadata));
      Files.writeString(directory.resolve("values.yaml"), Manifests.toYaml(chart.path("values")));
      if (chart.hasNonNull("schema")) {
        Files.write(directory.resolve("values.schema.json"), Base64.getDecoder().decode(chart.path("schema").asText()));
      }
      for (String list : new String[] {"templates", "files"}) {
        for (JsonNode file : chart.path(list)) {
          Path target = directory.resolve(file.path("name").asText()).normalize();
          if (!target.startsWith(directory)) throw new IllegalArgumentException("file " + target + " leaves the chart");
          Files.createDirectories(target.getParent());
          Files.write(target, Base64.getDecoder().decode(file.path("data").asText()));
        }
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart of the release into " + directory, e);
    }
  }

  private static JsonNode decode(String secretData) {
    byte[] helmText = Base64.getDecoder().decode(secretData);
    byte[] packed = Base64.getDecoder().decode(new String(helmText, StandardCharsets.US_ASCII));
    boolean gzip = packed.length > 2 && packed[0] == (byte) 0x1f && packed[1] == (byte) 0x8b;
    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(packed))
        : new ByteArrayInputStream(packed)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("a Helm release record that is not gzip-compressed JSON", e);
    }
  }

  /** A client of the cluster of {@code kubeconfig}'s current context. */
  public static KubernetesClient client(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeconfig, e);
    }
  }
}
