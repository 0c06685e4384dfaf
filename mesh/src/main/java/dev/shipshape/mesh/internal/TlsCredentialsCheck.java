package dev.shipshape.mesh.internal;

import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecCheck;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.Workloads;
import dev.shipshape.mesh.analysis.internal.Credentials;
import dev.shipshape.mesh.analysis.internal.TlsRules;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *       ({@link DestinationRuleLookup}: for a service visible there), and the Secret is checked in each namespace
 *       where the spec runs such gateways: a Secret named with another namespace is an error there, naming the
 *       gateways and the hosts they use the rule for. In a namespace the rule reaches (its own, or one its
 *       {@code exportTo} names) where the spec runs none, a Secret named with another namespace is a warning for
 *       the gateways that would use the rule there. Sidecars connect without TLS: a warning, which names the
 *       gateways of the spec that read the Secret, if any;</li>
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
 * checked by the component, which knows the gateway's namespace.
 */
public final class TlsCredentialsCheck implements SpecCheck {
  @Override
  public String name() {
    return "mesh-tls-credentials";
  }

  @Override
  public List<Problem> check(SpecContext context) {
    return check(context, new DestinationRuleLookup(context));
  }

  /** The problems of the spec's credentials, the rules gateways use looked up with {@code lookup}. */
  List<Problem> check(SpecContext context, DestinationRuleLookup lookup) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Map<String, String>> gateways = gatewaysByNamespace(context);
    for (DestinationRules.Rule rule : DestinationRules.of(context).all()) {
      new ClientCredentials(context, lookup, gateways, rule, problems).check();
    }
    for (HasMetadata gateway : context.resources(IstioObjects.NETWORKING, "Gateway")) {
      Map<String, String> annotations = gateway.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey(IstioObjects.INGRESS_ANNOTATION)) {
        GatewayCredentials.check(context, gateway, problems);
      }
    }
    return problems;
  }

  /**
   * The spec's gateway workloads ({@link GatewayCredentials#gatewayWorkloads}) that run pods, by namespace: each
   * named {@code Kind namespace/name}, with the ServiceAccount of its pods.
   */
  private static Map<String, Map<String, String>> gatewaysByNamespace(SpecContext context) {
    Map<String, Map<String, String>> gateways = new LinkedHashMap<>();
    for (HasMetadata workload : GatewayCredentials.gatewayWorkloads(context)) {
      String ns = CredentialProblems.namespace(workload);
      Workloads.podTemplate(workload).ifPresent(t -> gateways.computeIfAbsent(ns, k -> new LinkedHashMap<>())
          .put(workload.getKind() + " " + ns + "/" + workload.getMetadata().getName(),
              SecretListGrants.serviceAccount(t)));
    }
    return gateways;
  }
}
