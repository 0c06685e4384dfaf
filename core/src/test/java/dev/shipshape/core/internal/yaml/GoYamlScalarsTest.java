package dev.shipshape.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Scalars as {@link YamlReader} reads them, against what sigs.k8s.io/yaml's {@code YAMLToJSON} (go-yaml v2's
 * {@code resolve.go} and {@code decode.go}, then {@code convertToJSONableObject} and {@code encoding/json}) makes of
 * them. Each row names the rule it checks; the API server itself is asked the same in the testing module's proofs.
 */
class GoYamlScalarsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode value(String yaml) {
    return YamlReader.read("v: " + yaml + "\n", "test").get(0).content().orElseThrow().get("v");
  }

  private static List<String> keys(String yaml) {
    JsonNode map = YamlReader.read(yaml, "test").get(0).content().orElseThrow();
    return List.copyOf(iterable(map));
  }

  private static List<String> iterable(JsonNode map) {
    return java.util.stream.StreamSupport.stream(((Iterable<String>) map::fieldNames).spliterator(), false)
        .collect(Collectors.toList());
  }

  /** Scalar as written, and the JSON that YAMLToJSON makes of it (a string is a JSON string). */
  @ParameterizedTest(name = "{0} -> {1} ({2})")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      yes            | true                    | resolveMapList: y Y yes Yes YES are true
      Yes            | true                    | resolveMapList
      YES            | true                    | resolveMapList
      y              | true                    | resolveMapList
      Y              | true                    | resolveMapList
      on             | true                    | resolveMapList: on On ON are true
      On             | true                    | resolveMapList
      ON             | true                    | resolveMapList
      True           | true                    | resolveMapList: true True TRUE
      no             | false                   | resolveMapList: n N no No NO are false
      NO             | false                   | resolveMapList (country: NO)
      n              | false                   | resolveMapList
      off            | false                   | resolveMapList: off Off OFF are false
      FALSE          | false                   | resolveMapList
      yEs            | `"yEs"`                 | not in resolveMapList: a string
      oN             | `"oN"`                  | not in resolveMapList
      ~              | null                    | resolveMapList: ~ null Null NULL and the empty scalar
      Null           | null                    | resolveMapList
      nULL           | `"nULL"`                | not in resolveMapList
      0644           | 420                     | ParseInt(s, 0, 64): a leading 0 is octal
      010            | 8                       | ParseInt(s, 0, 64)
      09             | 9                       | not octal, but yamlStyleFloat: float 9, written 9 by encoding/json
      0x1F           | 31                      | ParseInt(s, 0, 64): 0x hexadecimal
      0X1f           | 31                      | ParseInt(s, 0, 64): Go takes 0X too
      0o17           | 15                      | ParseInt(s, 0, 64): Go 1.13 takes 0o
      0O17           | 15                      | ParseInt(s, 0, 64)
      0b1010         | 10                      | ParseInt(s, 0, 64): 0b binary
      -0b101         | -5                      | ParseInt(s, 0, 64) with a sign
      +12            | 12                      | ParseInt(s, 0, 64) takes a + sign
      1_000          | 1000                    | resolve removes every _ before parsing
      1__0_          | 10                      | resolve removes every _
      _1             | `"_1"`                  | resolveTable: _ starts no number
      9223372036854775807  | 9223372036854775807  | int64
      18446744073709551615 | 18446744073709551615 | ParseUint: unsigned up to 2^64-1
      -9223372036854775809 | -9223372036854776000 | no integer: yamlStyleFloat, then Go's shortest float
      100000000000000000000 | 100000000000000000000 | float 1e20 without exponent below 1e21 (encoding/json)
      1e21           | 1.0E21                  | encoding/json writes 1e+21 from 1e21 on
      1e3            | 1000                    | yamlStyleFloat; an integral float is written without fraction
      1.0            | 1                       | encoding/json writes 1
      1.5            | 1.5                     | yamlStyleFloat
      1.             | 1                       | yamlStyleFloat takes 1.
      .5             | 0.5                     | resolveTable . : ParseFloat
      -.5            | -0.5                    | yamlStyleFloat
      +.5e1          | 5                       | yamlStyleFloat
      .5_0           | `".5_0"`                | ParseFloat takes no _ without a base prefix
      1e400          | `"1e400"`               | ParseFloat overflows: a string
      1:20           | `"1:20"`                | base 60 is purposefully unsupported
      190:20:30      | `"190:20:30"`           | base 60 is purposefully unsupported
      2001-12-14     | `"2001-12-14"`          | a timestamp is kept as its text in interface{}
      2001-12-14T21:59:43.10-05:00 | `"2001-12-14T21:59:43.10-05:00"` | timestamps stay text
      .inF           | `".inF"`                | not in resolveMapList, not a ParseFloat syntax
      +.nan          | `"+.nan"`               | only .nan .NaN .NAN are NaN
      0x             | `"0x"`                  | no digits
      0b2            | `"0b2"`                 | no binary digit
      <<             | `"<<"`                  | << as a value is a string
      1Gi            | `"1Gi"`                 | a string
      'yes'          | `"yes"`                 | quoted: a string
      "on"           | `"on"`                  | quoted: a string
      !!str 12       | `"12"`                  | !!str: any text
      !!int "12"     | 12                      | a core tag resolves quoted text too
      !!float 12     | 12                      | !!float takes an integer: float 12, written 12
      !!bool yes     | true                    | !!bool resolves yes
      !!binary aGk=  | `"hi"`                  | !!binary: base64
      !!timestamp 2001-12-14 | `"2001-12-14"`  | !!timestamp keeps the text
      !local 12      | `"12"`                  | a tag go-yaml does not resolve: a string
      ! 12           | `"12"`                  | the non-specific tag: a string
      """)
  void plainScalarsAreWhatKubectlSends(String yaml, String json, String rule) throws Exception {
    assertThat(value(yaml)).as(rule).isEqualTo(JSON.readTree(json));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      yes       | true     | a bool key becomes "true" (convertToJSONableObject)
      Off       | false    | a bool key becomes "false"
      0x1F      | 31       | an int key in decimal (strconv.Itoa)
      012       | 10       | octal
      1_000     | 1000     | _ removed
      1.5       | 1.5      | a float key: FormatFloat(f, 'g', -1, 32)
      1e3       | 1000     | 'g' without exponent below 1e6
      1e6       | 1e+06    | 'g' with an exponent from 1e6 on
      0.00001   | 1e-05    | 'g' with an exponent below 1e-4
      0.0001    | 0.0001   | 'g'
      3.14159265358979 | 3.1415927 | 32-bit precision
      1e39      | .inf     | beyond float32: +Inf, named .inf
      .inf      | .inf     | named .inf
      -.Inf     | -.inf    | named -.inf
      .NaN      | .nan     | named .nan
      2001-12-14 | 2001-12-14 | a timestamp key stays text
      '1'       | 1        | quoted: a string
      """)
  void keysAreTheStringsKubectlMakesOfThem(String yaml, String key, String rule) {
    assertThat(keys(yaml + ": x\n")).as(rule).containsExactly(key);
  }

  @Test
  void aScalarAliasUsedAsAKeyIsConvertedAsAKey() {
    JsonNode document = YamlReader.read("a: &big 1e6\nb: {*big : x}\n", "test").get(0).content().orElseThrow();

    assertThat(document.get("a").asLong()).isEqualTo(1_000_000L);
    assertThat(iterable(document.get("b"))).containsExactly("1e+06");
  }

  @Test
  void keysThatBecomeTheSameStringAreDuplicates() {
    assertThatThrownBy(() -> YamlReader.read("m:\n  true: a\n  yes: b\n", "f.yaml"))
        .hasMessage("f.yaml, line 3: duplicate key 'true' (written yes) in the same mapping, as Kubernetes reads "
            + "keys — keep one of them, or quote a key that is meant as text");
    assertThatThrownBy(() -> YamlReader.read("m:\n  \"1\": a\n  0x1: b\n", "f.yaml"))
        .hasMessageContaining("line 3: duplicate key '1' (written 0x1)");
    assertThat(keys("\"yes\": a\ntrue: b\n")).containsExactly("yes", "true");
  }

  @Test
  void aNullKeyIsRefusedAsKubernetesRefusesIt() {
    assertThatThrownBy(() -> YamlReader.read("data:\n  ~: a\n", "f.yaml"))
        .hasMessage("f.yaml, line 2: a key is null (~, null or nothing), which Kubernetes refuses as a key — quote "
            + "it ('~') if it is a string, or remove the entry");
  }

  @Test
  void anUnsignedKeyBeyondInt64IsRefused() {
    assertThatThrownBy(() -> YamlReader.read("18446744073709551615: a\n", "f.yaml"))
        .hasMessage("f.yaml, line 1: the key 18446744073709551615 is an integer above 2^63-1, which Kubernetes "
            + "refuses as a key — quote it");
  }

  @Test
  void infinityAndNanValuesAreRefusedWithoutTheirText() {
    for (String value : List.of(".inf", "-.INF", ".NaN", "!!float .nan")) {
      assertThatThrownBy(() -> YamlReader.read("data:\n  k: " + value + "\n", "f.yaml")).as(value)
          .hasMessage("f.yaml, line 2: a value is infinity or NaN (a plain .inf or .nan), which JSON cannot hold, "
              + "so Kubernetes refuses the document — quote it if it is a string");
    }
  }

  @Test
  void aCoreTagThatDoesNotFitItsTextIsRefusedWithoutTheText() {
    assertThatThrownBy(() -> YamlReader.read("k: !!int secret\n", "f.yaml"))
        .hasMessage("f.yaml, line 1: a value tagged !!int is a !!str as Kubernetes reads it (go-yaml: cannot "
            + "decode it as a !!int) — fix the value or remove the tag")
        .message().doesNotContain("secret");
    assertThatThrownBy(() -> YamlReader.read("k: !!bool 1\n", "f.yaml")).hasMessageContaining("!!bool is a !!int");
    assertThatThrownBy(() -> YamlReader.read("k: !!int 1.5\n", "f.yaml")).hasMessageContaining("!!int is a !!float");
    assertThatThrownBy(() -> YamlReader.read("k: !!timestamp 2001-13-01\n", "f.yaml"))
        .hasMessageContaining("!!timestamp is a !!str");
    assertThatThrownBy(() -> YamlReader.read("k: !!binary aGk\n", "f.yaml"))
        .hasMessage("f.yaml, line 1: a value tagged !!binary is not base64 — fix the value or remove the tag");
  }

  @Test
  void mergeKeysStillMerge() {
    JsonNode document = YamlReader.read("base: &b {x: 1}\nm:\n  <<: *b\n  z: 2\n\"<<\": z\n", "test").get(0)
        .content().orElseThrow();

    assertThat(document.get("m").toString()).isEqualTo("{\"x\":1,\"z\":2}");
    assertThat(document.get("<<").asText()).isEqualTo("z");
  }
}
