// A production-style platform built from the SDK's components: one namespace per tenant team with Pod
// Security "restricted", quotas and default limits, network isolation, least-privilege team access, a
// hardened web workload, a data volume, and daily and hourly Velero backups with CSI snapshots; plus the
// platform team's read-only access, kube-proxy's mode, Istio mutual TLS and a canary route, Prometheus
// monitoring of all of it, and a metrics exporter installed from its Helm chart.
//
//   bin/shipshape plan examples/specs/production.jsh
//   bin/shipshape apply --embedded examples/specs/production.jsh
//
// Each concern sits in its own method (tenants, isolation, access, workload, storage, backups, mesh). The
// cluster is expected to run ingress-nginx, Velero, the Cinder CSI driver with its snapshot controller,
// Istio and the Prometheus Operator already; they install their own CRDs.

import dev.shipshape.networking.policy.*;
import dev.shipshape.networking.proxy.*;
import dev.shipshape.security.pss.*;
import dev.shipshape.security.rbac.*;
import dev.shipshape.storage.*;

KubernetesVersion target = KubernetesVersion.parse("1.33");

// calledBy: the tenants whose web pods may call this tenant's web pods.
// canaryImage: the next version, run beside the stable one for a canary release; empty for none.
record Tenant(String name, String team, String image, int replicas, String cpu, String memory,
        List<String> calledBy, String canaryImage) {
    Map<String, String> appLabels() {
        return Map.of("app.kubernetes.io/name", "web", "app.kubernetes.io/instance", name);
    }
}

List<Tenant> tenants = List.of(
    new Tenant("shop", "checkout", "ghcr.io/example/shop-web:2.4.1", 3, "4", "8Gi", List.of(),
        "ghcr.io/example/shop-web:2.5.0"),
    new Tenant("payments", "payments", "ghcr.io/example/payments-api:1.9.0", 2, "2", "4Gi", List.of("shop"), ""));

// --- Tenants: namespaces with Pod Security labels, quota and default requests and limits -------------
// PodSecurityNamespaces owns the Namespace objects: it creates them, labelled shipshape.dev/tenant=<name>
// and with the Pod Security Admission labels, enforced at the policy of Kubernetes 1.33.

PodSecurityNamespaces tenantNamespaces(List<Tenant> tenants) {
    PodSecurityProfile restricted = PodSecurityProfile.enforce(PodSecurityLevel.RESTRICTED)
        .audit(PodSecurityLevel.RESTRICTED)
        .warn(PodSecurityLevel.RESTRICTED)
        .version("v1.33")
        .build();
    PodSecurityNamespaces.Builder namespaces = PodSecurityNamespaces.builder().name("tenant-namespaces");
    for (Tenant t : tenants) namespaces.tenant(t.name(), restricted, t.name());
    return namespaces.build();
}

List<HasMetadata> budgets(Tenant t) {
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
    return List.of(quota, limits);
}

// --- Isolation: deny by default; allow DNS, the namespace itself, the ingress controller, and callers --

PodSelector webPods = PodSelector.labelled("app.kubernetes.io/name", "web");
PolicyPeer ingressController = PolicyPeer.namespace("ingress-nginx").andPods("app.kubernetes.io/name", "ingress-nginx");

NetworkPolicySet isolation(Tenant t, List<Tenant> tenants) {
    NetworkPolicySet set = NetworkPolicySet.forNamespaces(t.name())
        .named(t.name() + "-network")
        .defaultDenyAll()
        .allowDns()
        .allowSameNamespace()
        .allow(TrafficRule.ingressTo(webPods).from(ingressController).on(PolicyPort.named("http")));
    for (String caller : t.calledBy()) {
        set = set.allow(TrafficRule.ingressTo(webPods)
            .from(PolicyPeer.namespace(caller).andPods("app.kubernetes.io/name", "web"))
            .on(PolicyPort.named("http")));
    }
    // The other side of each call: egress is denied too, so callers need a rule to reach the callee.
    for (Tenant callee : tenants) {
        if (!callee.calledBy().contains(t.name())) continue;
        set = set.allow(TrafficRule.egressFrom(webPods)
            .to(PolicyPeer.namespace(callee.name()).andPods("app.kubernetes.io/name", "web"))
            .on(PolicyPort.named("http")));
    }
    return set;
}

