package dev.shipshape.backup;

import static dev.shipshape.backup.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.testing.TestManifests;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Bucket names built the way S3 describes them (labels of lowercase letters, digits and hyphens that begin and end
 * with a letter or digit, joined by single dots, 3 to 63 characters) plan; one uppercase letter in them is a warning
 * (only an old AWS bucket has such a name).
 */
class BucketNameProperties {
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES = List.of("--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private static ClusterSpec spec(String bucket) {
    return ClusterSpec.builder().name("prod").resource(TestManifests.namespace("velero")).preExistingCrd(Velero.CRDS)
        .component(BackupStorageLocation.builder().name("b").bucket(bucket).build()).build();
  }

  @Property(tries = 200)
  void validNamesAreAccepted(@ForAll("validBuckets") String bucket) {
    assertThat(problems(spec(bucket))).isEmpty();
  }

  @Property(tries = 200)
  void anUppercaseLetterIsTakenOnlyAsAnOldBucketsName(@ForAll("validBuckets") String bucket,
      @ForAll @IntRange(max = 62) int at, @ForAll @CharRange(from = 'A', to = 'Z') char upper) {
    int i = at % bucket.length();
    String named = bucket.substring(0, i) + upper + bucket.substring(i + 1);
    assertThat(problems(spec(named))).singleElement().asString().startsWith("WARNING [b]"
        + " BackupStorageLocation.velero.io velero/b spec.objectStorage.bucket: '" + named + "' is not a valid S3"
        + " bucket name: it has characters other than lowercase letters, digits, dots and hyphens: '" + upper + "'"
        + " for a new bucket; only buckets made in us-east-1 before 1 March 2018");
  }

  @Provide
  Arbitrary<String> validBuckets() {
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
        .ofMinLength(1).ofMaxLength(15).filter(l -> !l.startsWith("-") && !l.endsWith("-"));
    return label.list().ofMinSize(1).ofMaxSize(4).map(labels -> String.join(".", labels))
        .filter(n -> n.length() >= 3 && !n.matches("(\\d+\\.){3}\\d+"))
        .filter(n -> RESERVED_PREFIXES.stream().noneMatch(n::startsWith))
        .filter(n -> RESERVED_SUFFIXES.stream().noneMatch(n::endsWith));
  }
}
