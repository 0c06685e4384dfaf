// The shop with the opened policies: the same namespaces and workloads, other NetworkPolicies.
ClusterSpec spec = ClusterSpec.builder()
    .name("shop-opened")
    .yamlFile(scriptDir.resolve("shop/namespaces.yaml"))
    .yamlFile(scriptDir.resolve("shop/workloads.yaml"))
    .yamlFile(scriptDir.resolve("opened-policies.yaml"))
    .build();
