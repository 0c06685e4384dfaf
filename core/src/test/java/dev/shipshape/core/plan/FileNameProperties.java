package dev.shipshape.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ResourceRef;
import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The names of an export's files follow one rule, {@code WW-PPPP-kind-namespace-name.yaml} with every character
 * but {@code a-z0-9.-} of the stem turned into {@code _}, whatever the kind, namespace and name hold.
 */
class FileNameProperties {
  private static final Pattern OBJECT_FILE = Pattern.compile("\\d{2,}-\\d{4,}-[a-z0-9._-]*\\.yaml");

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

  @Property(tries = 2_000)
  void theShapeOfAnExportsFileNamesIsTheRegularExpressionOfIt(@ForAll("names") String name) {
    assertThat(ExportDirectory.isObjectFileName(name)).as(name).isEqualTo(OBJECT_FILE.matcher(name).matches());
  }

  @Property(tries = 200)
  void everyFileNameOfAnExportHasItsShape(@ForAll @IntRange(min = 0, max = 1_000) int wave,
      @ForAll @IntRange(min = 1, max = 200_000) int position, @ForAll String kind, @ForAll String name) {
    assertThat(ExportDirectory.isObjectFileName(Plan.fileName(wave, position,
        ResourceRef.clusterScoped("", kind, name)))).isTrue();
  }

  /** Names near the shape: digits, dashes, stem characters, others, and the suffix, in any order. */
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> part = Arbitraries.of("0", "12", "0001", "-", "a", "Z", "_", ".", "yaml", ".yaml", "/", " ",
        "é", "00-0001-", "01-0002-configmap-shop-x");
    return part.list().ofMaxSize(8).map(parts -> String.join("", parts));
  }
}
