// A namespace and a ConfigMap, for a Kubernetes version that is no longer supported.
Namespace shop = new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build();
ConfigMap settings = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop")
    .endMetadata().addToData("mode", "fast").build();

ClusterSpec spec = ClusterSpec.builder()
    .name("old")
    .kubernetesVersion("1.31")
    .resource(shop, settings)
    .build();
