package dev.shipshape.helm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expressions read as Helm's strvals reads them; the expected values are those Helm's own parser gives. */
class SetParserTest {

  private static Map<String, Object> parse(String expression) {
    Map<String, Object> values = new LinkedHashMap<>();
    SetParser.parseInto(expression, values, false);
    return values;
  }

  private static List<Object> list(Object... items) {
    return Arrays.asList(items);
  }

  @Test
  void commasSeparateAssignmentsAndDotsNestMaps() {
    assertThat(parse("a.b=x,a.c=y,d.e.f=z")).isEqualTo(Map.of("a", Map.of("b", "x", "c", "y"),
        "d", Map.of("e", Map.of("f", "z"))));
    assertThat(parse("a=b=c")).isEqualTo(Map.of("a", "b=c"));
  }

  @Test
  void bracesMakeAListOfTypedItems() {
    assertThat(parse("nums={1,abc}")).isEqualTo(Map.of("nums", list(1L, "abc")));
    assertThat(parse("l={a,null,TRUE,0,00,-5,+7}")).isEqualTo(Map.of("l", list("a", null, true, 0L, "00", -5L, 7L)));
    assertThat(parse("empty={}")).isEqualTo(Map.of("empty", list("")));
    assertThat(parse("a={1}b=2")).isEqualTo(Map.of("a", list(1L), "b", 2L));
  }

  @Test
  void indexesSetListItemsAndGrowTheListWithNulls() {
    assertThat(parse("hosts[1]=b")).isEqualTo(Map.of("hosts", list(null, "b")));
    assertThat(parse("servers[0].port=80,servers[0].host=x"))
        .isEqualTo(Map.of("servers", list(Map.of("port", 80L, "host", "x"))));
    assertThat(parse("m[0][1]=z")).isEqualTo(Map.of("m", list(list(null, "z"))));
    assertThat(parse("a[0]=1,a[2]=3,a[1].b=2")).isEqualTo(Map.of("a", list(1L, Map.of("b", 2L), 3L)));
    assertThat(parse("a[01]=x,b[+1]=y")).isEqualTo(Map.of("a", list(null, "x"), "b", list(null, "y")));
  }

  @Test
  void aBackslashTakesTheNextCharacterAsItIs() {
    assertThat(parse("nodeSelector.kubernetes\\.io/os=linux,msg=a\\,b\\\\c"))
        .isEqualTo(Map.of("nodeSelector", Map.of("kubernetes.io/os", "linux"), "msg", "a,b\\c"));
    assertThat(parse("l={a\\,b,c\\}d}")).isEqualTo(Map.of("l", list("a,b", "c}d")));
  }

  @Test
  void valuesAreTypedAsHelmTypesThem() {
    assertThat(parse("n=12345678,big=12345678901234567890,max=9223372036854775807,zero=0,minus0=-0,lead=0123,"
        + "neg=-5,t=TRUE,f=False,v=1.5,e=,u=1_000,gone=null,word=yes"))
        .containsEntry("n", 12345678L).containsEntry("big", "12345678901234567890")
        .containsEntry("max", Long.MAX_VALUE).containsEntry("zero", 0L).containsEntry("minus0", 0L)
        .containsEntry("lead", "0123").containsEntry("neg", -5L).containsEntry("t", true).containsEntry("f", false)
        .containsEntry("v", "1.5").containsEntry("e", "").containsEntry("u", "1_000").containsEntry("gone", null)
        .containsEntry("word", "yes").hasSize(14);
  }

  @Test
  void setStringKeepsEveryValueAString() {
    Map<String, Object> values = new LinkedHashMap<>();
    SetParser.parseInto("n=5,t=true,gone=null,l={1,false}", values, true);

    assertThat(values).isEqualTo(Map.of("n", "5", "t", "true", "gone", "null", "l", list("1", "false")));
  }

  @Test
  void laterAssignmentsChangeWhatEarlierOnesSet() {
    Map<String, Object> values = new LinkedHashMap<>();
    SetParser.parseInto("a.b=1,l={x,y}", values, false);
    SetParser.parseInto("a.c=2,l[1]=z,a.b=null", values, false);

    Map<String, Object> a = new LinkedHashMap<>();
    a.put("b", null);
    a.put("c", 2L);
    assertThat(values).isEqualTo(Map.of("a", a, "l", list("x", "z")));
  }

  @Test
  void helmsQuirksAreKept() {
    assertThat(parse("=1")).isEmpty();
    assertThat(parse("x=1,a.")).isEqualTo(Map.of("x", 1L));
    assertThat(parse("a[1")).isEmpty();
    assertThat(parse("a[0]")).isEqualTo(Map.of("a", list()));
    assertThat(parse("a.=")).isEmpty();
    assertThat(parse("a.b=,c[0]=")).isEqualTo(Map.of("a", Map.of("b", ""), "c", list("")));
    assertThat(parse("a=x\\")).isEqualTo(Map.of("a", "x"));
    assertThat(parse("a[0].b=1,a[0]=5,a[0].c=2")).isEqualTo(Map.of("a", list(Map.of("c", 2L))));
  }

  @Test
  void anExpressionHelmRefusesNamesWhereAndWhyButQuotesNothing() {
    assertError("a.b", 0, "the key has no value");
    assertError("a=1,b", 0, "the key has no value");
    assertError(",a=1", 1, "the key before ',' has no value");
    assertError("a..b=1", 0, "the key before '.' has no value");
    assertError("a={1,2", 0, "the list has no closing '}'");
    assertError("a[x]=1", 4, "the list index is not a number");
    assertError("a[-1]=1", 5, "the list index is negative");
    assertError("a[0]x=1", 6, "unexpected text after the list index");
    assertError("a[65537]=1", 0, "the list index is greater than 65536");
    assertError("a=1,a.b=2", 6, "the path goes into a value that is not a map");
    assertError("a=null,a[0]=2", 11, "the path indexes a value that is not a list");
    assertError("a" + ".a".repeat(31) + "=1", 62, "the path is nested deeper than 30 keys");
  }

  private static void assertError(String expression, int position, String reason) {
    assertThatThrownBy(() -> parse(expression)).as(expression).isInstanceOfSatisfying(SetSyntaxException.class,
        e -> {
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.reason()).isEqualTo(reason);
        });
  }
}
