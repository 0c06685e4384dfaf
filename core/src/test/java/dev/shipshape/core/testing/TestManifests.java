package dev.shipshape.core.testing;

import dev.shipshape.core.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;

/** Small Kubernetes objects for tests, from YAML text or from a name. */
public final class TestManifests {
  private TestManifests() {}

  /** The one object of a YAML document. */
  public static HasMetadata object(String yaml) {
    List<HasMetadata> objects = Manifests.parse(yaml);
    if (objects.size() != 1) throw new IllegalArgumentException("expected one object, got " + objects.size());
    return objects.get(0);
  }

  public static Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  /** A ConfigMap with the given {@code key, value, key, value, …} data. */
  public static ConfigMap configMap(String namespace, String name, String... keysAndValues) {
    ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .endMetadata();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) builder.addToData(keysAndValues[i], keysAndValues[i + 1]);
    return builder.build();
  }
}