// --- Access: the team develops in its namespace, support reads it, CI deploys to it; platform audits ---
// Each persona becomes a Role named after it (developer, viewer, ci-deployer) and a RoleBinding.

RbacProfile access(List<Tenant> tenants) {
    RbacProfile.Builder profile = RbacProfile.builder().name("access");
    for (Tenant t : tenants) {
        profile.assign(Persona.DEVELOPER, t.name(), RbacSubject.group("team-" + t.team()))
            .assign(Persona.VIEWER, t.name(), RbacSubject.group("support"))
            .assign(Persona.CI_DEPLOYER, t.name(), RbacSubject.serviceAccount(t.name(), "ci-deployer"));
    }
    return profile
        .role(RbacRole.cluster("platform-auditor").persona(Persona.AUDITOR).build())
        .binding(RbacBinding.toClusterRole("platform-auditor").subject(RbacSubject.group("platform")).build())
        .build();
}

// --- Workload: a hardened Deployment, its ServiceAccounts, Service and disruption budget ---------------

List<HasMetadata> workload(Tenant t) {
    ServiceAccount account = new ServiceAccountBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).endMetadata()
        .withAutomountServiceAccountToken(false)
        .build();
    // The identity the CI pipeline deploys with, through a token requested for it.
    ServiceAccount deployer = new ServiceAccountBuilder()
        .withNewMetadata().withName("ci-deployer").withNamespace(t.name()).endMetadata()
        .withAutomountServiceAccountToken(false)
        .build();
    // "track" tells the stable pods from the canary's, for the mesh's subsets.
    Map<String, String> stable = new HashMap<>(t.appLabels());
    stable.put("track", "stable");
    Deployment deployment = new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).withLabels(t.appLabels()).endMetadata()
        .withNewSpec()
            .withReplicas(t.replicas())
            .withNewSelector().withMatchLabels(stable).endSelector()
            .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                    .withMaxUnavailable(new IntOrString(0))
                    .withMaxSurge(new IntOrString(1))
                .endRollingUpdate()
            .endStrategy()
            .withNewTemplate()
                .withNewMetadata().withLabels(stable).endMetadata()
                .withNewSpec()
                    .withServiceAccountName("web")
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                        .withName("web")
                        .withImage(t.image())
                        .addNewPort().withName("http").withContainerPort(8080).endPort()
                        .addNewPort().withName("http-metrics").withContainerPort(9090).endPort()
                        .withNewResources()
                            .addToRequests("cpu", new Quantity("250m"))
                            .addToRequests("memory", new Quantity("256Mi"))
                            .addToLimits("memory", new Quantity("512Mi"))
                        .endResources()
                        .withNewReadinessProbe()
                            .withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
                            .withPeriodSeconds(5)
                        .endReadinessProbe()
                        .withNewLivenessProbe()
                            .withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
                            .withInitialDelaySeconds(10)
                        .endLivenessProbe()
                        // The root file system is read-only: scratch space goes here.
                        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                    .endContainer()
                    .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
            .endTemplate()
        .endSpec()
        .build();
    Service service = new ServiceBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).withLabels(t.appLabels()).endMetadata()
        .withNewSpec()
            .withSelector(t.appLabels())
            .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
            .addNewPort().withName("http-metrics").withPort(9090).withTargetPort(new IntOrString("http-metrics")).endPort()
        .endSpec()
        .build();
    PodDisruptionBudget budget = new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName("web").withNamespace(t.name()).endMetadata()
        .withNewSpec()
            .withMinAvailable(new IntOrString(1))
            .withNewSelector().withMatchLabels(t.appLabels()).endSelector()
        .endSpec()
        .build();
    // Non-root, seccomp RuntimeDefault, no capabilities or privilege escalation, read-only root: what the
    // namespace's "restricted" Pod Security level admits.
    List<HasMetadata> objects = new ArrayList<>(
        List.of(account, deployer, Hardening.restricted(deployment), service, budget));
    if (!t.canaryImage().isEmpty()) objects.add(canary(Hardening.restricted(deployment), t));
    return objects;
}

