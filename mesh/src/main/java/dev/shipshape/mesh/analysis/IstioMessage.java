package dev.shipshape.mesh.analysis;

import dev.shipshape.core.findings.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Istio analysis message types that {@link MeshAnalyzer} reports, with Istio's own codes ({@code IST0101}), names
 * and levels as {@code istioctl analyze} prints them (see Istio's {@code pkg/config/analysis/msg/messages.yaml}).
 * Each finding of a mesh analysis carries the code as its equivalent id; its rule id is the name in kebab case.
 */
public enum IstioMessage {
  REFERENCED_RESOURCE_NOT_FOUND("IST0101", "ReferencedResourceNotFound", Level.ERROR),
  NAMESPACE_NOT_INJECTED("IST0102", "NamespaceNotInjected", Level.INFO),
  POD_MISSING_PROXY("IST0103", "PodMissingProxy", Level.WARNING),
  SCHEMA_VALIDATION_ERROR("IST0106", "SchemaValidationError", Level.ERROR),
  CONFLICTING_MESH_GATEWAY_VIRTUAL_SERVICE_HOSTS("IST0109", "ConflictingMeshGatewayVirtualServiceHosts", Level.ERROR),
  CONFLICTING_SIDECAR_WORKLOAD_SELECTORS("IST0110", "ConflictingSidecarWorkloadSelectors", Level.ERROR),
  MULTIPLE_SIDECARS_WITHOUT_WORKLOAD_SELECTORS("IST0111", "MultipleSidecarsWithoutWorkloadSelectors", Level.ERROR),
  VIRTUAL_SERVICE_DESTINATION_PORT_SELECTOR_REQUIRED(
      "IST0112", "VirtualServiceDestinationPortSelectorRequired", Level.ERROR),
  DEPLOYMENT_ASSOCIATED_TO_MULTIPLE_SERVICES("IST0116", "DeploymentAssociatedToMultipleServices", Level.WARNING),
  PORT_NAME_IS_NOT_UNDER_NAMING_CONVENTION("IST0118", "PortNameIsNotUnderNamingConvention", Level.INFO),
  NAMESPACE_MULTIPLE_INJECTION_LABELS("IST0123", "NamespaceMultipleInjectionLabels", Level.WARNING),
  NO_MATCHING_WORKLOADS_FOUND("IST0127", "NoMatchingWorkloadsFound", Level.WARNING),
  NO_SERVER_CERTIFICATE_VERIFICATION_DESTINATION_LEVEL(
      "IST0128", "NoServerCertificateVerificationDestinationLevel", Level.WARNING),
  NO_SERVER_CERTIFICATE_VERIFICATION_PORT_LEVEL("IST0129", "NoServerCertificateVerificationPortLevel", Level.WARNING),
  VIRTUAL_SERVICE_UNREACHABLE_RULE("IST0130", "VirtualServiceUnreachableRule", Level.WARNING),
  VIRTUAL_SERVICE_INEFFECTIVE_MATCH("IST0131", "VirtualServiceIneffectiveMatch", Level.INFO),
  VIRTUAL_SERVICE_HOST_NOT_FOUND_IN_GATEWAY("IST0132", "VirtualServiceHostNotFoundInGateway", Level.WARNING),
  SCHEMA_WARNING("IST0133", "SchemaWarning", Level.WARNING),
  SERVICE_ENTRY_ADDRESSES_REQUIRED("IST0134", "ServiceEntryAddressesRequired", Level.WARNING),
  DEPLOYMENT_CONFLICTING_PORTS("IST0137", "DeploymentConflictingPorts", Level.WARNING),
  GATEWAY_DUPLICATE_CERTIFICATE("IST0138", "GatewayDuplicateCertificate", Level.WARNING),
  INGRESS_ROUTE_RULES_NOT_AFFECTED("IST0140", "IngressRouteRulesNotAffected", Level.WARNING),
  INVALID_APPLICATION_UID("IST0144", "InvalidApplicationUID", Level.WARNING),
  CONFLICTING_GATEWAYS("IST0145", "ConflictingGateways", Level.ERROR),
  IMAGE_AUTO_WITHOUT_INJECTION_WARNING("IST0146", "ImageAutoWithoutInjectionWarning", Level.WARNING),
  IMAGE_AUTO_WITHOUT_INJECTION_ERROR("IST0147", "ImageAutoWithoutInjectionError", Level.ERROR),
  NAMESPACE_INJECTION_ENABLED_BY_DEFAULT("IST0148", "NamespaceInjectionEnabledByDefault", Level.INFO),
  JWT_CLAIM_BASED_ROUTING_WITHOUT_REQUEST_AUTHN("IST0149", "JwtClaimBasedRoutingWithoutRequestAuthN", Level.ERROR),
  EXTERNAL_NAME_SERVICE_TYPE_INVALID_PORT_NAME("IST0150", "ExternalNameServiceTypeInvalidPortName", Level.WARNING),
  INVALID_TELEMETRY_PROVIDER("IST0157", "InvalidTelemetryProvider", Level.WARNING),
  PODS_ISTIO_PROXY_IMAGE_MISMATCH_IN_NAMESPACE("IST0158", "PodsIstioProxyImageMismatchInNamespace", Level.WARNING),
  CONFLICTING_TELEMETRY_WORKLOAD_SELECTORS("IST0159", "ConflictingTelemetryWorkloadSelectors", Level.ERROR),
  MULTIPLE_TELEMETRIES_WITHOUT_WORKLOAD_SELECTORS(
      "IST0160", "MultipleTelemetriesWithoutWorkloadSelectors", Level.ERROR),
  INVALID_GATEWAY_CREDENTIAL("IST0161", "InvalidGatewayCredential", Level.ERROR),
  GATEWAY_PORT_NOT_DEFINED_ON_SERVICE("IST0162", "GatewayPortNotDefinedOnService", Level.WARNING),
  REFERENCED_INTERNAL_GATEWAY("IST0165", "ReferencedInternalGateway", Level.WARNING),
  INEFFECTIVE_POLICY("IST0167", "IneffectivePolicy", Level.WARNING),
  DESTINATION_RULE_SUBSET_NOT_SELECT_PODS("IST0173", "DestinationRuleSubsetNotSelectPods", Level.ERROR),
  UNKNOWN_DESTINATION_RULE_HOST("IST0174", "UnknownDestinationRuleHost", Level.WARNING),
  CONFLICTING_SERVICE_ENTRY_PROTOCOL("IST0177", "ConflictingServiceEntryProtocol", Level.WARNING);

  /** Istio's message levels, as {@code istioctl analyze} prints them. */
  public enum Level {
    ERROR("Error", Severity.HIGH),
    WARNING("Warning", Severity.MEDIUM),
    INFO("Info", Severity.INFO);

    private final String label;
    private final Severity severity;

    Level(String label, Severity severity) {
      this.label = label;
      this.severity = severity;
    }

    /** {@code Error}, {@code Warning} or {@code Info}. */
    public String label() {
      return label;
    }

    /** The findings-model severity: Error is high, Warning medium, Info info. */
    public Severity severity() {
      return severity;
    }

    /**
     * Parses {@code error}, {@code warning} or {@code info} in any letter case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Level parse(String text) {
      return Arrays.stream(values()).filter(l -> l.label.equalsIgnoreCase(text.trim())).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "level '" + text + "' is not one of Error, Warning, Info"));
    }
  }

  private final String code;
  private final String messageName;
  private final Level level;

  IstioMessage(String code, String messageName, Level level) {
    this.code = code;
    this.messageName = messageName;
    this.level = level;
  }

  /** Istio's code, such as {@code IST0101}. */
  public String code() {
    return code;
  }

  /** Istio's name, such as {@code ReferencedResourceNotFound}. */
  public String messageName() {
    return messageName;
  }

  public Level level() {
    return level;
  }

  /** The rule id of the findings: the name in kebab case, such as {@code referenced-resource-not-found}. */
  public String ruleId() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The message type of an Istio code or of a rule id, if it is one of these. */
  public static Optional<IstioMessage> find(String codeOrRuleId) {
    return Arrays.stream(values())
        .filter(m -> m.code.equals(codeOrRuleId) || m.ruleId().equals(codeOrRuleId))
        .findFirst();
  }
}
