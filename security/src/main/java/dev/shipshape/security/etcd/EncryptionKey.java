package dev.shipshape.security.etcd;

import dev.shipshape.core.ShipshapeStyle;
import java.security.SecureRandom;
import java.util.Base64;
import org.immutables.value.Value;

/**
 * A named encryption key of an {@link EncryptionProvider}: the base64 text the API server reads. The secret is
 * redacted from {@code toString()} and never appears in messages.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class EncryptionKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Value.Parameter
  public abstract String name();

  /** The key, base64-encoded. */
  @Value.Parameter
  @Value.Redacted
  public abstract String secret();

  /** A key from base64 text, such as the output of {@code head -c 32 /dev/urandom | base64}. */
  public static EncryptionKey of(String name, String base64Secret) {
    return ImmutableEncryptionKey.of(name, base64Secret);
  }

  /** A fresh random key of {@code bytes} bytes from a {@link SecureRandom}. */
  public static EncryptionKey generate(String name, int bytes) {
    byte[] key = new byte[bytes];
    RANDOM.nextBytes(key);
    return of(name, Base64.getEncoder().encodeToString(key));
  }

  /**
   * The decoded key length in bytes, or -1 when the secret is not base64 as the API server reads it: standard
   * base64 with its padding, line breaks ignored (Go's {@code base64.StdEncoding}, stricter than Java's decoder
   * about padding).
   */
  public int length() {
    String text = secret().replace("\r", "").replace("\n", "");
    if (text.length() % 4 != 0) return -1;
    try {
      return Base64.getDecoder().decode(text).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
