package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class StatefulSetClaimsProperties {
  @Property
  void theOrdinalOfANameTheControllerWritesIsTheOneItWasWrittenFor(
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String template,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String set,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int ordinal) {
    String name = StatefulSetClaims.name(template, set, ordinal);
    assertThat(StatefulSetClaims.ordinal(name, template, set)).hasValue(ordinal);
  }

  @Property
  void aNameWithLeadingZerosIsNeverTheControllers(@ForAll @IntRange(min = 0, max = 99999) int ordinal) {
    assertThat(StatefulSetClaims.ordinal("data-db-0" + ordinal, "data", "db")).isEmpty();
  }

  @Example
  void namesOfAnotherShapeTemplateOrStatefulSetHaveNoOrdinal() {
    assertThat(StatefulSetClaims.name("data", "db", 2)).isEqualTo("data-db-2");
    assertThat(StatefulSetClaims.ordinal("data-db-2", "data", "db")).hasValue(2);
    assertThat(StatefulSetClaims.ordinal("data-db--1", "data", "db")).isEmpty();
    assertThat(StatefulSetClaims.ordinal("data-db-", "data", "db")).isEmpty();
    assertThat(StatefulSetClaims.ordinal("data-db-1x", "data", "db")).isEmpty();
    assertThat(StatefulSetClaims.ordinal("data-db-2147483648", "data", "db")).isEmpty();
    assertThat(StatefulSetClaims.ordinal("data-db-2147483647", "data", "db")).hasValue(Integer.MAX_VALUE);
    assertThat(StatefulSetClaims.ordinal("logs-db-0", "data", "db")).isEmpty();
    assertThat(StatefulSetClaims.ordinal("data-web-0", "data", "db")).isEmpty();
  }
}
