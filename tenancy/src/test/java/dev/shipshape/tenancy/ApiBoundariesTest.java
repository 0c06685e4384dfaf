package dev.shipshape.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.ApiBoundaries;
import dev.shipshape.core.testing.ModuleBoundaries;
import org.junit.jupiter.api.Test;

/** Engines in internal packages stay internal: see {@link ApiBoundaries} and {@link ModuleBoundaries}. */
class ApiBoundariesTest {

  @Test
  void internalPackagesStayInternal() {
    assertThat(ApiBoundaries.violations(Tenant.class, "dev.shipshape.tenancy")).isEmpty();
  }

  @Test
  void moduleExportsExactlyItsApiPackages() {
    assertThat(ModuleBoundaries.violations(Tenant.class)).isEmpty();
  }
}
