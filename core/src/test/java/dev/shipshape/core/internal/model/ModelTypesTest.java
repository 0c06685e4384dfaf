package dev.shipshape.core.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ModelTypesTest {
  private static final KubernetesDeserializer FABRIC8 = new KubernetesDeserializer();

  @Test
  void everyRegisteredModelClassIsFoundAsFabric8FindsIt() {
    List<Class<?>> classes = registered();
    assertThat(classes).hasSizeGreaterThan(300);
    for (Class<?> type : classes) {
      @SuppressWarnings("unchecked")
      Class<? extends KubernetesResource> resource = (Class<? extends KubernetesResource>) type;
      String group = HasMetadata.getGroup(resource);
      String version = HasMetadata.getVersion(resource);
      String apiVersion = group == null || group.isEmpty() ? version : group + "/" + version;
      String kind = HasMetadata.getKind(resource);
      assertThat(ModelTypes.shared().typeOf(apiVersion, kind).orElse(null)).as("%s %s", apiVersion, kind)
          .isEqualTo(FABRIC8.getRegisteredKind(apiVersion, kind));
    }
  }

  @Test
  void onlyFabric8sListIsNamedOtherThanItsKind() {
    List<Class<?>> renamed = new ArrayList<>();
    for (Class<?> type : registered()) {
      @SuppressWarnings("unchecked")
      Class<? extends KubernetesResource> resource = (Class<? extends KubernetesResource>) type;
      if (!HasMetadata.getKind(resource).equals(type.getSimpleName())) renamed.add(type);
    }
    // The lookup by simple name relies on this; kind: List (KubernetesList) is found through fabric8's registry.
    assertThat(renamed).containsExactly(KubernetesList.class);
    assertThat(ModelTypes.shared().typeOf("v1", "List")).contains(KubernetesList.class);
  }

  @Test
  void findsTypedKindsAndNothingForUnknownOnes() {
    assertThat(ModelTypes.shared().typeOf("apps/v1", "Deployment")).contains(Deployment.class);
    assertThat(ModelTypes.shared().typeOf("extensions/v1beta1", "Deployment"))
        .contains(io.fabric8.kubernetes.api.model.extensions.Deployment.class);
    assertThat(ModelTypes.shared().typeOf("example.com/v1", "Widget")).isEmpty();
    assertThat(ModelTypes.shared().typeOf("apps/v2", "Deployment")).isEmpty();
    assertThat(ModelTypes.shared().typeOf(null, "Deployment")).isEmpty();
    assertThat(ModelTypes.shared().typeOf("v1", "GenericKubernetesResource"))
        .isEqualTo(java.util.Optional.ofNullable(FABRIC8.getRegisteredKind("v1", "GenericKubernetesResource")));
    assertThat(GenericKubernetesResource.class).isNotNull();
  }

  private static List<Class<?>> registered() {
    List<Class<?>> classes = new ArrayList<>();
    ServiceLoader.load(KubernetesResource.class).stream().forEach(p -> classes.add(p.type()));
    return classes;
  }
}
