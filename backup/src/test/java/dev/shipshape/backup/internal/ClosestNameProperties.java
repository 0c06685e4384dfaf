package dev.shipshape.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Names;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The closest name of a key list: a key typed in another case, or with one letter dropped, finds the key. */
class ClosestNameProperties {
  private static final List<String> KEYS = List.of("region", "s3Url", "publicUrl", "kmsKeyId",
      "customerKeyEncryptionFile", "s3ForcePathStyle", "signatureVersion", "credentialsFile", "profile",
      "serverSideEncryption", "insecureSkipTLSVerify", "enableSharedConfig", "tagging", "checksumAlgorithm", "bucket",
      "prefix", "caCert");

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.of(KEYS);
  }

  @Property
  void aKeyInAnotherCaseFindsItself(@ForAll("keys") String key, @ForAll boolean upper) {
    String typed = upper ? key.toUpperCase(Locale.ROOT) : key.toLowerCase(Locale.ROOT);
    assertThat(ClosestName.to(typed, KEYS)).contains(key);
  }

  @Property
  void aKeyMissingOneLetterFindsItselfOrNoneWhenAnotherIsAsClose(@ForAll("keys") String key,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    int at = where % key.length();
    String typed = key.substring(0, at) + key.substring(at + 1);
    boolean tie = KEYS.stream().filter(k -> !k.equals(key))
        .anyMatch(k -> Names.editDistance(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT)) <= 1);
    assertThat(ClosestName.to(typed, KEYS)).isEqualTo(tie ? Optional.empty() : Optional.of(key));
  }
}
