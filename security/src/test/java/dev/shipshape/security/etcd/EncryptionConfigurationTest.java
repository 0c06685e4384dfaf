package dev.shipshape.security.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.SpecValidationException;
import java.time.Duration;
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
  void resourceNamesAreCheckedAsTheApiServerReadsThem() {
    EncryptionProvider gcm = EncryptionProvider.aesgcm("k");
    assertThatThrownBy(() -> EncryptionConfiguration.builder()
        .encrypt(List.of("Secrets", "*", "deployments.*", "x.events.k8s.io", "serviceipallocations",
            "ingresses.extensions"), gcm)
        .encrypt(List.of("secrets.", "secrets", "*.apps", "deployments.apps", "*."), gcm)
        .encrypt(List.of("configmaps", "*.apps", "widgets.example.com"), EncryptionProvider.identity(), gcm)
        .build().toYaml())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("resources[0].resources[0]: 'Secrets' has capital letters, which the API server"
            + " refuses — write it in lower case, as the API shows it: secrets")
        .hasMessageContaining("resources[0].resources[1]: '*' is not a wildcard the API server accepts — write"
            + " '*.' for every resource of the core group, or '*.*' for every resource")
        .hasMessageContaining("resources[0].resources[2]: 'deployments.*' names one resource in every group, which"
            + " the API server does not support — name it once per group, such as 'deployments' for the core group"
            + " and 'deployments.example.com' for another, or write '*.*' for every resource")
        .hasMessageContaining("resources[0].resources[3]: 'x.events.k8s.io' is in group events.k8s.io, whose"
            + " objects etcd stores as the core group's events — write 'events' instead")
        .hasMessageContaining("resources[0].resources[4]: 'serviceipallocations' has no API, so the API server"
            + " cannot encrypt it — remove it")
        .hasMessageContaining("resources[0].resources[5]: 'ingresses.extensions' is in the removed group"
            + " extensions, which the API server refuses for encryption — name the resource in its current group,"
            + " such as deployments.apps or ingresses.networking.k8s.io")
        .hasMessageContaining("resources[1].resources[1]: 'secrets' names the same resource as"
            + " resources[1].resources[0] ('secrets.'), which the API server refuses — list it once")
        .hasMessageContaining("resources[1].resources[3]: 'deployments.apps' is also covered by '*.apps'"
            + " (resources[1].resources[2]); the API server refuses overlapping names in one list — keep only"
            + " '*.apps', or move 'deployments.apps' to an entry of its own before this one")
        .hasMessageContaining("resources[1].resources[0]: 'secrets.' is also covered by '*.'")
        .hasMessageContaining("resources[2].resources[0]: 'configmaps' is masked by '*.' of the earlier"
            + " resources[1].resources[4], which decides its encryption; the API server refuses this — remove it"
            + " here, or move this entry before the one of '*.'")
        .hasMessageContaining("resources[2].resources[1]: '*.apps' is masked by '*.apps' of the earlier"
            + " resources[1].resources[2]")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("resources[2].resources[2]",
            "resources[1].resources[2]: '*.apps'", "resources[1].resources[4]: '*.'"));
    assertThat(EncryptionConfiguration.builder()
        .encrypt(List.of("secrets", "events", "events.k8s.io"), gcm)
        .encrypt(List.of("*.", "*.apps"), gcm)
        .encrypt(List.of("*.*"), gcm)
        .build().toYaml()).contains("- '*.*'");
  }

  @Test
  void kmsProvidersNeedDistinctNamesWithoutColonsAndAPositiveTimeout() {
    assertThatThrownBy(() -> EncryptionConfiguration.builder()
        .encrypt(List.of("secrets"), EncryptionProvider.kmsV2("vault", "unix:///kms.sock"))
        .encrypt(List.of("configmaps"), EncryptionProvider.builder().from(EncryptionProvider.kmsV2("vault",
            "unix:///kms.sock")).kmsTimeout(Duration.ZERO).build())
        .encrypt(List.of("widgets.example.com"), EncryptionProvider.kmsV2("vault:2", "unix:///kms.sock"))
        .build().toYaml())
        .isInstanceOf(SpecValidationException.class)
        .hasMessageContaining("resources[1].providers[0].name: KMS provider name 'vault' is used by"
            + " resources[0].providers[0] too; the API server needs a name per provider — give each provider its"
            + " own name, such as vault-2")
        .hasMessageContaining("resources[1].providers[0].timeout: the KMS timeout must be positive, not PT0S")
        .hasMessageContaining("resources[2].providers[0].name: KMS provider name 'vault:2' contains ':', which the"
            + " API server refuses (the name is stored with the data) — name it without ':', such as vault-2");
    assertThat(EncryptionConfiguration.builder().encrypt(List.of("secrets"), EncryptionProvider.builder()
            .from(EncryptionProvider.kmsV2("vault", "unix:///kms.sock")).kmsTimeout(Duration.ofMillis(1500)).build())
        .build().toYaml()).contains("timeout: 1.5s");
  }

  @Test
  void keysAreBase64AsTheApiServerDecodesIt() {
    String padded = EncryptionKey.generate("k", 32).secret();
    assertThat(padded).endsWith("=");
    assertThat(EncryptionKey.of("k", padded.substring(0, padded.length() - 1)).length()).isEqualTo(-1);
    assertThat(EncryptionKey.of("k", padded + "\n").length()).isEqualTo(32);
    assertThat(EncryptionKey.of("k", padded.substring(0, 20) + "\r\n" + padded.substring(20)).length())
        .isEqualTo(32);
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
