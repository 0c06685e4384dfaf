package dev.shipshape.security.etcd;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of an EncryptionConfiguration: what the API server refuses when it reads the file, and two rules of
 * our own (identity first without {@link EncryptionConfiguration#plaintextAcknowledged()}, a key name used twice in
 * one provider). Messages name keys, never their secrets.
 */
final class EncryptionChecks {
  private EncryptionChecks() {}

  static List<Problem> check(EncryptionConfiguration config) {
    List<Problem> problems = new ArrayList<>();
    if (config.resources().isEmpty()) {
      problems.add(error("resources", "is empty, so nothing is encrypted",
          "encrypt at least secrets: .encrypt(List.of(\"secrets\"), EncryptionProvider.aesgcm(\"key1\"))"));
    }
    EncryptedResourceChecks.check(config.resources(), problems);
    Map<String, String> kmsNames = new HashMap<>();
    for (int i = 0; i < config.resources().size(); i++) {
      ResourceEncryption r = config.resources().get(i);
      String at = "resources[" + i + "]";
      if (r.resources().isEmpty()) problems.add(error(at + ".resources", "is empty", "name resources such as"
          + " secrets"));
      if (r.providers().isEmpty()) {
        problems.add(error(at + ".providers", "is empty", "add a provider such as EncryptionProvider.aesgcm(...)"));
        continue;
      }
      if (r.providers().get(0).type() == EncryptionProvider.Type.IDENTITY && !config.plaintextAcknowledged()) {
        problems.add(error(at + ".providers[0]", "identity is first, so new writes of " + r.resources()
                + " are stored unencrypted",
            "put an encrypting provider (aesgcm, aescbc, secretbox or kms) first and keep identity last to read"
                + " data written before encryption; or set plaintextAcknowledged(true) to decrypt on purpose"));
      }
      for (int j = 0; j < r.providers().size(); j++) {
        provider(r.providers().get(j), at + ".providers[" + j + "]", kmsNames, problems);
      }
    }
    return problems;
  }

  private static void provider(EncryptionProvider p, String at, Map<String, String> kmsNames,
      List<Problem> problems) {
    if (p.type().hasKeys()) {
      if (p.keys().isEmpty()) problems.add(error(at + ".keys", p.type().field() + " has no key",
          "generate one with EncryptionKey.generate(name, 32)"));
      Set<String> names = new HashSet<>();
      for (int k = 0; k < p.keys().size(); k++) {
        EncryptionKey key = p.keys().get(k);
        String field = at + ".keys[" + k + "]";
        if (key.name().isEmpty()) problems.add(error(field + ".name", "is empty", "name the key, such as key1"));
        if (!names.add(key.name())) {
          problems.add(error(field + ".name", "key name '" + key.name() + "' is used twice", "give each key its"
              + " own name; the name is stored with the data to find the key"));
        }
        int length = key.length();
        boolean secretbox = p.type() == EncryptionProvider.Type.SECRETBOX;
        boolean valid = secretbox ? length == 32 : length == 16 || length == 24 || length == 32;
        if (length < 0) {
          problems.add(error(field + ".secret", "key '" + key.name() + "' is not valid base64",
              "encode 32 random bytes: head -c 32 /dev/urandom | base64, or use EncryptionKey.generate"));
        } else if (!valid) {
          problems.add(error(field + ".secret", "key '" + key.name() + "' is " + length + " bytes; "
                  + p.type().field() + " needs " + (secretbox ? "32 bytes" : "16, 24 or 32 bytes"),
              "use a 32-byte key from EncryptionKey.generate(name, 32)"));
        }
      }
    } else if (!p.keys().isEmpty()) {
      problems.add(error(at + ".keys", p.type().field() + " takes no keys", "remove the keys"));
    }
    if (p.type() == EncryptionProvider.Type.KMS) {
      String name = p.kmsName().orElse("");
      if (name.isEmpty()) {
        problems.add(error(at + ".name", "the KMS provider has no name", "name the plugin, such as my-kms"));
      } else if (name.contains(":")) {
        problems.add(error(at + ".name", "KMS provider name '" + name + "' contains ':', which the API server"
            + " refuses (the name is stored with the data)", "name it without ':', such as "
            + name.replace(':', '-')));
      } else {
        String first = kmsNames.putIfAbsent(name, at);
        if (first != null) {
          problems.add(error(at + ".name", "KMS provider name '" + name + "' is used by " + first + " too; the"
              + " API server needs a name per provider", "give each provider its own name, such as " + name
              + "-2"));
        }
      }
      if (p.kmsTimeout().isNegative() || p.kmsTimeout().isZero()) {
        problems.add(error(at + ".timeout", "the KMS timeout must be positive, not " + p.kmsTimeout(),
            "leave the default of 3 seconds, or give a positive duration"));
      }
      if (p.kmsEndpoint().filter(e -> e.startsWith("unix://")).isEmpty()) {
        problems.add(error(at + ".endpoint", "the KMS endpoint must be a unix socket (unix:///path)",
            "give the plugin's socket, such as unix:///var/run/kms-plugin/socket.sock"));
      }
    }
  }

  private static Problem error(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).field(field).message(message).fix(fix).build();
  }
}
