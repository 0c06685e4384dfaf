// Static YAML and builders in one spec.
//
//   bin/shipshape plan examples/specs/static-yaml.jsh
//
// The manifests under manifests/ (a Namespace, a Redis Deployment and its Service) are read as
// they are; the script adds the ConfigMap the Deployment mounts and a PodDisruptionBudget. The
// planner orders everything together, whatever its source: the Namespace first, then the
// ConfigMap and the budget, then the Service and the Deployment.
//
// `scriptDir` is predefined: the directory of this script. Resolve files against it, so that the
// script works from any working directory.

ConfigMap redisConfig = new ConfigMapBuilder()
    .withNewMetadata().withName("redis-config").withNamespace("cache").endMetadata()
    .addToData("redis.conf", String.join("\n",
        "maxmemory 200mb",
        "maxmemory-policy allkeys-lru",
        "appendonly no",
        ""))
    .build();

PodDisruptionBudget redisBudget = new PodDisruptionBudgetBuilder()
    .withNewMetadata().withName("redis").withNamespace("cache").endMetadata()
    .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "redis").endSelector()
    .endSpec()
    .build();

ClusterSpec spec = ClusterSpec.builder()
    .name("static-yaml")
    .kubernetesVersion("1.33")
    .commonLabel("app.kubernetes.io/part-of", "cache")
    .yamlFile(scriptDir.resolve("manifests"))
    .resource(redisConfig, redisBudget)
    .build();
