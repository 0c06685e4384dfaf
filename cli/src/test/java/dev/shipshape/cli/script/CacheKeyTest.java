package dev.shipshape.cli.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  @Test
  void aKeyIsTheSha256OfItsPartsInHexadecimal() {
    // FIPS 180-2's example: SHA-256("abc").
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertThat(CacheKey.of("abc")).isEqualTo(abc);
    MessageDigest parts = CacheKey.newDigest();
    parts.update("a".getBytes(StandardCharsets.UTF_8));
    parts.update("bc".getBytes(StandardCharsets.UTF_8));
    assertThat(CacheKey.of(parts)).isEqualTo(abc);
  }
}
