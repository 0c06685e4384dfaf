package dev.shipshape.core.cluster;

import static dev.shipshape.core.cluster.ClusterProfile.AKS;
import static dev.shipshape.core.cluster.ClusterProfile.EKS;
import static dev.shipshape.core.cluster.ClusterProfile.GKE;
import static dev.shipshape.core.cluster.ClusterProfile.KUBEADM;
import static dev.shipshape.core.cluster.ClusterProfile.OVHCLOUD;
import static dev.shipshape.core.cluster.ProviderTopic.AUDIT_LOGS;
import static dev.shipshape.core.cluster.ProviderTopic.ETCD_ENCRYPTION;
import static dev.shipshape.core.cluster.ProviderTopic.KUBE_PROXY_MODE;
import static dev.shipshape.core.cluster.ProviderTopic.VERSION_UPGRADES;

import java.util.List;

/**
 * The provider-side advice of every profile and topic, as data, each entry from the provider's own documentation
 * (its URL is part of the entry):
 *
 * <ul>
 *   <li>EKS envelope-encrypts all Kubernetes API data by default from Kubernetes 1.28 with an AWS-owned key; a key
 *       of your own is associated with {@code aws eks associate-encryption-config}
 *       (https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html). Control-plane logs, audit
 *       among them, are off until enabled (https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html).
 *   <li>GKE encrypts data at rest by default with Google-managed keys; application-layer secrets encryption adds a
 *       Cloud KMS key of your own (https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets). GKE
 *       runs kube-proxy in iptables mode or replaces it with Dataplane V2, chosen at cluster creation
 *       (https://cloud.google.com/kubernetes-engine/docs/how-to/dataplane-v2).
 *   <li>AKS encrypts its storage at rest (Azure platform encryption); KMS etcd encryption with an Azure Key Vault
 *       key is optional (https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption). Audit logs are resource
 *       logs ({@code kube-audit}, {@code kube-audit-admin}) sent by a diagnostic setting
 *       (https://learn.microsoft.com/azure/aks/monitor-aks-reference).
 *   <li>OVHcloud Managed Kubernetes: its documentation describes the control plane as OVHcloud's and documents no
 *       customer setting for etcd encryption at rest; audit logs are forwarded to Logs Data Platform; kube-proxy's
 *       mode (iptables or ipvs) is chosen at creation and tuned through the cluster's customization; upgrades
 *       follow the cluster's update policy and its end-of-life policy.
 *   <li>kubeadm: the spec's own components (the security module's {@code EncryptionConfiguration}, the networking
 *       module's {@code KubeProxyConfig}) and kubeadm's upgrade procedure.
 * </ul>
 */
