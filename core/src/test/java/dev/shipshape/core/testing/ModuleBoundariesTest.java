package dev.shipshape.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleBoundariesTest {

  @Test
  void reportsEveryBoundaryABadDescriptorBreaks() {
    ModuleDescriptor bad = ModuleDescriptor.newOpenModule("dev.shipshape.bad")
        .exports("dev.shipshape.bad")
        .exports("dev.shipshape.bad.engine.internal")
        .exports("dev.shipshape.bad.internal", Set.of("dev.shipshape.other"))
        .packages(Set.of("dev.shipshape.bad.api", "dev.shipshape.bad.hidden"))
        .build();

    assertThat(ModuleBoundaries.violations(bad, Set.of("dev.shipshape.bad", "dev.shipshape.bad.api",
        "dev.shipshape.bad.engine.internal"))).containsExactly(
        "module dev.shipshape.bad does not export dev.shipshape.bad.api, which holds public types: add 'exports"
            + " dev.shipshape.bad.api;' to its module-info.java, or move the types to an internal package if they"
            + " are not API",
        "module dev.shipshape.bad exports dev.shipshape.bad.engine.internal, an internal package: remove the"
            + " 'exports' (other modules must not use engines)",
        "module dev.shipshape.bad exports dev.shipshape.bad.internal to [dev.shipshape.other], an internal"
            + " package: remove the 'exports' (other modules must not use engines)",
        "module dev.shipshape.bad is open, which opens its internal packages to deep reflection by everyone:"
            + " declare it 'module', and open only the packages a library must reflect on with 'opens <package> to"
            + " <module>'");
  }

  @Test
  void reportsAnInternalPackageOpenedToEveryone() {
    ModuleDescriptor bad = ModuleDescriptor.newModule("dev.shipshape.bad")
        .exports("dev.shipshape.bad")
        .opens("dev.shipshape.bad.internal")
        .opens("dev.shipshape.bad.json.internal", Set.of("com.fasterxml.jackson.databind"))
        .build();

    assertThat(ModuleBoundaries.violations(bad, Set.of("dev.shipshape.bad", "dev.shipshape.bad.internal")))
        .containsExactly("module dev.shipshape.bad opens dev.shipshape.bad.internal to everyone, an internal"
            + " package: open it only to the module that reflects on it ('opens dev.shipshape.bad.internal to"
            + " <module>;')");
  }

  @Test
  void aModuleThatExportsExactlyItsApiPackagesPasses() {
    ModuleDescriptor good = ModuleDescriptor.newModule("dev.shipshape.good")
        .exports("dev.shipshape.good")
        .packages(Set.of("dev.shipshape.good.internal", "dev.shipshape.good.docs"))
        .build();

    assertThat(ModuleBoundaries.violations(good, Set.of("dev.shipshape.good", "dev.shipshape.good.internal")))
        .isEmpty();
  }

  @Test
  void coreExportsExactlyItsApiPackages() {
    assertThat(ModuleBoundaries.violations(ClusterSpec.class)).isEmpty();
  }
}