// The canary: one pod of the next version, behind the same Service, labelled track=canary.
Deployment canary(Deployment stable, Tenant t) {
    Map<String, String> labels = new HashMap<>(t.appLabels());
    labels.put("track", "canary");
    return new DeploymentBuilder(stable)
        .editMetadata().withName("web-canary").endMetadata()
        .editSpec()
            .withReplicas(1)
            .withNewSelector().withMatchLabels(labels).endSelector()
            .editTemplate()
                .editMetadata().withLabels(labels).endMetadata()
                .editSpec().editFirstContainer().withImage(t.canaryImage()).endContainer().endSpec()
            .endTemplate()
        .endSpec()
        .build();
}

// --- Backups: one S3-compatible location; per tenant, daily and hourly schedules ----------------------
// Velero runs in namespace "velero". The keys below are placeholders: take real ones from your secret store
// (Vault, SOPS, your CI's secrets; for example System.getenv("BACKUP_S3_SECRET")), never from the script.

BackupCredentials credentials = BackupCredentials.builder()
    .accessKeyId("PLACEHOLDER-ACCESS-KEY-ID")
    .secretAccessKey("PLACEHOLDER-SECRET-ACCESS-KEY")
    .build();

BackupStorageLocation primary = BackupStorageLocation.builder()
    .name("primary")
    .bucket("cluster-backups")
    .prefix("production")
    .region("us-east-1")
    .s3Url("https://minio.backup.example.com:9000")
    .s3ForcePathStyle(true)
    .credential(credentials)
    .defaultLocation(true)
    .build();

List<VeleroSchedule> backups(Tenant t) {
    // Flushes the web pods' buffered writes before Velero copies them; a failed flush marks the backup
    // PartiallyFailed instead of passing unnoticed.
    BackupHook flush = BackupHook.named(t.name() + "-web-flush")
        .label("app.kubernetes.io/name", "web")
        .pre(ExecHook.in("web", "/bin/sh", "-c", "sync").onError(HookErrorMode.FAIL).timeout("30s").build())
        .build();
    return List.of(
        VeleroSchedule.daily(t.name() + "-daily")
            .namespaces(t.name()).storageLocation("primary").hook(flush).build(),
        VeleroSchedule.hourly(t.name() + "-hourly")
            .namespaces(t.name()).storageLocation("primary").hook(flush).build());
}

// --- Storage: Cinder block volumes (OpenStack, as on OVHcloud's managed Kubernetes) ----------------------
// Retain keeps a tenant's data when its claim is deleted by mistake (`shipshape storage drift` lists the
// Released volumes left behind); WaitForFirstConsumer provisions each volume in the zone of its first pod.
// Cinder volumes are block devices: one node at a time, so ReadWriteMany claims are rejected at plan time.

StorageClassSpec highSpeed = StorageClassSpec.builder()
    .name("csi-cinder-high-speed")
    .provisioner("cinder.csi.openstack.org")
    .putParameters("type", "high-speed")
    .reclaimPolicy(ReclaimPolicy.RETAIN)
    .volumeBindingMode(VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER)
    .allowVolumeExpansion(true)
    .defaultClass(true)
    .addSupportedAccessModes(VolumeAccessMode.READ_WRITE_ONCE, VolumeAccessMode.READ_WRITE_ONCE_POD)
    .build();

