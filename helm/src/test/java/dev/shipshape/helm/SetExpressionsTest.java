package dev.shipshape.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --set} and {@code --set-string} expressions render the values Helm gives them. */
class SetExpressionsTest {
  /**
   * A chart whose ConfigMap shows the values as JSON, the kind of each top-level value, the kinds of two nested
   * integers, and {@code n} as a template prints it. Its defaults: {@code gone: default}, {@code list: [p, q, r]}.
   */
  private static final Path CHART = Path.of(URI.create(String.valueOf(
      SetExpressionsTest.class.getResource("/charts/sets/Chart.yaml")))).getParent();

  /** The data of the values chart rendered by {@code chart}. */
  private static Map<String, String> rendered(HelmChart chart) {
    return chart.compile(null).stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .findFirst().orElseThrow().getData();
  }

  private HelmChart.Builder chart() {
    return HelmChart.directory(CHART).release("sets");
  }

  @Test
  void aValueGivenWithItsPathIsOneScalarWhateverItHolds() {
    Map<String, String> data = rendered(chart().set("msg", "a,b=c\\d").set("braces", "{x,y}").set("port", 8080)
        .setSecret("password", "p,w{}").build());

    assertThat(data.get("values")).contains("\"msg\":\"a,b=c\\\\d\"", "\"braces\":\"{x,y}\"", "\"port\":8080",
        "\"password\":\"p,w{}\"");
    assertThat(data.get("kinds")).contains("port=int64");
  }

  @Test
  void aValueInBracesIsAList() {
    assertThat(rendered(chart().set("nums={1,abc}").build()))
        .containsEntry("values", "{\"gone\":\"default\",\"list\":[\"p\",\"q\",\"r\"],\"nums\":[1,\"abc\"]}");
  }

  @Test
  void commasSeparateAssignments() {
    assertThat(rendered(chart().set("a.b=x,a.c=y").build()))
        .containsEntry("values", "{\"a\":{\"b\":\"x\",\"c\":\"y\"},\"gone\":\"default\",\"list\":[\"p\",\"q\",\"r\"]}");
  }

  @Test
  void anIndexSetsAListItemAndTheListReplacesTheChartsDefault() {
    assertThat(rendered(chart().set("hosts[0]=a,hosts[1]=b,list[1]=Q").build())).containsEntry("values",
        "{\"gone\":\"default\",\"hosts\":[\"a\",\"b\"],\"list\":[null,\"Q\"]}");
  }

  @Test
  void aBackslashEscapesACommaOrADot() {
    assertThat(rendered(chart().set("nodeSelector.kubernetes\\.io/os", "linux").set("msg=a\\,b").build()))
        .containsEntry("values", "{\"gone\":\"default\",\"list\":[\"p\",\"q\",\"r\"],\"msg\":\"a,b\","
            + "\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"}}");
  }

  @Test
  void nullDeletesAKeyOfTheChartsDefaults() {
    assertThat(rendered(chart().set("gone=null,kept=1").build()))
        .containsEntry("values", "{\"kept\":1,\"list\":[\"p\",\"q\",\"r\"]}");
  }

  @Test
  void integersAreInt64AndOtherValuesAreTypedAsHelmTypesThem() {
    Map<String, String> data = rendered(chart().set("n=12345678,big=12345678901234567890,lead=0123,t=TRUE,"
        + "v=1.5").set("ports={8080,http},labels.app\\.kubernetes\\.io/port=9090").build());

    assertThat(data).containsEntry("printed", "12345678").containsEntry("port0", "int64").containsEntry("label", "int64")
        .containsEntry("kinds", "big=string gone=string labels=map lead=string list=slice n=int64 ports=slice "
            + "t=bool v=string ");
    assertThat(data.get("values")).contains("\"big\":\"12345678901234567890\"", "\"lead\":\"0123\"",
        "\"t\":true", "\"v\":\"1.5\"", "\"ports\":[8080,\"http\"]", "\"labels\":{\"app.kubernetes.io/port\":9090}");
  }

  @Test
  void setStringKeepsStringsAndComesAfterEverySet() {
    Map<String, String> data = rendered(chart().setString("n=0123,port=80,flag=true").set("port=81").build());

    assertThat(data).containsEntry("printed", "0123").containsEntry("kinds",
        "flag=string gone=string list=slice n=string port=string ");
    assertThat(data.get("values")).contains("\"port\":\"80\"");
  }

  @Test
  void anExpressionThatIsNotValidIsOneProblemNamingWhereButNotTheValues() {
    HelmChart chart = chart().set("image.tag=1.8.2").set("a.b").setSecret("db.password[x]", "hunter2,tok3n").build();
    ClusterSpec spec = ClusterSpec.builder().name("helm").component(chart).build();

    assertThatThrownBy(spec::plan).isInstanceOfSatisfying(SpecValidationException.class, e -> {
      assertThat(e.errors()).extracting(p -> p.field().orElse("") + ": " + p.message()).containsExactly(
          "values[1]: --set #2 is not valid at its end: the key has no value",
          "values[2]: secret --set #3 is not valid at character 14: the list index is not a number");
      assertThat(e.errors()).extracting(Problem::fix).first().isEqualTo("write PATH=VALUE assignments separated by "
          + "',', such as image.tag=1.8.2,hosts={a,b}; write \\, \\. or \\\\ for a literal ',', '.' or '\\'");
      assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("tok3n");
    });
  }
}
