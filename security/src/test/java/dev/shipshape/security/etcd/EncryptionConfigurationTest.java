package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EncryptionConfigurationTest {

  @Test
  void rendersTheFileTheApiServerReads() {
    EncryptionKey key = EncryptionKey.of("key1", "c2VjcmV0IGlzIHNlY3VyZSwgSSB0aGluayBzbyB0b28=");
    EncryptionConfiguration config = EncryptionConfiguration.builder()
        .encrypt(List.of("secrets", "configmaps"),
            EncryptionProvider.builder().type(EncryptionProvider.Type.AESGCM).addKeys(key).build(),
            EncryptionProvider.kmsV2("vault", "unix:///var/run/kms.sock"), EncryptionProvider.identity())
        .build();
    assertThat(config.toYaml()).isEqualTo(String.join("\n",
        "apiVersion: apiserver.config.k8s.io/v1",
        "kind: EncryptionConfiguration",
        "resources:",
        "- resources:",
        "  - secrets",
        "  - configmaps",
        "  providers:",
        "  - aesgcm:",
        "      keys:",
        "      - name: key1",
        "        secret: c2VjcmV0IGlzIHNlY3VyZSwgSSB0aGluayBzbyB0b28=",
        "  - kms:",
        "      apiVersion: v2",
        "      name: vault",
        "      endpoint: unix:///var/run/kms.sock",
        "      timeout: 3s",
        "  - identity: {}",
        ""));
    assertThat(config.toString()).doesNotContain("c2VjcmV0").contains("key1");
    assertThat(key.toString()).doesNotContain("c2VjcmV0");
  }

  @Test
  void generatedKeysAreStrongAndDistinct() {
    EncryptionKey a = EncryptionKey.generate("a", 32);
    EncryptionKey b = EncryptionKey.generate("b", 32);
    assertThat(a.length()).isEqualTo(32);
    assertThat(a.secret()).isNotEqualTo(b.secret());
  }

  @Test
  void rotationPutsANewKeyFirstAndKeepsTheOld() {
    EncryptionConfiguration config = EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.aescbc("old"), EncryptionProvider.identity()).build();
    EncryptionConfiguration rotated = config.rotate("new");
    List<EncryptionKey> keys = rotated.resources().get(0).providers().get(0).keys();
    assertThat(keys).extracting(EncryptionKey::name).containsExactly("new", "old");
    assertThat(keys.get(1).secret()).isEqualTo(config.resources().get(0).providers().get(0).keys().get(0).secret());
    assertThat(keys.get(0).length()).isEqualTo(32);
    assertThat(rotated.withoutKey("old").resources().get(0).providers().get(0).keys())
        .extracting(EncryptionKey::name).containsExactly("new");
  }

  @Test
  void everyProblemIsListedWithoutTheKeys() {
    String shortKey = "c2hvcnRrZXk=";
    assertThatThrownBy(() -> EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.identity(),
            EncryptionProvider.builder().type(EncryptionProvider.Type.AESCBC)
                .addKeys(EncryptionKey.of("k", shortKey), EncryptionKey.of("k", "not base64!")).build(),
            EncryptionProvider.builder().type(EncryptionProvider.Type.SECRETBOX)
                .addKeys(EncryptionKey.generate("s", 16)).build(),
            EncryptionProvider.builder().type(EncryptionProvider.Type.KMS).kmsName("k").kmsEndpoint("tcp://x")
                .build())
        .build().toYaml())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("resources[0].providers[0]: identity is first, so new writes of [secrets] are stored"
            + " unencrypted — put an encrypting provider (aesgcm, aescbc, secretbox or kms) first")
        .hasMessageContaining("resources[0].providers[1].keys[0].secret: key 'k' is 8 bytes; aescbc needs 16, 24 or"
            + " 32 bytes — use a 32-byte key from EncryptionKey.generate(name, 32)")
        .hasMessageContaining("resources[0].providers[1].keys[1].name: key name 'k' is used twice")
        .hasMessageContaining("resources[0].providers[1].keys[1].secret: key 'k' is not valid base64")
        .hasMessageContaining("resources[0].providers[2].keys[0].secret: key 's' is 16 bytes; secretbox needs 32"
            + " bytes")
        .hasMessageContaining("resources[0].providers[3].endpoint: the KMS endpoint must be a unix socket")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
    assertThat(EncryptionConfiguration.builder().plaintextAcknowledged(true)
        .encrypt(List.of("secrets"), EncryptionProvider.identity(), EncryptionProvider.aesgcm("k")).build()
        .resources()).hasSize(1);
    assertThatThrownBy(() -> EncryptionConfiguration.builder().build().toYaml())
        .hasMessageContaining("resources: is empty, so nothing is encrypted");
  }

  @Test
  void inASpecItsProblemsAreReportedWithTheOthers() {
    ClusterSpec spec = ClusterSpec.builder().name("t").component(EncryptionConfiguration.builder().build())
        .yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: nowhere}\n").build();
    assertThatThrownBy(spec::plan).isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("resources: is empty, so nothing is encrypted")
        .hasMessageContaining("namespace 'nowhere' is neither created by the spec nor declared pre-existing");
  }

  @Property(tries = 50)
  void rotationKeepsEveryOldKeyAndStaysValid(@ForAll @AlphaChars @StringLength(min = 1, max = 10) String name) {
    EncryptionConfiguration config = EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.secretbox("first")).build();
    EncryptionConfiguration twice = config.rotate("x" + name).rotate("y" + name);
    assertThat(twice.resources().get(0).providers().get(0).keys()).extracting(EncryptionKey::name)
        .containsExactly("y" + name, "x" + name, "first");
  }
}
