package dev.shipshape.testing.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.core.Manifests;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Plain scalars as the API server reads a YAML request body (sigs.k8s.io/yaml, as kubectl reads a file) against
 * what Shipshape's reader makes of them: for each scalar, server-side dry-run creates with the scalar written plain
 * as a ConfigMap's data value, as a data key, as its boolean {@code immutable} and as a PriorityClass's integer
 * {@code value}. The server accepts a field exactly when the reader's JSON type fits it, and returns the value or key
 * the reader predicted; a key the reader refuses (a null one) the server refuses too.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class YamlScalarFidelityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A ConfigMap key's syntax (apimachinery's IsConfigMapKey), so that a key refused for its characters is told apart. */
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final long HIGHEST_USER_PRIORITY = 1_000_000_000L;
  private static final List<String> SCALARS = List.of("yes", "Yes", "YES", "y", "Y", "on", "On", "ON", "no", "NO",
      "n", "N", "off", "Off", "true", "False", "yEs", "0644", "09", "0x1F", "0X1F", "0o17", "0b1010", "+12",
      "1_000", "1e3", "1.5", "1.", ".5", "1e6", "-7", "1:20", "2001-12-14", ".inf", "-.Inf", ".NaN", "~", "null",
      "<<", "0x", "1Gi", "18446744073709551615");

  @Test
  void theServerReadsEveryPlainScalarAsShipshapeDoes(KubernetesClient client) throws Exception {
    SoftAssertions softly = new SoftAssertions();
    assertThat(SCALARS.stream().map(YamlScalarFidelityTest::dataValueType).distinct())
        .as("the table holds strings, booleans, integers, floats and nulls as the reader reads them")
        .contains("STRING", "BOOLEAN", "NUMBER", "NULL");
    int index = 0;
    for (String scalar : SCALARS) {
      String name = "scalar-" + index++;
      dataValue(client, softly, name, scalar);
      dataKey(client, softly, name, scalar);
      immutable(client, softly, name, scalar);
      priority(client, softly, name, scalar);
    }
    softly.assertAll();
  }

  private static void dataValue(KubernetesClient client, SoftAssertions softly, String name, String scalar)
      throws Exception {
    String yaml = configMap(name, "data:\n  k: " + scalar + "\n");
    Optional<JsonNode> predicted = predicted(yaml).map(d -> d.path("data").path("k"));
    Answer answer = create(client, "api/v1/namespaces/default/configmaps", yaml);
    // A null map value is decoded as the empty string by the server's JSON decoder.
    boolean fits = predicted.map(v -> v.isTextual() || v.isNull()).orElse(false);
    softly.assertThat(answer.accepted()).as("data value %s: %s", scalar, answer.body()).isEqualTo(fits);
    if (fits && answer.accepted()) {
      softly.assertThat(answer.object().path("data").path("k").asText()).as("data value %s", scalar)
          .isEqualTo(predicted.get().isNull() ? "" : predicted.get().asText());
    }
  }

  private static void dataKey(KubernetesClient client, SoftAssertions softly, String name, String scalar)
      throws Exception {
    String yaml = configMap(name, "data:\n  " + scalar + ": v\n");
    Optional<String> predicted = predicted(yaml).map(d -> d.path("data").fieldNames().next());
    Answer answer = create(client, "api/v1/namespaces/default/configmaps", yaml);
    boolean valid = predicted.map(k -> CONFIG_MAP_KEY.matcher(k).matches()).orElse(false);
    softly.assertThat(answer.accepted()).as("data key %s: %s", scalar, answer.body()).isEqualTo(valid);
    if (valid && answer.accepted()) {
      softly.assertThat(answer.object().path("data").has(predicted.get())).as("data key %s is %s: %s", scalar,
          predicted.get(), answer.body()).isTrue();
    } else if (predicted.isPresent()) {
      // Refused for its characters: the server names the key as the reader converted it.
      softly.assertThat(answer.body()).as("data key %s", scalar).contains("data[" + predicted.get() + "]");
    }
  }

  private static void immutable(KubernetesClient client, SoftAssertions softly, String name, String scalar)
      throws Exception {
    String yaml = configMap(name, "immutable: " + scalar + "\n");
    Optional<JsonNode> predicted = predicted(yaml).map(d -> d.path("immutable"));
    if (predicted.map(JsonNode::isNull).orElse(false)) return; // null: the field is left unset
    Answer answer = create(client, "api/v1/namespaces/default/configmaps", yaml);
    boolean fits = predicted.map(JsonNode::isBoolean).orElse(false);
    softly.assertThat(answer.accepted()).as("immutable %s: %s", scalar, answer.body()).isEqualTo(fits);
    if (fits && answer.accepted()) {
      softly.assertThat(answer.object().path("immutable")).as("immutable %s", scalar).isEqualTo(predicted.get());
    }
  }

  private static void priority(KubernetesClient client, SoftAssertions softly, String name, String scalar)
      throws Exception {
    String yaml = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: " + name
        + "\nvalue: " + scalar + "\n";
    Optional<JsonNode> predicted = predicted(yaml).map(d -> d.path("value"));
    if (predicted.map(JsonNode::isNull).orElse(false)) return; // null: the field is left at zero
    Answer answer = create(client, "apis/scheduling.k8s.io/v1/priorityclasses", yaml);
    boolean fits = predicted.map(v -> v.isIntegralNumber() && v.canConvertToInt()
        && v.asLong() <= HIGHEST_USER_PRIORITY).orElse(false);
    softly.assertThat(answer.accepted()).as("priority %s: %s", scalar, answer.body()).isEqualTo(fits);
    if (fits && answer.accepted()) {
      softly.assertThat(answer.object().path("value").asLong()).as("priority %s", scalar)
          .isEqualTo(predicted.get().asLong());
    }
  }

  private static String dataValueType(String scalar) {
    return predicted(configMap("t", "data:\n  k: " + scalar + "\n")).map(d -> d.path("data").path("k")
        .getNodeType().name()).orElse("REFUSED");
  }

  private static String configMap(String name, String rest) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n  namespace: default\n" + rest;
  }

  /** What Shipshape's reader makes of the document; empty when it refuses it. */
  private static Optional<JsonNode> predicted(String yaml) {
    try {
      return Optional.of(Manifests.parseYamlTrees(yaml, "scalar").get(0));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Answer create(KubernetesClient client, String path, String yaml) throws Exception {
    String master = client.getMasterUrl().toString();
    HttpClient http = client.getHttpClient();
    HttpResponse<byte[]> response = http.sendAsync(http.newHttpRequestBuilder()
        .uri((master.endsWith("/") ? master : master + "/") + path + "?dryRun=All&fieldValidation=Strict")
        .post("application/yaml", yaml.getBytes(StandardCharsets.UTF_8))
        .header("Accept", "application/json").build(), byte[].class).get();
    String body = new String(response.body(), StandardCharsets.UTF_8);
    return new Answer(response.isSuccessful(), body);
  }

  /** The server's answer to one dry-run create. */
  private record Answer(boolean accepted, String body) {
    JsonNode object() throws Exception {
      return JSON.readTree(body);
    }
  }
}
