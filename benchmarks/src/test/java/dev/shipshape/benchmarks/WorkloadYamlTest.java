package dev.shipshape.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.testing.LibraryYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload's YAML, on a stream and as files, is Jackson's YAML generator's text for each object. */
class WorkloadYamlTest {
  @Test
  void theWorkloadRendersAsTheLibraryWritesIt(@TempDir Path dir) throws IOException {
    Plan plan = TenantWorkload.spec(3).plan();
    StringBuilder expected = new StringBuilder();
    for (PlannedResource r : plan.resources()) expected.append("---\n").append(LibraryYaml.object(r.object()));

    assertThat(plan.toYaml()).isEqualTo(expected.toString());
    List<Path> files = plan.writeTo(dir);
    for (int i = 0; i < plan.resources().size(); i++) {
      assertThat(Files.readString(files.get(i))).isEqualTo(LibraryYaml.object(plan.resources().get(i).object()));
    }
  }
}
