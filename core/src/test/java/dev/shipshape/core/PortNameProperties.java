package dev.shipshape.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A port name is valid exactly when it is an IANA service name as RFC 6335 section 5.1 words it: 1 to 15 characters
 * of lower-case letters, digits and '-', a letter among them, '-' neither first, last nor next to another '-'.
 */
class PortNameProperties {
  /** The same rule written as one expression, independently of the checks in {@link Names}. */
  private static final Pattern IANA_SERVICE_NAME = Pattern.compile("(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*");

  @Property(tries = 2000)
  void aNameIsValidExactlyWhenItIsAnIanaServiceName(@ForAll("names") String name) {
    assertThat(Names.checkPortName(name).isEmpty()).as("'%s'", name)
        .isEqualTo(IANA_SERVICE_NAME.matcher(name).matches());
  }

  @Test
  void eachProblemIsNamed() {
    assertThat(Names.checkPortName("")).containsExactly("is empty");
    assertThat(Names.checkPortName("-Metrics_Port--9-")).containsExactly("is 17 characters long, more than 15",
        "may hold only lower-case letters, digits and '-'", "begins or ends with '-'", "has '-' twice in a row");
    assertThat(Names.checkPortName("9090")).containsExactly("has no letter");
    assertThat(Names.checkPortName("grpc-web")).isEmpty();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("ab9-_A").ofMinLength(0).ofMaxLength(18);
  }
}
