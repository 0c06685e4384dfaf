package dev.shipshape.security.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Probes an etcd client endpoint the way an attacker on the network would: plain HTTP, then TLS without a client
 * certificate (trusting any server certificate), and for whichever answers, a count of all keys through etcd's
 * JSON gateway ({@code POST /v3/kv/range} with {@code count_only}, so no value is ever read). Read-only.
 *
 * <pre>{@code
 * EtcdExposure exposure = EtcdExposureCheck.of("10.0.0.5", 2379).check();
 * }</pre>
 */
public final class EtcdExposureCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A range from the zero byte to the zero byte: every key (etcd's "range_end = \0" convention). */
  private static final String ALL_KEYS = Base64.getEncoder().encodeToString(new byte[] {0});

  private final String host;
  private final int port;
  private final Duration timeout;

  private EtcdExposureCheck(String host, int port, Duration timeout) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  /** A check of {@code host:port}, with a 5 second timeout per request. */
  public static EtcdExposureCheck of(String host, int port) {
    return new EtcdExposureCheck(host, port, Duration.ofSeconds(5));
  }

  /** This check with another timeout per request. */
  public EtcdExposureCheck timeout(Duration timeout) {
    return new EtcdExposureCheck(host, port, timeout);
  }

  /**
   * Runs the probes: a TCP connection first (refused: {@link EtcdEndpointState#CLOSED}; unanswered within the
   * timeout: {@link EtcdEndpointState#FILTERED}), then plain HTTP, then TLS without a client certificate, then a TLS
   * handshake that notes whether the server asks for a client certificate. Only that request makes the endpoint
   * {@link EtcdEndpointState#CLIENT_CERTIFICATE_REQUIRED}; an endpoint that answers none of the probes is
   * {@link EtcdEndpointState#UNRECOGNISED}.
   */
  public EtcdExposure check() {
    EtcdExposure.Builder exposure = EtcdExposure.builder().endpoint(host + ":" + port);
    Handshake.Connect connect = Handshake.connect(host, port, timeout);
    if (connect != Handshake.Connect.ACCEPTED) {
      return exposure.state(connect == Handshake.Connect.REFUSED ? EtcdEndpointState.CLOSED
          : EtcdEndpointState.FILTERED).keysReadable(false).build();
    }
    HttpClient plain = HttpClient.newBuilder().connectTimeout(timeout).build();
    Optional<String> plainVersion = version(plain, "http");
    if (plainVersion.isPresent()) {
      Optional<Long> count = countKeys(plain, "http");
      return exposure.state(EtcdEndpointState.PLAINTEXT_OPEN).serverVersion(plainVersion)
          .keysReadable(count.isPresent()).readableKeyCount(count).build();
    }
    HttpClient tls = HttpClient.newBuilder().connectTimeout(timeout).sslContext(TrustAll.sslContext()).build();
    Optional<String> tlsVersion = version(tls, "https");
    if (tlsVersion.isPresent()) {
      Optional<Long> count = countKeys(tls, "https");
      return exposure.state(EtcdEndpointState.TLS_WITHOUT_CLIENT_AUTH).serverVersion(tlsVersion)
          .keysReadable(count.isPresent()).readableKeyCount(count).build();
    }
    EtcdEndpointState state = Handshake.requestsClientCertificate(host, port, timeout)
        ? EtcdEndpointState.CLIENT_CERTIFICATE_REQUIRED : EtcdEndpointState.UNRECOGNISED;
    return exposure.state(state).keysReadable(false).build();
  }

  private Optional<String> version(HttpClient client, String scheme) {
    Optional<JsonNode> body = send(client, HttpRequest.newBuilder(uri(scheme, "/version")).GET());
    return body.map(b -> b.path("etcdserver").asText("")).filter(v -> !v.isEmpty());
  }

  private Optional<Long> countKeys(HttpClient client, String scheme) {
    String request = "{\"key\":\"" + ALL_KEYS + "\",\"range_end\":\"" + ALL_KEYS + "\",\"count_only\":true}";
    Optional<JsonNode> body = send(client, HttpRequest.newBuilder(uri(scheme, "/v3/kv/range"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)));
    // A successful range answers with a header; an auth-enabled etcd answers with an error instead.
    return body.filter(b -> b.has("header")).map(b -> b.path("count").asLong(0));
  }

  private Optional<JsonNode> send(HttpClient client, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) return Optional.empty();
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private URI uri(String scheme, String path) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create(scheme + "://" + h + ":" + port + path);
  }
}
