package dev.shipshape.security.etcd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.GoDuration;
import dev.shipshape.core.Manifests;

/** Writes an {@link EncryptionConfiguration} as the file the API server reads, checked or not. */
final class EncryptionFile {
  private EncryptionFile() {}

  static String render(EncryptionConfiguration config) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", "apiserver.config.k8s.io/v1").put("kind", "EncryptionConfiguration");
    ArrayNode entries = root.putArray("resources");
    for (ResourceEncryption r : config.resources()) {
      ObjectNode entry = entries.addObject();
      r.resources().forEach(entry.putArray("resources")::add);
      ArrayNode providers = entry.putArray("providers");
      for (EncryptionProvider p : r.providers()) {
        ObjectNode body = providers.addObject().putObject(p.type().field());
        if (p.type().hasKeys()) {
          ArrayNode keys = body.putArray("keys");
          p.keys().forEach(k -> keys.addObject().put("name", k.name()).put("secret", k.secret()));
        } else if (p.type() == EncryptionProvider.Type.KMS) {
          body.put("apiVersion", "v2").put("name", p.kmsName().orElse(""))
              .put("endpoint", p.kmsEndpoint().orElse("")).put("timeout", GoDuration.format(p.kmsTimeout()));
        }
      }
    }
    // Core's writer quotes strings that YAML would read as numbers or booleans (a namespace named 2024).
    return Manifests.toYaml(root);
  }
}
