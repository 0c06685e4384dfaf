package dev.shipshape.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.ApiBoundaries;
import dev.shipshape.security.rbac.RbacProfile;
import org.junit.jupiter.api.Test;

/** Engines in internal packages stay internal: see {@link ApiBoundaries}. */
class ApiBoundariesTest {

  @Test
  void internalPackagesStayInternal() {
    assertThat(ApiBoundaries.violations(RbacProfile.class, "dev.shipshape.security")).isEmpty();
  }
}
