package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.mesh.analysis.internal.Credentials;
import dev.shipshape.mesh.analysis.internal.ExportToRules;
import dev.shipshape.mesh.analysis.internal.TlsRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code credentialName}s of the spec's DestinationRules and Gateways name what Istio can serve, where Istio
 * reads it ({@link Credentials} tells the forms apart):
 * <ul>
 *   <li>a DestinationRule's {@code configmap://} credential follows {@link TlsRules}: it names the rule's own
 *       namespace, where every proxy that uses the rule reads it, whatever the proxy's namespace
 *       ({@code filterAuthorizedResources} in istio/istio {@code pilot/pkg/xds/sds.go} serves any ConfigMap
 *       reference, "cross-namespace lookups are expected"), so the ConfigMap is checked there once, also for a rule
 *       exported to gateways of other namespaces;</li>
 *   <li>a Secret credential is read for the workloads of a rule with a {@code workloadSelector}, which are in the
 *       rule's namespace, while sidecars leave a rule without one out altogether and connect without TLS
 *       ({@code buildUpstreamClusterTLSContext} in {@code pilot/pkg/networking/core/cluster_tls.go}: only gateways
 *       read such Secrets, in their own namespace whatever the rule's, as {@code ParseResourceName} resolves the
 *       name in the proxy's namespace; as for TLS origination at an egress gateway). Such a rule reaches the
 *       gateways of every namespace that uses it, its own or one its {@code exportTo} names
 *       ({@link DestinationRuleLookup}), and the Secret is checked in each namespace where the spec runs such
 *       gateways: a Secret named with another namespace is an error there. Where the spec runs none, a Secret named
 *       with another namespace than one the rule reaches (its own, or one its {@code exportTo} names) is a warning
 *       for the gateways that would use the rule there;</li>
 *   <li>istiod serves a proxy a Secret that no Gateway verified only when the proxy's ServiceAccount may
 *       {@code list} Secrets in its namespace ({@code filterAuthorizedResources} in {@code pilot/pkg/xds/sds.go}
 *       asks {@code CredentialsController.Authorize}; names ending in {@code -cacert}, CA certificates only, skip
 *       it). A client credential asks for more than the CA certificate in {@code SIMPLE} mode too, in current Istio
 *       ({@link SecretListGrants#needsGrant}): then, for the workloads of a rule with a selector, or the
 *       gateway workloads (ingress or egress) of the spec in each namespace that uses a rule without one, a warning
 *       for each ServiceAccount that the spec's RBAC does not grant it there ({@link SecretListGrants});</li>
 *   <li>a Gateway's server credentials follow {@link GatewayCredentials};</li>
 *   <li>a Secret or ConfigMap in the namespace Istio reads is in the spec or declared pre-existing (a warning: it may
 *       be created otherwise).</li>
 * </ul>
 * The Gateways of {@code IngressGateway} components, which carry {@link IstioObjects#INGRESS_ANNOTATION}, are
 * checked by the component, which knows the gateway's namespace. Every DestinationRule's {@code exportTo} is checked
 * too ({@link ExportToRules}), its problems shown under {@link #DESTINATION_RULES}.
 */
public final class TlsCredentialsCheck implements SpecCheck {
  /**
   * The check its problems of Istio's validation of a DestinationRule's {@code exportTo} are shown with: this check
   * reads every rule for its credentials, and judges where a rule reaches by its {@code exportTo}.
   */
  static final String DESTINATION_RULES = "mesh-destination-rules";

  @Override
  public String name() {
    return "mesh-tls-credentials";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    List<HasMetadata> gateways = GatewayCredentials.gatewayWorkloads(context);
    for (HasMetadata dr : context.resources(IstioObjects.NETWORKING, "DestinationRule")) {
      Rule rule = new Rule(context, dr, IstioObjects.spec(dr), gateways, problems);
      ResourceRef ref = ResourceRef.of(dr);
      ExportToRules.destinationRule(rule.spec, CredentialProblems.namespace(dr), (error, field, detail, fix) ->
          problems.add(Problem.error(ref, field, detail, fix).inComponent(DESTINATION_RULES)));
      rule.policy(rule.spec.path("trafficPolicy"), "spec.trafficPolicy");
      for (int i = 0; i < rule.spec.path("subsets").size(); i++) {
        rule.policy(rule.spec.path("subsets").get(i).path("trafficPolicy"), "spec.subsets[" + i + "].trafficPolicy");
      }
    }
    for (HasMetadata gateway : context.resources(IstioObjects.NETWORKING, "Gateway")) {
      Map<String, String> annotations = gateway.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey(IstioObjects.INGRESS_ANNOTATION)) {
        GatewayCredentials.check(context, gateway, problems);
      }
    }
    return problems;
  }

  /** One DestinationRule's client TLS settings. */
  private record Rule(SpecContext context, HasMetadata dr, JsonNode spec, List<HasMetadata> gateways,
      List<Problem> problems) {
    void policy(JsonNode policy, String at) {
      clientTls(policy.path("tls"), at + ".tls");
      for (int i = 0; i < policy.path("portLevelSettings").size(); i++) {
        clientTls(policy.path("portLevelSettings").get(i).path("tls"), at + ".portLevelSettings[" + i + "].tls");
      }
    }

    private void clientTls(JsonNode tls, String at) {
      String credentialName = tls.path("credentialName").asText("");
      String mode = tls.path("mode").asText("");
      if (credentialName.isEmpty() || !(mode.equals("SIMPLE") || mode.equals("MUTUAL"))) return;
      ResourceRef ref = ResourceRef.of(dr);
      String ns = CredentialProblems.namespace(dr);
      String field = at + ".credentialName";
      Credentials credential = Credentials.parse(credentialName);
      switch (credential.kind()) {
        case CONFIG_MAP -> {
          List<Problem> invalid = new ArrayList<>();
          TlsRules.credential(credentialName, mode, ns, field, (error, f, detail, fix) ->
              invalid.add(Problem.error(ref, f, detail, fix)));
          problems.addAll(invalid);
          if (invalid.isEmpty()) {
            CredentialProblems.present(context, ref, field, ResourceRef.core("ConfigMap", ns, credential.name()),
                problems);
          }
        }
        case GATEWAY_API -> problems.add(CredentialProblems.gatewayApi(ref, field, credentialName,
            "a DestinationRule"));
        case SECRET -> secret(ref, field, credential, ns, mode);
        case BUILTIN -> { }
      }
    }

    private void secret(ResourceRef ref, String field, Credentials credential, String ns, String mode) {
      if (spec.path("workloadSelector").isObject()) {
        if (credential.inProxyNamespace(ns)) {
          read(ref, field, credential, ns, selectedAccounts(ns), "the selected workloads", mode);
        } else {
          problems.add(CredentialProblems.crossNamespace(ref, field, credential, ns, "the selected workloads"));
        }
        return;
      }
      // Gateways read a rule without selector in each namespace that uses it, its own or one it is exported to.
      DestinationRuleLookup lookup = DestinationRuleLookup.of(context);
      Map<String, Set<String>> gatewayAccounts = new LinkedHashMap<>();
      for (HasMetadata workload : gateways) {
        String gatewayNs = CredentialProblems.namespace(workload);
        if (gatewayAccounts.containsKey(gatewayNs) || lookup.usedIn(gatewayNs, dr)) {
          Workloads.podTemplate(workload).ifPresent(t -> gatewayAccounts.computeIfAbsent(gatewayNs,
              k -> new LinkedHashSet<>()).add(SecretListGrants.serviceAccount(t)));
        }
      }
      String host = spec.path("host").asText("");
      if (gatewayAccounts.isEmpty()) {
        problems.add(Problem.warning(ref, field, "sidecars leave out TLS settings with a Secret credential of a "
                + "DestinationRule without workloadSelector, so they connect to " + host + " without TLS; only "
                + "gateways read the Secret, in their own namespace", "add a workloadSelector for the client "
                + "workloads (the Secret " + credential.name() + " then in " + ns + "), or, for a CA certificate "
                + "only, use configmap://" + ns + "/<ConfigMap name>"));
        // Gateways outside the spec may use the rule only where it reaches; a named Secret serves one namespace.
        for (String reached : lookup.reachedNamespaces(dr)) {
          if (!credential.inProxyNamespace(reached)) {
            problems.add(CredentialProblems.crossNamespaceForGateways(ref, field, credential, reached, false));
          }
        }
        return;
      }
      List<String> reading = gatewayAccounts.keySet().stream().filter(credential::inProxyNamespace).toList();
      if (!reading.isEmpty()) problems.add(throughGateways(ref, field, credential, host, reading));
      gatewayAccounts.forEach((gatewayNs, accounts) -> {
        if (credential.inProxyNamespace(gatewayNs)) {
          read(ref, field, credential, gatewayNs, accounts, "the gateway's pods", mode);
        } else {
          problems.add(CredentialProblems.crossNamespaceForGateways(ref, field, credential, gatewayNs, true));
        }
      });
    }

    /**
     * The warning for a rule without selector that gateways of the spec use and read the Secret of, in
     * {@code namespaces}: sidecars connect without TLS, and only requests routed through one of those gateways get
     * it.
     */
    private Problem throughGateways(ResourceRef ref, String field, Credentials credential, String host,
        List<String> namespaces) {
      String where = String.join(" and ", namespaces);
      String secrets = namespaces.stream().map(n -> n + "/" + credential.name()).collect(Collectors.joining(" or "));
      return Problem.warning(ref, field, "sidecars leave out TLS settings with a Secret credential of a "
              + "DestinationRule without workloadSelector, so they connect to " + host + " without TLS; "
              + (namespaces.size() == 1 ? "the gateway of the spec in " + where + " reads the Secret"
                  : "the gateways of the spec in " + where + " read the Secret, each in its own namespace,")
              + " and originate" + (namespaces.size() == 1 ? "s" : "") + " TLS",
          "route the requests for " + host + " through the gateway in " + String.join(" or ", namespaces)
              + " (a VirtualService for the mesh and its Gateway), so that it originates TLS with Secret " + secrets);
    }

    /**
     * The Secret credential, of namespace {@code ns}, as the proxies {@code readers} in {@code ns}, with the
     * ServiceAccounts {@code accounts}, read it: present, and a Secret they may list.
     */
    private void read(ResourceRef ref, String field, Credentials credential, String ns, Collection<String> accounts,
        String readers, String mode) {
      CredentialProblems.present(context, ref, field, ResourceRef.core("Secret", ns, credential.name()), problems);
      if (!SecretListGrants.needsGrant(credential.name())) return;
      String host = spec.path("host").asText("");
      for (String account : SecretListGrants.ungranted(context, ns, accounts)) {
        problems.add(CredentialProblems.listDenied(ref, field, ns, credential.name(), account, readers,
            "their connections to " + host + " get no " + (mode.equals("MUTUAL") ? "client certificate"
                : "credential (current istiod asks for it in SIMPLE mode too)")));
      }
    }

    /** The ServiceAccounts of the workloads in {@code ns} that the rule's {@code workloadSelector} selects. */
    private Set<String> selectedAccounts(String ns) {
      Map<String, String> selector = new TreeMap<>();
      spec.path("workloadSelector").path("matchLabels").fields()
          .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
      return SecretListGrants.serviceAccounts(context, ns, selector);
    }
  }
}
