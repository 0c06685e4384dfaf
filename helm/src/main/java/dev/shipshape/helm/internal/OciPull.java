package dev.shipshape.helm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.helm.HelmChart;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls a chart from an OCI registry as {@code helm pull oci://registry/path/name --version V} does, anonymously:
 * the manifest of tag {@code V} (Helm writes SemVer's {@code +} as {@code _} in tags) names the layer of media
 * type {@value #CHART_LAYER}, whose blob is the chart archive, checked against its digest. A registry that answers
 * 401 with a {@code Bearer} challenge gets the anonymous token it offers, as the OCI distribution specification
 * describes (https://distribution.github.io/distribution/spec/auth/token/). Registries that need credentials are
 * not supported: use a local copy of the chart.
 */
final class OciPull {
  static final String CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciPull() {}

  static byte[] pull(HelmChart chart, HttpClient http) {
    String reference = chart.source().location().substring("oci://".length());
    int slash = reference.indexOf('/');
    if (slash < 0) throw RemoteChart.failure(chart, "OCI reference " + chart.source().location() + " names no "
        + "repository", "write it as oci://registry.example.com/charts/name");
    String registry = (chart.plainHttp() ? "http://" : "https://") + reference.substring(0, slash);
    String repository = reference.substring(slash + 1);
    String tag = chart.source().version().orElseThrow().replace('+', '_');
    Session session = new Session(chart, http);
    JsonNode manifest = json(chart, session.get(URI.create(registry + "/v2/" + repository + "/manifests/" + tag),
        MANIFEST));
    String digest = "";
    for (JsonNode layer : manifest.path("layers")) {
      if (layer.path("mediaType").asText().equals(CHART_LAYER)) digest = layer.path("digest").asText();
    }
    if (digest.isEmpty()) throw RemoteChart.failure(chart, chart.source() + " is not a Helm chart: its manifest "
        + "has no layer of type " + CHART_LAYER, "give the reference of a chart pushed with 'helm push'");
    byte[] archive = session.get(URI.create(registry + "/v2/" + repository + "/blobs/" + digest), "*/*");
    RemoteChart.checkDigest(chart, archive, digest, "the registry's manifest");
    return archive;
  }

  private static JsonNode json(HelmChart chart, byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw RemoteChart.failure(chart, "the registry answered a manifest that is not JSON",
          "check that the reference names an OCI registry");
    }
  }

  /** Requests with the anonymous bearer token once a challenge asked for one. */
  private static final class Session {
    private final HelmChart chart;
    private final HttpClient http;
    private Optional<String> token = Optional.empty();

    Session(HelmChart chart, HttpClient http) {
      this.chart = chart;
      this.http = http;
    }

    byte[] get(URI uri, String accept) {
      HttpResponse<byte[]> response = RemoteChart.send(chart, http, request(uri, accept));
      if (response.statusCode() == 401 && token.isEmpty()) {
        token = Optional.of(anonymousToken(response.headers().firstValue("WWW-Authenticate").orElse("")));
        response = RemoteChart.send(chart, http, request(uri, accept));
      }
      if (response.statusCode() != 200) {
        throw RemoteChart.failure(chart, "GET " + uri + " answered HTTP " + response.statusCode(),
            response.statusCode() == 404 ? "check the reference and that the registry holds this version"
                : "check the reference; registries that need credentials are not supported: use a local copy");
      }
      return response.body();
    }

    private HttpRequest request(URI uri, String accept) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(RemoteChart.TIMEOUT).header("Accept", accept);
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      return request.GET().build();
    }

    private String anonymousToken(String challenge) {
      if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw RemoteChart.failure(chart, "the registry asks for credentials (" + challenge.replaceFirst(" .*", "")
            + ")", "registries that need credentials are not supported: use a local copy of the chart");
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      Matcher m = PARAMETER.matcher(challenge);
      while (m.find()) parameters.put(m.group(1), m.group(2));
      StringBuilder query = new StringBuilder();
      for (String key : new String[] {"service", "scope"}) {
        if (!parameters.containsKey(key)) continue;
        query.append(query.length() == 0 ? "?" : "&").append(key).append('=')
            .append(URLEncoder.encode(parameters.get(key), StandardCharsets.UTF_8));
      }
      URI realm = URI.create(parameters.getOrDefault("realm", "") + query);
      JsonNode answer = json(chart, RemoteChart.send(chart, http, HttpRequest.newBuilder(realm)
          .timeout(RemoteChart.TIMEOUT).GET().build()).body());
      String value = answer.path("token").asText(answer.path("access_token").asText(""));
      if (value.isEmpty()) throw RemoteChart.failure(chart, "the registry's token service " + realm.getHost()
          + " gave no anonymous token", "registries that need credentials are not supported: use a local copy");
      return value;
    }
  }
}
