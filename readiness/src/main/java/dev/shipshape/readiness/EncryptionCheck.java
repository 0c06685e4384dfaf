package dev.shipshape.readiness;

import dev.shipshape.core.Component;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.cluster.ProviderAdvice;
import dev.shipshape.core.cluster.ProviderTopic;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.etcd.EncryptionConfiguration;
import dev.shipshape.security.etcd.EncryptionProvider;
import dev.shipshape.security.etcd.ResourceEncryption;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Encryption of Secrets at rest in etcd ("Encrypting Confidential Data at Rest"). A spec declares it with the
 * security module's {@link EncryptionConfiguration} component: absent, not covering {@code secrets} (nor
 * {@code *.*} or {@code *.}), or with {@code identity} first (plaintext acknowledged) is a gap. On a live cluster,
 * the API server's static pods in {@code kube-system} (as kubeadm runs them) show whether
 * {@code --encryption-provider-config} is set; a control plane without such pods (managed, or outside the
 * cluster) is noted, as the API does not tell.
 *
 * <p>On a managed profile (declared by the spec, or detected on a live cluster) the provider runs the API server and
 * etcd: the finding gives the provider's setting ({@link ProviderTopic#ETCD_ENCRYPTION} advice) instead of the
 * kubeadm one, at {@code LOW} (neither spec nor API shows the provider's setting, and every provider encrypts its
 * disks), and a spec's {@code EncryptionConfiguration}, which no managed API server reads, is a gap of the rule's
 * severity.
 */
final class EncryptionCheck {
  static final FindingRule RULE = Outcome.rule("etcd-encryption", Severity.HIGH,
      "Secrets are stored in etcd without encryption at rest",
      "give the API server an EncryptionConfiguration (security module) with an encrypting provider first for"
          + " secrets, such as a KMS v2 plugin or aesgcm, and --encryption-provider-config",
      "cis:1.2.27", "cis:1.2.28", "kubescape:C-0066");
  private static final String FLAG = "--encryption-provider-config";

  private EncryptionCheck() {}

  static void run(ReadinessInput input, Outcome out) {
    ApiServerFileEvidence.run(input, out, RULE, "encryption configuration", profile -> provider(input, profile, out),
        components -> spec(components, out), () -> live(input, out));
  }

  private static void provider(ReadinessInput input, ClusterProfile profile, Outcome out) {
    ProviderAdvice advice = profile.advice(ProviderTopic.ETCD_ENCRYPTION);
    out.checked(RULE);
    List<EncryptionConfiguration> configs = input.components().map(EncryptionCheck::configs).orElse(List.of());
    for (EncryptionConfiguration c : configs) {
      out.fail(RULE, RULE.severity(), ref(c), null, "the spec is for " + profile.displayName() + ", whose API"
          + " server the provider runs: no API server reads this EncryptionConfiguration, so it encrypts nothing",
          "remove it from the spec; " + advice.remediation());
    }
    if (configs.isEmpty()) {
      out.fail(RULE, Severity.LOW, null, null, profile.displayName() + " runs etcd and the API server: encryption"
          + " of Secrets at rest is the provider's setting, which " + input.subject() + " does not show",
          advice.remediation());
    }
  }

  private static List<EncryptionConfiguration> configs(List<Component> components) {
    return components.stream().filter(c -> c instanceof EncryptionConfiguration)
        .map(c -> (EncryptionConfiguration) c).collect(Collectors.toList());
  }

  private static ResourceRef ref(EncryptionConfiguration c) {
    return ResourceRef.clusterScoped("apiserver.config.k8s.io", "EncryptionConfiguration", c.name());
  }

  private static void spec(List<Component> components, Outcome out) {
    List<EncryptionConfiguration> configs = configs(components);
    out.checked(RULE);
    if (configs.isEmpty()) {
      out.fail(RULE, null, null, "the spec has no EncryptionConfiguration: the API server stores Secrets in etcd"
          + " as plain base64, readable from etcd's disk and from every etcd backup");
      return;
    }
    for (EncryptionConfiguration c : configs) {
      ResourceRef ref = ref(c);
      Optional<ResourceEncryption> secrets = c.resources().stream().filter(r -> r.resources().stream()
          .anyMatch(EncryptionCheck::coversSecrets)).findFirst();
      if (secrets.isEmpty()) {
        out.fail(RULE, ref, "resources", "does not cover secrets (nor *.* or *.), so Secrets stay unencrypted");
      } else if (secrets.get().providers().isEmpty()
          || secrets.get().providers().get(0).type() == EncryptionProvider.Type.IDENTITY) {
        int index = c.resources().indexOf(secrets.get());
        out.fail(RULE, ref, "resources[" + index + "].providers[0]", "has identity first for "
            + secrets.get().resources() + ": new writes of Secrets are stored unencrypted");
      }
    }
  }

  /** The API server reads {@code secrets.} as {@code secrets}, the core group's. */
  private static boolean coversSecrets(String name) {
    return name.equals("secrets") || name.equals("secrets.") || name.equals("*.*") || name.equals("*.");
  }

  private static void live(ReadinessInput input, Outcome out) {
    List<Pod> servers = ApiServerPods.find(input);
    if (servers.isEmpty()) {
      out.note(ApiServerPods.unseen(RULE.id(), "whether etcd is encrypted", FLAG + " flag"));
      return;
    }
    for (Pod p : servers) {
      out.checked(RULE);
      if (!ApiServerPods.isSet(p, FLAG)) {
        out.fail(RULE, ResourceRef.of(p), ApiServerPods.FIELD, "runs without " + FLAG + ": Secrets are stored in"
            + " etcd as plain base64");
      }
    }
  }
}
