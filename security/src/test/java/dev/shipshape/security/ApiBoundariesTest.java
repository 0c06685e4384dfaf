package dev.shipshape.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.ApiBoundaries;
import dev.shipshape.core.testing.ModuleBoundaries;
import dev.shipshape.security.rbac.RbacProfile;
import org.junit.jupiter.api.Test;

/** Engines in internal packages stay internal: see {@link ApiBoundaries} and {@link ModuleBoundaries}. */
class ApiBoundariesTest {

  @Test
  void internalPackagesStayInternal() {
    assertThat(ApiBoundaries.violations(RbacProfile.class, "dev.shipshape.security")).isEmpty();
  }

  @Test
  void moduleExportsExactlyItsApiPackages() {
    assertThat(ModuleBoundaries.violations(RbacProfile.class)).isEmpty();
  }
}
