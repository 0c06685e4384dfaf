package dev.shipshape.networking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.testing.ApiBoundaries;
import dev.shipshape.core.testing.ModuleBoundaries;
import dev.shipshape.networking.policy.NetworkPolicySet;
import org.junit.jupiter.api.Test;

/** Engines in internal packages stay internal: see {@link ApiBoundaries} and {@link ModuleBoundaries}. */
class ApiBoundariesTest {

  @Test
  void internalPackagesStayInternal() {
    assertThat(ApiBoundaries.violations(NetworkPolicySet.class, "dev.shipshape.networking")).isEmpty();
  }

  @Test
  void moduleExportsExactlyItsApiPackages() {
    assertThat(ModuleBoundaries.violations(NetworkPolicySet.class)).isEmpty();
  }
}
