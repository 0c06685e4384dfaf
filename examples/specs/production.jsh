// A production-style platform: one namespace per tenant team, each with quotas and default limits,
// network isolation, a least-privilege RBAC role for the team, and a hardened web workload with a
// Service and a PodDisruptionBudget; plus a read-only ClusterRole for the platform team.
//
//   bin/shipshape plan examples/specs/production.jsh
//   bin/shipshape apply --embedded examples/specs/production.jsh
//
// Sections build plain fabric8 objects. Network isolation, RBAC and (later) backups each sit in
// their own method, so that each can switch to the SDK's networking, security and backup
// components without touching the rest.

record Tenant(String name, String team, String image, int replicas, String cpu, String memory) {
    Map<String, String> appLabels() {
        return Map.of("app.kubernetes.io/name", "web", "app.kubernetes.io/instance", name);
    }
}

List<Tenant> tenants = List.of(
    new Tenant("shop", "checkout", "ghcr.io/example/shop-web:2.4.1", 3, "4", "8Gi"),
    new Tenant("payments", "payments", "ghcr.io/example/payments-api:1.9.0", 2, "2", "4Gi"));

// --- Tenant namespace: Pod Security "restricted", quota, default requests and limits ---------------

List<HasMetadata> namespaceAndBudgets(Tenant t) {
    Namespace namespace = new NamespaceBuilder()
        .withNewMetadata()
            .withName(t.name())
            .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
            .addToLabels("shipshape.dev/tenant", t.name())
        .endMetadata()
        .build();
    ResourceQuota quota = new ResourceQuotaBuilder()
        .withNewMetadata().withName("tenant-quota").withNamespace(t.name()).endMetadata()
        .withNewSpec()
            .addToHard("requests.cpu", new Quantity(t.cpu()))
            .addToHard("requests.memory", new Quantity(t.memory()))
            .addToHard("limits.memory", new Quantity(t.memory()))
            .addToHard("pods", new Quantity("50"))
        .endSpec()
        .build();
    LimitRange limits = new LimitRangeBuilder()
        .withNewMetadata().withName("container-defaults").withNamespace(t.name()).endMetadata()
        .withNewSpec()
            .addNewLimit()
                .withType("Container")
                .addToDefaultRequest("cpu", new Quantity("100m"))
                .addToDefaultRequest("memory", new Quantity("128Mi"))
                .addToDefault("memory", new Quantity("256Mi"))
            .endLimit()
        .endSpec()
        .build();
    return List.of(namespace, quota, limits);
}

// --- Network isolation: deny by default, then allow DNS and traffic inside the namespace -----------
// To become the networking module's NetworkPolicySet once it is available.

NetworkPolicy policy(Tenant t, String name, NetworkPolicySpec spec) {
    return new NetworkPolicyBuilder()
        .withNewMetadata().withName(name).withNamespace(t.name()).endMetadata()
        .withSpec(spec)
        .build();
}

List<HasMetadata> networkIsolation(Tenant t) {
    LabelSelector allPods = new LabelSelector();
    NetworkPolicy denyAll = policy(t, "default-deny-all", new NetworkPolicySpecBuilder()
        .withPodSelector(allPods)
        .withPolicyTypes("Ingress", "Egress")
        .build());
    NetworkPolicy allowDns = policy(t, "allow-dns", new NetworkPolicySpecBuilder()
        .withPodSelector(allPods)
        .withPolicyTypes("Egress")
        .addNewEgress()
            .addNewTo()
                .withNewNamespaceSelector()
                    .addToMatchLabels("kubernetes.io/metadata.name", "kube-system")
                .endNamespaceSelector()
                .withNewPodSelector().addToMatchLabels("k8s-app", "kube-dns").endPodSelector()
            .endTo()
            .addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort()
            .addNewPort().withProtocol("TCP").withPort(new IntOrString(53)).endPort()
        .endEgress()
        .build());
    NetworkPolicy allowSameNamespace = policy(t, "allow-same-namespace", new NetworkPolicySpecBuilder()
        .withPodSelector(allPods)
        .withPolicyTypes("Ingress", "Egress")
        .addNewIngress().addNewFrom().withPodSelector(allPods).endFrom().endIngress()
        .addNewEgress().addNewTo().withPodSelector(allPods).endTo().endEgress()
        .build());
    return List.of(denyAll, allowDns, allowSameNamespace);
}

