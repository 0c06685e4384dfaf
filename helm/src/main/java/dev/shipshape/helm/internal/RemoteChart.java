package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.SpecValidationException;
import dev.shipshape.helm.ChartSource;
import dev.shipshape.helm.HelmChart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Remote charts. A repository chart is fetched as {@code helm pull --repo URL CHART --version V} fetches it: the
 * repository's {@code index.yaml} names the archive's URL (relative URLs resolve against the repository URL) and
 * its SHA-256 digest, which the download must match. An OCI chart is pulled as {@code helm pull oci://…} pulls it
 * ({@link OciPull}).
 */
public final class RemoteChart {
  private static final String REPOSITORY_ALIAS = "shipshape-chart-repository";
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private RemoteChart() {}

  /** The repository configuration file for {@code source}, in {@code work}; configured on first use. */
  public static Path repositoryConfig(Path work) {
    return work.resolve("repositories.yaml");
  }

  /** The chart reference to give Helm; adds the repository to {@link #repositoryConfig} first when needed. */
  public static String reference(ChartSource source, Path work) {
    if (source.kind() == ChartSource.Kind.OCI) return source.location();
    GoSignals.restoring(() -> Helm.repo().add().withRepositoryConfig(repositoryConfig(work))
        .withName(REPOSITORY_ALIAS).withUrl(URI.create(source.location())).call());
    return REPOSITORY_ALIAS + "/" + source.chart().orElseThrow();
  }

  /**
   * Downloads the pinned version of a remote chart into {@code work}, checked against its digest.
   *
   * @throws SpecValidationException when the chart cannot be fetched, its version is not there, or the archive
   *     does not match its digest
   */
  public static Path fetch(HelmChart chart, Path work) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    ChartSource source = chart.source();
    byte[] archive = source.kind() == ChartSource.Kind.OCI ? OciPull.pull(chart, http) : fromRepository(chart, http);
    String name = source.chart().orElseGet(() -> source.location().replaceFirst(".*/", ""));
    try {
      Path file = Files.createDirectories(work.resolve("download")).resolve(name + "-" + source.version()
          .orElseThrow() + ".tgz");
      return Files.write(file, archive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart archive into " + work, e);
    }
  }

  private static byte[] fromRepository(HelmChart chart, HttpClient http) {
    ChartSource source = chart.source();
    String name = source.chart().orElseThrow();
    String version = source.version().orElseThrow();
    URI base = URI.create(source.location().endsWith("/") ? source.location() : source.location() + "/");
    JsonNode index = Manifests.parseYamlTrees(new String(get(chart, http, base.resolve("index.yaml")),
        StandardCharsets.UTF_8), base + "index.yaml").stream().findFirst()
        .orElseThrow(() -> failure(chart, "the repository's index.yaml is empty", "check the repository URL"));
    JsonNode entry = findVersion(chart, index.path("entries").path(name), name, version);
    String url = entry.path("urls").path(0).asText("");
    if (url.isEmpty()) throw failure(chart, "the index lists " + name + " " + version + " without a URL",
        "ask the repository's maintainers to fix its index.yaml");
    byte[] archive = get(chart, http, base.resolve(url));
    String digest = entry.path("digest").asText("");
    if (!digest.isEmpty()) checkDigest(chart, archive, "sha256:" + digest, "the repository's index");
    return archive;
  }

  /** Fails unless {@code bytes} have the {@code sha256:…} digest that {@code where} lists for them. */
  static void checkDigest(HelmChart chart, byte[] bytes, String digest, String where) {
    if (!digest.equalsIgnoreCase("sha256:" + sha256(bytes))) {
      throw failure(chart, "the archive of " + chart.source() + " does not match the digest of " + where + " ("
          + digest + ")", "the server or a proxy serves another file than it lists: fetch it again later or "
          + "report it to the chart's maintainers");
    }
  }

  /** Helm compares versions as SemVer, so a leading {@code v} on either side does not count. */
  private static JsonNode findVersion(HelmChart chart, JsonNode entries, String name, String version) {
    List<String> listed = new ArrayList<>();
    for (JsonNode entry : entries) {
      String v = entry.path("version").asText("");
      if (v.replaceFirst("^v", "").equals(version.replaceFirst("^v", ""))) return entry;
      listed.add(v);
    }
    throw failure(chart, listed.isEmpty() ? "the repository's index lists no chart named " + name
        : "the repository's index lists no version " + version + " of " + name + " (it lists " + String.join(", ",
            listed) + ")", "pin a version the repository serves");
  }

  private static byte[] get(HelmChart chart, HttpClient http, URI uri) {
    HttpResponse<byte[]> response = send(chart, http, HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build());
    if (response.statusCode() != 200) {
      throw failure(chart, "GET " + uri + " answered HTTP " + response.statusCode(),
          "check the repository URL, chart name and version");
    }
    return response.body();
  }

  /** Sends a request; a connection failure fails the chart. */
  static HttpResponse<byte[]> send(HelmChart chart, HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw failure(chart, "cannot fetch " + request.uri() + ": " + e, "check the chart's URL and the network");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(chart, "interrupted while fetching " + request.uri(), "try again");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static SpecValidationException failure(HelmChart chart, String message, String fix) {
    return new SpecValidationException("HelmChart " + chart.name(),
        List.of(ChartChecks.error(chart, "source", message, fix)));
  }
}
