package dev.shipshape.testing;

import dev.shipshape.core.ClusterSpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.Map;

/** A small web shop spec with the fields real API servers normalise: quantities, int-or-string ports, defaulted protocols, apiGroup "". */
final class TestSpecs {
  private TestSpecs() {}

  static ClusterSpec shop(String namespace) {
    Map<String, String> labels = Map.of("app", "web");
    return ClusterSpec.builder().name("shop-" + namespace)
        .resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .resource(new ServiceAccountBuilder().withNewMetadata().withName("web").withNamespace(namespace)
            .endMetadata().build())
        .resource(new DeploymentBuilder().withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
            .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
            .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
            .withServiceAccountName("web")
            .addNewContainer().withName("web").withImage("nginxinc/nginx-unprivileged:1.27")
            .addNewPort().withName("http").withContainerPort(8080).endPort()
            .withNewResources().addToRequests("cpu", new Quantity("0.5")).addToRequests("memory", new Quantity("1Gi"))
            .addToLimits("memory", new Quantity("1024Mi")).endResources()
            .endContainer().endSpec().endTemplate().endSpec().build())
        .resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace(namespace).endMetadata()
            .withNewSpec().withSelector(labels).addNewPort().withName("http").withPort(80)
            .withTargetPort(new IntOrString(8080)).endPort().endSpec().build())
        .resource(new RoleBuilder().withNewMetadata().withName("reader").withNamespace(namespace).endMetadata()
            .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get", "list").endRule().build())
        .resource(new RoleBindingBuilder().withNewMetadata().withName("web-reads").withNamespace(namespace)
            .endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "Role", "reader")
            .addNewSubject().withKind("ServiceAccount").withApiGroup("").withName("web").withNamespace(namespace)
            .endSubject().build())
        .build();
  }
}
