package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The names of an export's files follow one rule, {@code WW-PPPP-kind-namespace-name.yaml} with every character
 * but {@code a-z0-9.-} of the stem turned into {@code _}, whatever the kind, namespace and name hold.
 */
class FileNameProperties {

  @Property(tries = 500)
  void aFileNameIsTheWavePositionAndStemWithForeignCharactersReplaced(
      @ForAll @IntRange(min = 0, max = 1_000) int wave, @ForAll @IntRange(min = 1, max = 200_000) int position,
      @ForAll String kind, @ForAll String namespace, @ForAll String name, @ForAll boolean namespaced) {
    ResourceRef ref = namespaced ? ResourceRef.namespaced("", kind, namespace, name) : ResourceRef.clusterScoped("", kind, name);

    String stem = kind.toLowerCase(Locale.ROOT) + (namespaced ? "-" + namespace : "") + "-" + name;
    String expected = String.format(Locale.ROOT, "%02d-%04d-%s.yaml", wave, position,
        stem.replaceAll("[^a-z0-9.-]", "_"));
    assertThat(Plan.fileName(wave, position, ref)).isEqualTo(expected);
  }
}
