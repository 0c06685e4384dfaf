package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.ApiBoundaries;
import org.junit.jupiter.api.Test;

/** Engines in internal packages stay internal: see {@link ApiBoundaries}. */
class ApiBoundariesTest {

  @Test
  void internalPackagesStayInternal() {
    assertThat(ApiBoundaries.violations(Shipshape.class, "dev.shipshape.cli")).isEmpty();
  }
}
