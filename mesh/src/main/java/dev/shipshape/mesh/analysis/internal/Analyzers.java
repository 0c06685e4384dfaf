package dev.shipshape.mesh.analysis.internal;

import java.util.List;
import java.util.Optional;

/** The registry of analyzers, in the order they run. */
public final class Analyzers {
  private Analyzers() {}

  public static List<Analyzer> all() {
    List<Analyzer> all = new java.util.ArrayList<>(List.of(
        new VsDestinationHostAnalyzer(),
        new VsDestinationRuleAnalyzer(),
        new VsGatewayAnalyzer(),
        new VsConflictingMeshGatewayHostsAnalyzer(),
        new VsJwtClaimRouteAnalyzer(),
        new VsRuleShadowingAnalyzer(),
        new GatewayPortAnalyzer(),
        new GatewaySecretAnalyzer(),
        new GatewayConflictAnalyzer(),
        new GatewayCertificateAnalyzer(),
        new DrCaCertificateAnalyzer(),
        new DrSubsetPodsAnalyzer(),
        new SeAddressesAnalyzer(),
        new SeProtocolConflictAnalyzer(),
        new SidecarSelectorAnalyzer(),
        new AuthorizationPolicyAnalyzer(),
        new TelemetryAnalyzers.Provider(),
        new TelemetryAnalyzers.Selector(),
        new TelemetryAnalyzers.DefaultSelector(),
        new ServicePortNameAnalyzer(),
        new WorkloadAnalyzers.MultiService(),
        new WorkloadAnalyzers.ApplicationUid(),
        new InjectionAnalyzer(),
        new ProxyImageAnalyzer(),
        new ImageAutoAnalyzer()));
    // VsRuleShadowingAnalyzer is Istio's schema.ValidationAnalyzer.VirtualService and runs these checks itself.
    for (String kind : SchemaValidationAnalyzer.KINDS) {
      if (!kind.equals("VirtualService")) all.add(new SchemaValidationAnalyzer(kind));
    }
    return List.copyOf(all);
  }

  public static Optional<Analyzer> find(String name) {
    return all().stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