// Velero's CSI support snapshots Cinder volumes with the class that carries its label.
VolumeSnapshotClassSpec cinderSnapshots = VolumeSnapshotClassSpec.builder()
    .name("csi-cinder-snapclass")
    .driver("cinder.csi.openstack.org")
    .deletionPolicy(SnapshotDeletionPolicy.DELETE)
    .defaultClass(true)
    .veleroCsiSnapshotClass(true)
    .build();

// Each tenant's data volume, which its team's database mounts; the daily schedule snapshots it.
VolumeClaimSpec data(Tenant t) {
    return VolumeClaimSpec.builder().namespace(t.name()).name(t.name() + "-data").size("20Gi")
        .storageClass(highSpeed).build();
}

// --- Platform: kube-proxy's mode, as the advisor recommends it for the expected size ----------------------
// About 1,500 service ports and 12,000 endpoints: beyond what iptables handles well, and nftables is GA in
// 1.33. kube-proxy reads its configuration when it starts: restart its DaemonSet after applying.

ProxyMode proxyMode = KubeProxyAdvisor.advise(new ServiceLoad(1_500, 12_000, 40), target).recommended();
KubeProxyConfig kubeProxy = KubeProxyConfig.builder()
    .mode(proxyMode)
    .clusterCidr("10.244.0.0/16")   // the pod network, which tells kube-proxy local from outside traffic
    .build();

// --- Platform charts: a metrics exporter from its Helm chart, rendered with the bundled Helm and applied -----
// with everything else (its pre-install hook first). Its values.schema.json is checked at plan time.

Namespace metricsNamespace = new NamespaceBuilder().withNewMetadata().withName("metrics").endMetadata().build();
HelmChart metricsExporter = HelmChart.directory(scriptDir.resolve("charts/metrics-exporter"))
    .release("metrics-exporter")
    .namespace("metrics")
    .values(Map.of("replicaCount", 2))
    .build();

// --- Mesh: Istio sidecars in every tenant namespace (Istio runs with its CNI plugin, so injected pods need
// no extra capabilities and stay within "restricted"), mutual TLS STRICT, and for the shop's web Service a
// traffic policy and the canary's route: 10% of requests go to the canary until the release moves on. The
// route is for the Service's port 80 only: its metrics port 9090 keeps going to every pod.

List<Component> mesh(List<Tenant> tenants) {
    List<Component> parts = new ArrayList<>();
    parts.add(MeshMembership.sidecar(tenants.stream().map(Tenant::name).toArray(String[]::new)));
    for (Tenant t : tenants) parts.add(MutualTls.forNamespace(t.name()).strict());
    parts.add(TrafficPolicy.forService("shop", "web")
        .subset("stable", Map.of("track", "stable"))
        .subset("canary", Map.of("track", "canary"))
        .loadBalancer(LoadBalancer.leastRequest())
        .connectionPool(200, 50)
        .outlierDetection(5, "10s", "30s")
        .istioMutual());
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put("stable", 90);
    weights.put("canary", 10);
    parts.add(TrafficRoutes.forService("shop", "web")
        .port(80)
        .split(weights)
        .timeout("5s")
        .retries(2, "2s", "5xx,reset,connect-failure"));
    return parts;
}

ClusterSpec.Builder builder = ClusterSpec.builder()
    .name("production")
    .kubernetesVersion(target)
    .commonLabel("app.kubernetes.io/managed-by", "shipshape")
    .preExistingNamespace("ingress-nginx", "velero")
    .preExistingCrd(Velero.CRDS)            // Velero and its CRDs are installed with velero install
    .preExistingCrd(IstioCrds.all())        // Istio installs its CRDs
    .preExistingResource(VolumeSnapshotSpec.snapshotCrds().toArray(ResourceRef[]::new))
    .component(tenantNamespaces(tenants), access(tenants), credentials, primary, kubeProxy, metricsExporter)
    .component(highSpeed, cinderSnapshots)
    .component(mesh(tenants).toArray(Component[]::new))
    .resource(metricsNamespace);

