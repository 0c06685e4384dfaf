// The smallest useful spec: one namespace and a Deployment in it.
//
//   bin/shipshape plan minimal.jsh              validate, show the waves
//   bin/shipshape apply --embedded minimal.jsh  apply to an in-process API server
//
// A spec script is plain Java run by JShell. The SDK's packages and the common fabric8 model
// packages are already imported; the script hands its ClusterSpec over by assigning it to a
// variable named `spec`.

Map<String, String> labels = Map.of("app.kubernetes.io/name", "hello");

Namespace namespace = new NamespaceBuilder()
    .withNewMetadata().withName("hello").endMetadata()
    .build();

Deployment deployment = new DeploymentBuilder()
    .withNewMetadata().withName("hello").withNamespace("hello").endMetadata()
    .withNewSpec()
        .withReplicas(2)
        .withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate()
            .withNewMetadata().withLabels(labels).endMetadata()
            .withNewSpec()
                .addNewContainer()
                    .withName("web")
                    .withImage("nginxinc/nginx-unprivileged:1.27")
                    .addNewPort().withName("http").withContainerPort(8080).endPort()
                .endContainer()
            .endSpec()
        .endTemplate()
    .endSpec()
    .build();

ClusterSpec spec = ClusterSpec.builder()
    .name("minimal")
    .kubernetesVersion("1.33")
    .resource(namespace, deployment)
    .build();
