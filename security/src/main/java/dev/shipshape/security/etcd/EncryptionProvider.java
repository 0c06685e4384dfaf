package dev.shipshape.security.etcd;

import dev.shipshape.core.ShipshapeStyle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One provider of an {@link EncryptionConfiguration} resource list ("Encrypting Confidential Data at Rest" in the
 * Kubernetes documentation). The first provider encrypts new writes; every provider is tried, in order, to
 * decrypt. Key sizes: aescbc and aesgcm take 16, 24 or 32-byte keys, secretbox a 32-byte key.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class EncryptionProvider {

  /** The provider types the API server knows. */
  public enum Type {
    AESCBC("aescbc"),
    AESGCM("aesgcm"),
    SECRETBOX("secretbox"),
    KMS("kms"),
    IDENTITY("identity");

    private final String field;

    Type(String field) {
      this.field = field;
    }

    /** The provider's field name in the configuration file. */
    public String field() {
      return field;
    }

    /** True for providers that hold keys in the configuration. */
    public boolean hasKeys() {
      return this == AESCBC || this == AESGCM || this == SECRETBOX;
    }
  }

  public abstract Type type();

  /** Keys, the first encrypting; for aescbc, aesgcm and secretbox. */
  public abstract List<EncryptionKey> keys();

  /** The KMS plugin's name (kms only). */
  public abstract Optional<String> kmsName();

  /** The KMS plugin's gRPC endpoint, such as {@code unix:///var/run/kms.sock} (kms only). */
  public abstract Optional<String> kmsEndpoint();

  /** The KMS call timeout (kms only). By default, 3 seconds. */
  @Value.Default
  public Duration kmsTimeout() {
    return Duration.ofSeconds(3);
  }

  public static Builder builder() {
    return ImmutableEncryptionProvider.builder();
  }

  /** AES-GCM with a new random 32-byte key; rotate its keys at least every 200k writes per the documentation. */
  public static EncryptionProvider aesgcm(String keyName) {
    return builder().type(Type.AESGCM).addKeys(EncryptionKey.generate(keyName, 32)).build();
  }

  /** AES-CBC with a new random 32-byte key. */
  public static EncryptionProvider aescbc(String keyName) {
    return builder().type(Type.AESCBC).addKeys(EncryptionKey.generate(keyName, 32)).build();
  }

  /** XSalsa20 and Poly1305 with a new random 32-byte key. */
  public static EncryptionProvider secretbox(String keyName) {
    return builder().type(Type.SECRETBOX).addKeys(EncryptionKey.generate(keyName, 32)).build();
  }

  /** A KMS v2 plugin: the API server asks it to wrap per-write data keys. */
  public static EncryptionProvider kmsV2(String name, String endpoint) {
    return builder().type(Type.KMS).kmsName(name).kmsEndpoint(endpoint).build();
  }

  /** No encryption: writes plain text; reads plain text. */
  public static EncryptionProvider identity() {
    return builder().type(Type.IDENTITY).build();
  }

  /** Key names and types only; secrets never appear. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(type().field());
    if (!keys().isEmpty()) {
      text.append(" keys ");
      keys().forEach(k -> text.append(k.name()).append(' '));
    }
    kmsName().ifPresent(n -> text.append(" plugin ").append(n));
    return text.toString().trim();
  }

  /** Builds {@link EncryptionProvider}s. */
  public interface Builder {
    /** Starts from every attribute of {@code provider}. */
    Builder from(EncryptionProvider provider);

    Builder type(EncryptionProvider.Type type);

    Builder addKeys(EncryptionKey key);

    Builder addKeys(EncryptionKey... keys);

    /** Replaces the keys. */
    Builder keys(Iterable<? extends EncryptionKey> keys);

    Builder addAllKeys(Iterable<? extends EncryptionKey> keys);

    Builder kmsName(String kmsName);

    Builder kmsEndpoint(String kmsEndpoint);

    Builder kmsTimeout(Duration kmsTimeout);

    EncryptionProvider build();
  }
}
