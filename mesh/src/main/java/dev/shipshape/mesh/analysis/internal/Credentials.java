package dev.shipshape.mesh.analysis.internal;

import java.util.Optional;

/**
 * A {@code credentialName} as Istio reads it ({@code ToResourceName} and {@code ParseResourceName} in istio/istio
 * {@code pilot/pkg/model/credentials/resource.go}): a name without prefix is a Secret, {@code kubernetes://} one
 * explicitly, either as {@code NAME} (in the namespace of the proxy that uses it) or {@code NAMESPACE/NAME};
 * {@code configmap://NAMESPACE/NAME} is a ConfigMap, of which Istio serves only the CA certificate
 * ({@code SecretGen.generate} in {@code pilot/pkg/xds/sds.go}); {@code builtin://} is the proxy's own mesh
 * certificate; {@code kubernetes-gateway://NAMESPACE/NAME} is the form Istio writes for the Kubernetes Gateway API,
 * which it serves only for references a Gateway verified ({@code filterAuthorizedResources}): one in the namespace of
 * the proxy that names it ({@code mergeGateways} in {@code pilot/pkg/model/gateway.go}).
 *
 * @param kind what the credential names
 * @param namespace the namespace given, empty when it is the proxy's
 * @param name the name of the Secret or ConfigMap, empty for {@link Kind#BUILTIN}
 * @param problem why Istio cannot parse it, in Istio's words
 */
public record Credentials(Kind kind, Optional<String> namespace, String name, Optional<String> problem) {
  /** What a credential names. */
  public enum Kind { SECRET, CONFIG_MAP, BUILTIN, GATEWAY_API }

  private static final String SECRET = "kubernetes://";
  private static final String CONFIG_MAP = "configmap://";
  private static final String GATEWAY_API = "kubernetes-gateway://";
  private static final String BUILTIN = "builtin://";

  /** Reads a non-empty {@code credentialName}. */
  public static Credentials parse(String credentialName) {
    if (credentialName.startsWith(BUILTIN)) {
      return new Credentials(Kind.BUILTIN, Optional.empty(), "", Optional.empty());
    }
    if (credentialName.startsWith(CONFIG_MAP)) return qualified(Kind.CONFIG_MAP, credentialName, CONFIG_MAP);
    if (credentialName.startsWith(GATEWAY_API)) return qualified(Kind.GATEWAY_API, credentialName, GATEWAY_API);
    // Without a prefix Istio adds kubernetes://, so NAMESPACE/NAME names a namespace either way.
    String[] parts = credentialName.substring(credentialName.startsWith(SECRET) ? SECRET.length() : 0).split("/", -1);
    return parts.length > 1
        ? new Credentials(Kind.SECRET, Optional.of(parts[0]), parts[1], Optional.empty())
        : new Credentials(Kind.SECRET, Optional.empty(), parts[0], Optional.empty());
  }

  /** A form that needs {@code NAMESPACE/NAME}, both non-empty. */
  private static Credentials qualified(Kind kind, String credentialName, String prefix) {
    String[] parts = credentialName.substring(prefix.length()).split("/", -1);
    String invalid = "invalid resource name \"" + credentialName + "\". ";
    if (parts.length <= 1) {
      return new Credentials(kind, Optional.empty(), "", Optional.of(invalid + "Expected namespace and name"));
    }
    if (parts[0].isEmpty()) {
      return new Credentials(kind, Optional.empty(), parts[1], Optional.of(invalid + "Expected namespace"));
    }
    if (parts[1].isEmpty()) {
      return new Credentials(kind, Optional.of(parts[0]), "", Optional.of(invalid + "Expected name"));
    }
    return new Credentials(kind, Optional.of(parts[0]), parts[1], Optional.empty());
  }

  /** The namespace Istio reads the credential in, {@code proxyNamespace} when none is given. */
  public String namespaceOr(String proxyNamespace) {
    return namespace.orElse(proxyNamespace);
  }

  /**
   * True when, for a proxy of {@code proxyNamespace}, the credential is in the proxy's own namespace: it names none,
   * or that one. istiod serves a proxy no Secret of another namespace.
   */
  public boolean inProxyNamespace(String proxyNamespace) {
    return namespaceOr(proxyNamespace).equals(proxyNamespace);
  }
}