// --- RBAC: the team deploys in its own namespace and reads nothing else ----------------------------
// To become the security module's RbacProfile once it is available.

List<HasMetadata> teamRbac(Tenant t) {
    Role developer = new RoleBuilder()
        .withNewMetadata().withName("developer").withNamespace(t.name()).endMetadata()
        .addNewRule()
            .withApiGroups("apps")
            .withResources("deployments", "replicasets")
            .withVerbs("get", "list", "watch", "create", "update", "patch")
        .endRule()
        .addNewRule()
            .withApiGroups("")
            .withResources("pods", "pods/log", "services", "configmaps")
            .withVerbs("get", "list", "watch")
        .endRule()
        .build();
    RoleBinding binding = new RoleBindingBuilder()
        .withNewMetadata().withName("developer-" + t.team()).withNamespace(t.name()).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("developer").endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("team-" + t.team()).endSubject()
        .build();
    return List.of(developer, binding);
}

// --- Workload: a hardened Deployment, its ServiceAccount, Service and disruption budget ------------

List<HasMetadata> workload(Tenant t) {
    ServiceAccount account = new ServiceAccountBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).endMetadata()
        .withAutomountServiceAccountToken(false)
        .build();
    Container web = new ContainerBuilder()
        .withName("web")
        .withImage(t.image())
        .addNewPort().withName("http").withContainerPort(8080).endPort()
        .withNewResources()
            .addToRequests("cpu", new Quantity("250m"))
            .addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("memory", new Quantity("512Mi"))
        .endResources()
        .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .withNewReadinessProbe()
            .withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
            .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewLivenessProbe()
            .withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
            .withInitialDelaySeconds(10)
        .endLivenessProbe()
        .build();
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).withLabels(t.appLabels()).endMetadata()
        .withNewSpec()
            .withReplicas(t.replicas())
            .withNewSelector().withMatchLabels(t.appLabels()).endSelector()
            .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate().withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
            .endStrategy()
            .withNewTemplate()
                .withNewMetadata().withLabels(t.appLabels()).endMetadata()
                .withNewSpec()
                    .withServiceAccountName("web")
                    .withAutomountServiceAccountToken(false)
                    .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .withContainers(web)
                .endSpec()
            .endTemplate()
        .endSpec()
        .build();
    Service service = new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).endMetadata()
        .withNewSpec()
            .withSelector(t.appLabels())
            .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .endSpec()
        .build();
    PodDisruptionBudget budget = new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).endMetadata()
        .withNewSpec()
            .withMinAvailable(new IntOrString(1))
            .withNewSelector().withMatchLabels(t.appLabels()).endSelector()
        .endSpec()
        .build();
    return List.of(account, deployment, service, budget);
}

// --- Backups -----------------------------------------------------------------------------------------
// A nightly backup schedule per tenant will come here with the backup module's Velero components.

// --- Platform team: read-only access to the whole cluster ----------------------------------------------

ClusterRole platformReader = new ClusterRoleBuilder()
    .withNewMetadata().withName("platform-reader").endMetadata()
    .addNewRule().withApiGroups("", "apps", "networking.k8s.io", "policy").withResources("*").withVerbs("get", "list", "watch").endRule()
    .build();

ClusterRoleBinding platformReaders = new ClusterRoleBindingBuilder()
    .withNewMetadata().withName("platform-reader").endMetadata()
    .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("platform-reader").endRoleRef()
    .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("Group").withName("platform").endSubject()
    .build();

ClusterSpec.Builder builder = ClusterSpec.builder()
    .name("production")
    .kubernetesVersion("1.33")
    .commonLabel("app.kubernetes.io/managed-by", "shipshape")
    .resource(platformReader, platformReaders);

for (Tenant t : tenants) {
    for (List<HasMetadata> part : List.of(namespaceAndBudgets(t), networkIsolation(t), teamRbac(t), workload(t))) {
        builder.resource(part.toArray(HasMetadata[]::new));
    }
}

ClusterSpec spec = builder.build();