final class AdviceTable {
  static final List<ProviderAdvice> ADVICE = List.of(
      advice(KUBEADM, ETCD_ENCRYPTION, "the API server stores Secrets unencrypted unless it is given an "
          + "EncryptionConfiguration; use a KMS v2 provider (or aesgcm) first for secrets",
          "the security module's EncryptionConfiguration component in the spec, passed to kube-apiserver with "
          + "--encryption-provider-config (ClusterConfiguration apiServer.extraArgs and extraVolumes)",
          "https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/"),
      advice(KUBEADM, AUDIT_LOGS, "kube-apiserver writes no audit log unless given an audit policy",
          "kube-apiserver --audit-policy-file and --audit-log-path (ClusterConfiguration apiServer.extraArgs, with "
          + "the policy file mounted through extraVolumes)",
          "https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/"),
      advice(KUBEADM, VERSION_UPGRADES, "the cluster's owner upgrades one minor version at a time, control plane "
          + "first, then the kubelets", "kubeadm upgrade plan, then kubeadm upgrade apply v<version> on the first "
          + "control-plane node and kubeadm upgrade node on the others",
          "https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/"),
      advice(KUBEADM, KUBE_PROXY_MODE, "kube-proxy reads its mode from the kube-system/kube-proxy ConfigMap; empty "
          + "means iptables on Linux", "the networking module's KubeProxyConfig component in the spec, such as "
          + "KubeProxyConfig.builder().mode(ProxyMode.NFTABLES), then restart the kube-proxy DaemonSet's pods",
          "https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/"),

      advice(EKS, ETCD_ENCRYPTION, "EKS envelope-encrypts all Kubernetes API data by default from Kubernetes 1.28 "
          + "with an AWS-owned KMS key; associate a KMS key of your own to control and audit its use",
          "aws eks associate-encryption-config --cluster-name <cluster> --encryption-config "
          + "'[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"<kms-key-arn>\"}}]'",
          "https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html"),
      advice(EKS, AUDIT_LOGS, "EKS sends no control-plane log until its log types are enabled; enable audit (and "
          + "authenticator) logs to CloudWatch Logs",
          "aws eks update-cluster-config --name <cluster> --logging "
          + "'{\"clusterLogging\":[{\"types\":[\"audit\",\"authenticator\"],\"enabled\":true}]}'",
          "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"),
      advice(EKS, VERSION_UPGRADES, "EKS upgrades the control plane one minor version at a time when asked; then "
          + "the node groups and the add-ons (kube-proxy, CoreDNS, VPC CNI)",
          "aws eks update-cluster-version --name <cluster> --kubernetes-version <version>, then aws eks "
          + "update-nodegroup-version and aws eks update-addon for each add-on",
          "https://docs.aws.amazon.com/eks/latest/userguide/update-cluster.html"),
      advice(EKS, KUBE_PROXY_MODE, "kube-proxy is the EKS kube-proxy add-on (iptables by default); its mode is "
          + "the add-on's configuration value, and the add-on overwrites the ConfigMap",
          "aws eks update-addon --cluster-name <cluster> --addon-name kube-proxy --configuration-values "
          + "'{\"mode\":\"<mode>\"}' --resolve-conflicts OVERWRITE, then replace the nodes",
          "https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html"),

      advice(GKE, ETCD_ENCRYPTION, "GKE encrypts data at rest by default with Google-managed keys; turn on "
          + "application-layer secrets encryption to encrypt Secrets with a Cloud KMS key of your own",
          "gcloud container clusters update <cluster> --location <location> --database-encryption-key "
          + "projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>",
          "https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets"),
      advice(GKE, AUDIT_LOGS, "GKE writes Kubernetes audit logs to Cloud Audit Logs: Admin Activity always; Data "
          + "Access (reads) only when enabled for the Kubernetes Engine API",
          "Console: IAM & Admin > Audit Logs > Kubernetes Engine API > Data Read and Data Write (or the project "
          + "IAM policy's auditConfigs for container.googleapis.com)",
          "https://cloud.google.com/kubernetes-engine/docs/how-to/audit-logging"),
      advice(GKE, VERSION_UPGRADES, "GKE upgrades clusters automatically along their release channel, within "
          + "maintenance windows; pin a channel and upgrade ahead of it when needed",
          "gcloud container clusters update <cluster> --release-channel regular, or gcloud container clusters "
          + "upgrade <cluster> --master --cluster-version <version>",
          "https://cloud.google.com/kubernetes-engine/docs/how-to/upgrading-a-cluster"),
      advice(GKE, KUBE_PROXY_MODE, "GKE runs kube-proxy in iptables mode and offers no setting for its mode; "
          + "Dataplane V2 (eBPF) replaces kube-proxy",
          "gcloud container clusters create <cluster> --enable-dataplane-v2 (chosen when the cluster is created)",
          "https://cloud.google.com/kubernetes-engine/docs/how-to/dataplane-v2"),

      advice(AKS, ETCD_ENCRYPTION, "AKS storage is encrypted at rest by the Azure platform; KMS etcd encryption "
          + "encrypts Secrets with an Azure Key Vault key of your own",
          "az aks update --resource-group <group> --name <cluster> --enable-azure-keyvault-kms "
          + "--azure-keyvault-kms-key-id <key-id> --azure-keyvault-kms-key-vault-network-access Public",
          "https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption"),
      advice(AKS, AUDIT_LOGS, "AKS keeps control-plane logs only when a diagnostic setting sends them; enable the "
          + "kube-audit-admin (writes) or kube-audit (all) category",
          "az monitor diagnostic-settings create --name aks-audit --resource <cluster-resource-id> --workspace "
          + "<log-analytics-workspace-id> --logs '[{\"category\":\"kube-audit-admin\",\"enabled\":true}]'",
          "https://learn.microsoft.com/azure/aks/monitor-aks-reference"),
      advice(AKS, VERSION_UPGRADES, "AKS upgrades when asked, or automatically with an auto-upgrade channel",
          "az aks upgrade --resource-group <group> --name <cluster> --kubernetes-version <version>, or az aks "
          + "update --resource-group <group> --name <cluster> --auto-upgrade-channel stable",
          "https://learn.microsoft.com/azure/aks/upgrade-aks-cluster"),
      advice(AKS, KUBE_PROXY_MODE, "kube-proxy is configured through the AKS API (networkProfile.kubeProxyConfig,"
          + " preview), not through its ConfigMap", "az aks update --resource-group <group> --name <cluster> "
          + "--kube-proxy-config kube-proxy.json, the file holding {\"enabled\": true, \"mode\": \"<MODE>\"} "
          + "(aks-preview extension)", "https://learn.microsoft.com/azure/aks/configure-kube-proxy"),

      advice(OVHCLOUD, ETCD_ENCRYPTION, "OVHcloud runs the control plane and its etcd; its documentation describes"
          + " no customer setting for encryption at rest of etcd, so Secrets may be stored without encryption you "
          + "control: keep secret values out of the cluster (an external secret store) or ask OVHcloud",
          "OVHcloud support ticket (Managed Kubernetes Service), or an external secret store such as OVHcloud "
          + "Secret Manager with the External Secrets Operator",
          "https://docs.ovhcloud.com/en/guides/public-cloud/containers-orchestration/managed-kubernetes/"
          + "understanding-mks-architecture"),
      advice(OVHCLOUD, AUDIT_LOGS, "OVHcloud keeps the API server's audit logs on its side; forward them to a "
          + "Logs Data Platform data stream to read them",
          "Control Panel: Managed Kubernetes Service > your cluster > Logs > Subscribe to a data stream (or POST "
          + "/cloud/project/{serviceName}/kube/{kubeId}/log/subscription)",
          "https://support.us.ovhcloud.com/hc/en-us/articles/29326025853715-Managed-Kubernetes-Service-Audit-Logs-"
          + "Forwarding"),
      advice(OVHCLOUD, VERSION_UPGRADES, "OVHcloud applies patch versions according to the cluster's update "
          + "policy and offers minor-version upgrades; minor versions the Kubernetes project no longer supports "
          + "lose support", "PUT /cloud/project/{serviceName}/kube/{kubeId}/updatePolicy (ALWAYS_UPDATE, "
          + "MINIMAL_DOWNTIME or NEVER_UPDATE), and POST /cloud/project/{serviceName}/kube/{kubeId}/update "
          + "{\"strategy\": \"NEXT_MINOR\"} (or Control Panel: Upgrade to the next minor version)",
          "https://github.com/ovh/docs/blob/develop/pages/public_cloud/containers_orchestration/managed_kubernetes/"
          + "eos-eol-policies/guide.en-gb.md"),
      advice(OVHCLOUD, KUBE_PROXY_MODE, "OVHcloud offers kube-proxy modes iptables and ipvs (no nftables), chosen "
          + "when the cluster is created; the ConfigMap is OVHcloud's", "kubeProxyMode \"<mode>\" in POST "
          + "/cloud/project/{serviceName}/kube, tuned with PUT /cloud/project/{serviceName}/kube/{kubeId}/"
          + "customization {\"kubeProxy\": {\"<mode>\": {...}}}",
          "https://github.com/ovh/docs/blob/1ca878978516388ae01e0524a0b485d425211fd4/pages/public_cloud/"
          + "containers_orchestration/managed_kubernetes/customizing-kubeproxy/guide.en-us.md"));

  private AdviceTable() {}

  private static ProviderAdvice advice(ClusterProfile profile, ProviderTopic topic, String setting, String action,
      String documentation) {
    return ProviderAdvice.builder().profile(profile).topic(topic).setting(setting).action(action)
        .documentation(documentation).build();
  }
}
