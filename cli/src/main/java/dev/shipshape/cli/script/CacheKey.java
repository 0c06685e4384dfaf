package dev.shipshape.cli.script;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names of cache entries (compiled scripts, export indexes): SHA-256 digests of what the entry depends on, in
 * hexadecimal.
 */
public final class CacheKey {
  private CacheKey() {}

  /** A new SHA-256 digest, for a key made of several parts. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /** The key of what {@code digest} was given, in hexadecimal (the digest is reset). */
  public static String of(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The key of one text (its UTF-8 bytes). */
  public static String of(String text) {
    MessageDigest digest = newDigest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return of(digest);
  }
}