for (Tenant t : tenants) {
    builder.component(isolation(t, tenants));
    builder.component(backups(t).toArray(Component[]::new));
    builder.component(data(t));
    for (List<HasMetadata> part : List.of(budgets(t), workload(t))) {
        builder.resource(part.toArray(HasMetadata[]::new));
    }
}

// --- Encryption at rest: Secrets in etcd encrypted by the cloud's KMS (through its KMS v2 plugin on each
// control-plane node); identity last, to read what was written before encryption was turned on. It compiles to
// no object: write config.toYaml() to the file the API servers read with --encryption-provider-config.

builder.component(EncryptionConfiguration.builder()
    .encrypt(List.of("secrets"), EncryptionProvider.kmsV2("cloud-kms", "unix:///var/run/kmsplugin/socket.sock"),
        EncryptionProvider.identity())
    .build());

// --- Audit log: who did what through the API server. The recommended policy records Secrets, ConfigMaps and
// tokens at Metadata only (never their data), RBAC changes with request and response, other changes with the
// request, and reads at Metadata. It compiles to no object: write AuditPolicy.recommended().toYaml() to the file
// the API servers read with --audit-policy-file, and give them --audit-log-path with --audit-log-maxage=30,
// --audit-log-maxbackup=10 and --audit-log-maxsize=100 (or --audit-webhook-config-file).

builder.component(AuditPolicy.recommended());

// --- Monitoring: scrape targets, scrape access and alert rules derived from everything above ----------------
// Prometheus runs in "monitoring" with the Prometheus Operator (kube-prometheus installs both, the operator's
// CRDs and the prometheus-k8s ServiceAccount): the web Services' metrics ports get ServiceMonitors, the
// default-deny tenants get NetworkPolicies that admit the scrapes, and the workloads, backups, kube-proxy
// and control plane get alert rules. addTo plans the spec above, so it comes last.

builder.preExistingNamespace("monitoring")
    .preExistingResource(ResourceRef.core("ServiceAccount", "monitoring", "prometheus-k8s"));
for (String crd : List.of("servicemonitors", "prometheusrules")) {
    builder.preExistingResource(
        ResourceRef.clusterScoped("apiextensions.k8s.io", "CustomResourceDefinition", crd + ".monitoring.coreos.com"));
}

Monitoring monitoring = Monitoring.builder()
    .prometheusNamespace("monitoring")
    .putSelectorLabels("release", "prometheus")
    .threshold(Alert.VELERO_BACKUP_MISSING, 1800)
    .build();

// --- Environments: the same spec on a laptop (minikube, kind) and in production ------------------------------
// The spec above is production, so its environment changes nothing. The laptop runs one replica of everything
// with small requests, minikube's "standard" storage class, Pod Security "baseline" enforced (the "restricted"
// warnings stay), permissive mTLS, paused backup schedules and no monitoring. Everything else is identical:
//
//   bin/shipshape plan --env laptop examples/specs/production.jsh
//   bin/shipshape envdiff laptop production examples/specs/production.jsh

ResourceRequirements laptopWeb = new ResourceRequirementsBuilder()
    .addToRequests("cpu", new Quantity("50m"))
    .addToRequests("memory", new Quantity("64Mi"))
    .addToLimits("memory", new Quantity("128Mi"))
    .build();
Environment.Builder laptop = Environment.builder().name("laptop")
    .override(Overrides.replicas(1))
    .override(Overrides.storageClass(highSpeed.className(), "standard"))
    .override(PodSecurityOverride.enforce(PodSecurityLevel.BASELINE))
    .override(MtlsOverride.mode(MutualTls.Mode.PERMISSIVE))
    .override(ScheduleOverride.paused())
    .override(monitoring.disabled());
for (Tenant t : tenants) {
    laptop.override(Overrides.resources(ResourceRef.namespaced("apps", "Deployment", t.name(), "web"), "web", laptopWeb));
}
builder.environment(laptop.build(), Environment.of("production"));

ClusterSpec spec = monitoring.addTo(builder.build());
