package dev.shipshape.security.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.core.GoDuration;

/** Writes an {@link EncryptionConfiguration} as the file the API server reads, checked or not. */
final class EncryptionFile {
  private EncryptionFile() {}

  static String render(EncryptionConfiguration config) {
    YAMLMapper yaml = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    ObjectNode root = yaml.createObjectNode();
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
    try {
      return yaml.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the encryption configuration", e);
    }
  }
}
