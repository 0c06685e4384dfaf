package dev.shipshape.mesh.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Credentials;
import dev.shipshape.mesh.analysis.internal.TlsRules;
import dev.shipshape.mesh.internal.DestinationRules.Rule;
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
 * The client TLS credentials of one DestinationRule ({@code credentialName} in {@code SIMPLE} or {@code MUTUAL}
 * mode, of its traffic policy, its port-level settings and its subsets'), as {@link TlsCredentialsCheck} describes
 * them.
 *
 * @param context the planned spec
 * @param lookup the rules gateways use, for this run of the check
 * @param gateways the spec's gateway workloads ({@code Kind namespace/name}) and their ServiceAccounts, by namespace
 * @param rule the DestinationRule
 * @param problems where the problems go
 */
record ClientCredentials(SpecContext context, DestinationRuleLookup lookup,
    Map<String, Map<String, String>> gateways, Rule rule, List<Problem> problems) {

  /** Checks every client TLS setting of the rule. */
  void check() {
    JsonNode spec = rule.spec();
    policy(spec.path("trafficPolicy"), "spec.trafficPolicy");
    for (int i = 0; i < spec.path("subsets").size(); i++) {
      policy(spec.path("subsets").get(i).path("trafficPolicy"), "spec.subsets[" + i + "].trafficPolicy");
    }
  }

  private void policy(JsonNode policy, String at) {
    clientTls(policy.path("tls"), at + ".tls");
    for (int i = 0; i < policy.path("portLevelSettings").size(); i++) {
      clientTls(policy.path("portLevelSettings").get(i).path("tls"), at + ".portLevelSettings[" + i + "].tls");
    }
  }

  private void clientTls(JsonNode tls, String at) {
    String credentialName = tls.path("credentialName").asText("");
    String mode = tls.path("mode").asText("");
    if (credentialName.isEmpty() || !(mode.equals("SIMPLE") || mode.equals("MUTUAL"))) return;
    ResourceRef ref = rule.ref();
    String ns = rule.namespace();
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
      case SECRET -> secret(field, credential, mode);
      case BUILTIN -> { }
    }
  }

  private void secret(String field, Credentials credential, String mode) {
    ResourceRef ref = rule.ref();
    String ns = rule.namespace();
    if (rule.spec().path("workloadSelector").isObject()) {
      if (credential.inProxyNamespace(ns)) {
        read(field, credential, ns, selectedAccounts(ns), "the selected workloads", mode);
      } else {
        problems.add(CredentialProblems.crossNamespace(ref, field, credential, ns, "the selected workloads"));
      }
      return;
    }
    // Gateways read a rule without selector in each namespace that uses it, its own or one it is exported to.
    Map<String, List<String>> hostsByNamespace = new LinkedHashMap<>();
    for (String gatewayNs : gateways.keySet()) {
      List<String> hosts = lookup.hostsUsedIn(gatewayNs, rule);
      if (!hosts.isEmpty()) hostsByNamespace.put(gatewayNs, hosts);
    }
    List<String> reading = hostsByNamespace.keySet().stream().filter(credential::inProxyNamespace).toList();
    problems.add(reading.isEmpty() ? withoutTls(field, credential) : throughGateways(field, credential, reading));
    hostsByNamespace.forEach((gatewayNs, hosts) -> {
      Map<String, String> workloads = gateways.get(gatewayNs);
      if (credential.inProxyNamespace(gatewayNs)) {
        read(field, credential, gatewayNs, new LinkedHashSet<>(workloads.values()), "the gateway's pods", mode);
      } else {
        problems.add(CredentialProblems.crossNamespaceForGateways(ref, field, credential, gatewayNs,
            List.copyOf(workloads.keySet()), hosts));
      }
    });
    // Gateways outside the spec may use the rule only where it reaches; a named Secret serves one namespace.
    for (String reached : lookup.reachedNamespaces(rule)) {
      if (!gateways.containsKey(reached) && !credential.inProxyNamespace(reached)) {
        problems.add(CredentialProblems.crossNamespaceForGateways(ref, field, credential, reached, List.of(),
            lookup.hostsUsedIn(reached, rule)));
      }
    }
  }

  /** The warning for a rule without selector whose Secret no gateway of the spec reads: sidecars ignore it. */
  private Problem withoutTls(String field, Credentials credential) {
    String ns = rule.namespace();
    return Problem.warning(rule.ref(), field, "sidecars leave out TLS settings with a Secret credential of a "
            + "DestinationRule without workloadSelector, so they connect to " + rule.host() + " without TLS; only "
            + "gateways read the Secret, in their own namespace", "add a workloadSelector for the client workloads "
            + "(the Secret " + credential.name() + " then in " + ns + "), or, for a CA certificate only, use "
            + "configmap://" + ns + "/<ConfigMap name>");
  }

  /**
   * The warning for a rule without selector that gateways of the spec use and read the Secret of, in
   * {@code namespaces}: sidecars connect without TLS, and only requests routed through one of those gateways get it.
   */
  private Problem throughGateways(String field, Credentials credential, List<String> namespaces) {
    String host = rule.host();
    String where = String.join(" and ", namespaces);
    String secrets = namespaces.stream().map(n -> n + "/" + credential.name()).collect(Collectors.joining(" or "));
    return Problem.warning(rule.ref(), field, "sidecars leave out TLS settings with a Secret credential of a "
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
  private void read(String field, Credentials credential, String ns, Collection<String> accounts, String readers,
      String mode) {
    ResourceRef ref = rule.ref();
    CredentialProblems.present(context, ref, field, ResourceRef.core("Secret", ns, credential.name()), problems);
    if (!SecretListGrants.needsGrant(credential.name())) return;
    for (String account : SecretListGrants.ungranted(context, ns, accounts)) {
      problems.add(CredentialProblems.listDenied(ref, field, ns, credential.name(), account, readers,
          "their connections to " + rule.host() + " get no " + (mode.equals("MUTUAL") ? "client certificate"
              : "credential (current istiod asks for it in SIMPLE mode too)")));
    }
  }

  /** The ServiceAccounts of the workloads in {@code ns} that the rule's {@code workloadSelector} selects. */
  private Set<String> selectedAccounts(String ns) {
    Map<String, String> selector = new TreeMap<>();
    rule.spec().path("workloadSelector").path("matchLabels").fields()
        .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
    return SecretListGrants.serviceAccounts(context, ns, selector);
  }
}
