package dev.shipshape.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.testing.SharedData;
import dev.shipshape.core.testing.TestManifests;
import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.CustomResourceDefinitions;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API server, with Velero's CRDs, takes raw Schedules whose cron expression Velero refuses or never runs,
 * whose ttl Velero cannot decode and whose name no backup label can hold: only the spec's rules catch them before
 * Velero does. The schedules the rules pass are taken too, and a field of the wrong type, which the rules report
 * without checking the rest, is refused.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class RawScheduleControlPlaneTest {

  private static HasMetadata schedule(String ns, String name, String spec) {
    return Manifests.parse("apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: " + name + "\n  namespace: "
        + ns + "\nspec:\n" + spec + "  template:\n    includedNamespaces: [" + ns + "]\n    ttl: 720h\n").get(0);
  }

  @Test
  void theApiServerTakesWhatTheScheduleRulesReport(KubernetesClient client) {
    CustomResourceDefinitions.install(client, SharedData.require("k8s-reference/crds/velero"));
    String ns = "velero-sched-" + System.nanoTime() % 100_000;
    TestNamespaces.create(client, ns);
    String longName = "s-" + "x".repeat(62);
    List<HasMetadata> reported = List.of(
        schedule(ns, "sunday-seven", "  schedule: 0 2 * * 1,7\n"),
        schedule(ns, "offset-zone", "  schedule: CRON_TZ=+02:00 0 2 * * *\n"),
        schedule(ns, "never", "  schedule: 0 0 31 2 *\n"),
        schedule(ns, "block", "  schedule: |\n    @every 6h\n"),
        schedule(ns, "star-range", "  schedule: 15 *-5 * * *\n"),
        Manifests.parse("apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: days\n  namespace: " + ns
            + "\nspec:\n  schedule: 45 3 * * *\n  template:\n    ttl: 30d\n").get(0),
        schedule(ns, longName, "  schedule: 30 4 * * *\n"));
    List<HasMetadata> passed = List.of(
        schedule(ns, "nightly", "  schedule: CRON_TZ=Europe/Berlin 0 2 * * MON-FRI\n  paused: true\n"),
        schedule(ns, "hourly", "  schedule: '@every 1h'\n"),
        schedule(ns, "weekdays", "  schedule: TZ=Etc/GMT-2 10 1 * * 1-5\n"));
    List<HasMetadata> all = new ArrayList<>(reported);
    all.addAll(passed);
    for (HasMetadata s : all) {
      assertThat(client.resource(s).dryRun().create().getMetadata().getName()).isEqualTo(s.getMetadata().getName());
    }

    String at = "[resources] Schedule.velero.io " + ns + "/";
    ClusterSpec spec = ClusterSpec.builder().name("prod").resource(TestManifests.namespace(ns))
        .resource(all.toArray(HasMetadata[]::new)).preExistingCrd(Velero.CRDS).build();
    assertThat(Fixtures.problems(spec)).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
        "ERROR " + at + "sunday-seven spec.schedule",
        "ERROR " + at + "offset-zone spec.schedule",
        "ERROR " + at + "never spec.schedule",
        "ERROR " + at + "block spec.schedule",
        "ERROR " + at + "days spec.template.ttl",
        "ERROR " + at + longName + " metadata.name",
        "WARNING " + at + "star-range spec.schedule");
    ClusterSpec clean = ClusterSpec.builder().name("prod").resource(TestManifests.namespace(ns))
        .resource(passed.toArray(HasMetadata[]::new)).preExistingCrd(Velero.CRDS).build();
    assertThat(Fixtures.problems(clean)).isEmpty();

    HasMetadata misfit = schedule(ns, "misfit", "  schedule: 0 3 * * *\n  paused: 'yes'\n");
    assertThatThrownBy(() -> client.resource(misfit).dryRun().create()).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.paused");
    assertThat(Fixtures.problems(ClusterSpec.builder().name("prod").resource(TestManifests.namespace(ns), misfit)
        .preExistingCrd(Velero.CRDS).build())).singleElement().asString()
        .startsWith("ERROR " + at + "misfit spec.paused: does not have the type");
  }
}
