package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static dev.shipshape.backup.Fixtures.tenantSpec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * A Schedule given as raw YAML has the same problems, word for word and once each, as the {@code VeleroSchedule}
 * that compiles to it, whatever its expression, ttl and pause: both are the same object to Velero.
 */
class RawScheduleEquivalenceProperties {
  private static final List<String> TTLS = List.of("", "1h", "24h", "72h", "720h", "30d", "-1h", "0s");

  @Property(tries = 40)
  void aRawScheduleHasTheProblemsOfTheBuiltOne(
      @ForAll @Size(5) List<@StringLength(min = 1, max = 3) @Chars({'0', '1', '2', '7', '*', '-', ',', '/', '?'})
          String> fields,
      @ForAll @IntRange(max = 7) int ttl, @ForAll boolean paused) {
    String cron = String.join(" ", fields);
    VeleroSchedule.Builder built = VeleroSchedule.builder().name("s").schedule(cron).namespaces("t1")
        .paused(paused);
    if (!TTLS.get(ttl).isEmpty()) built.ttl(TTLS.get(ttl));
    String yaml = "apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: s\n  namespace: velero\nspec:\n"
        + "  schedule: '" + cron + "'\n" + (paused ? "  paused: true\n" : "") + "  template:\n"
        + "    includedNamespaces: [t1]\n" + (TTLS.get(ttl).isEmpty() ? "" : "    ttl: '" + TTLS.get(ttl) + "'\n");
    List<String> fromBuilt = problems(tenantSpec().component(built.build()).build()).stream()
        .map(p -> p.replace(" [s] ", " [resources] ")).collect(Collectors.toList());
    List<String> fromRaw = problems(tenantSpec().resource(Manifests.parse(yaml).get(0)).build());
    assertThat(fromRaw).as(cron).containsExactlyElementsOf(fromBuilt).doesNotHaveDuplicates();
  }
}
