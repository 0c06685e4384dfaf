package dev.shipshape.core.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.MockServerLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading the server's OpenAPI v3 documents, against fabric8's mock server in expectations mode: a prefetched
 * document is not read again by the load that follows, and one that could not be read is read again.
 */
@EnableKubernetesMockClient
class ServerSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOCUMENT = "/openapi/v3/apis/example.com/v1?hash=ABC";
  private static final String INDEX = """
      {"paths": {"apis/example.com/v1": {"serverRelativeURL": "/openapi/v3/apis/example.com/v1?hash=ABC"}}}""";
  private static final String SCHEMAS = """
      {"info": {"title": "Kubernetes CRD Swagger"}, "components": {"schemas": {"com.example.v1.Dial": {
        "type": "object",
        "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
          "spec": {"type": "object", "properties": {"size": {"type": "integer"}}}},
        "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Dial"}]}}}}""";


  KubernetesMockServer server;
  KubernetesClient client;
  private ExecutorService pool;

  @BeforeAll
  static void quietMockServerLog() {
    MockServerLog.quiet();
  }

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private static Optional<List<SchemaViolation>> checkDial(ServerSchemas.Loaded loaded) throws Exception {
    JsonNode dial = JSON.readTree("{\"apiVersion\": \"example.com/v1\", \"kind\": \"Dial\", \"spec\": {\"size\": \"big\"}}");
    return loaded.check("example.com/v1", "Dial", dial);
  }

  @Test
  void aPrefetchedDocumentIsReadOnce() throws Exception {
    server.expect().get().withPath("/openapi/v3").andReturn(200, INDEX).always();
    server.expect().get().withPath(DOCUMENT).andReturn(200, SCHEMAS).once();
    ServerSchemas schemas = new ServerSchemas(client);

    schemas.prefetch("example.com/v1", pool);
    // The prefetch reads the index, then the document, before the load asks for anything.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.getRequestCount() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(server.getRequestCount()).isEqualTo(2);
    ServerSchemas.Loaded loaded = schemas.load(List.of("example.com/v1"), pool);
    assertThat(server.getRequestCount()).isEqualTo(3);

    assertThat(checkDial(loaded)).hasValueSatisfying(violations -> assertThat(violations)
        .extracting(SchemaViolation::toString).containsExactly("spec.size: WRONG_TYPE (integer)"));
    assertThat(schemas.load(List.of("example.com/v1"), pool).check("example.com/v1", "Dial",
        JSON.readTree("{\"spec\": {\"size\": 3}}"))).hasValue(List.of());
  }

  @Test
  void aDocumentThatCouldNotBeReadIsReadAgainByTheNextLoad() throws Exception {
    server.expect().get().withPath("/openapi/v3").andReturn(200, INDEX).always();
    server.expect().get().withPath(DOCUMENT).andReturn(403, "{}").once();
    server.expect().get().withPath(DOCUMENT).andReturn(200, SCHEMAS).once();
    ServerSchemas schemas = new ServerSchemas(client);

    assertThat(checkDial(schemas.load(List.of("example.com/v1"), pool))).isEmpty();
    assertThat(checkDial(schemas.load(List.of("example.com/v1"), pool))).isPresent();
  }
}
