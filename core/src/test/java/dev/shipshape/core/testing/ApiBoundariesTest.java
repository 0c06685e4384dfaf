package dev.shipshape.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.boundary.mine.Api;
import org.junit.jupiter.api.Test;

class ApiBoundariesTest {

  @Test
  void reportsEveryBoundaryAFixtureBreaks() {
    String api = Api.class.getName();
    String engine = "dev.shipshape.core.testing.boundary.mine.internal.Engine";
    assertThat(ApiBoundaries.violations(Api.class, "dev.shipshape.core.testing.boundary.mine")).containsExactly(
        api + " uses dev.shipshape.core.testing.boundary.other.internal.Thing, internal to another module",
        api + "$Builder extends the generated builder dev.shipshape.core.testing.boundary.mine.ImmutableApi$Builder:"
            + " declare a Builder interface that the generated builder implements",
        api + ".count() takes " + engine + ", an internal type",
        api + ".engine() returns " + engine + ", an internal type");
  }

  @Test
  void coreKeepsItsInternalsInternal() {
    assertThat(ApiBoundaries.violations(ClusterSpec.class, "dev.shipshape.core")).isEmpty();
  }
}
