package dev.shipshape.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.RequiredCrd;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.SpecContext;
import dev.shipshape.mesh.analysis.internal.Credentials;
import dev.shipshape.mesh.internal.GatewayCredentials;
import dev.shipshape.mesh.internal.IstioObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ingress through Istio's ingress gateway for one host: a {@code Gateway} (HTTPS on 443 with the certificate of a
 * TLS Secret, HTTP on 80 redirecting to HTTPS) and a {@code VirtualService} bound to it that routes the host to a
 * Service of the spec.
 *
 * <pre>{@code
 * IngressGateway.forHost("shop", "shop.example.com").tlsSecret("shop-tls").routeTo("web", 80);
 * }</pre>
 *
 * The Secret must be in the namespace of the gateway's pods ({@code istio-system} for Istio's default
 * {@code istio-ingressgateway}); planning checks that it is in the spec or declared pre-existing. Both objects are
 * named after the host ({@code shop-example-com-gateway}; {@code *} becomes {@code wildcard}); the Gateway carries the
 * annotation {@code shipshape.dev/ingress-gateway} (the host), by which planning leaves the check of its credential
 * to this component. Immutable.
 */
public final class IngressGateway implements Component {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final String namespace;
  private final String host;
  private final String secret;
  private final String secretNamespace;
  private final String service;
  private final int port;

  private IngressGateway(String namespace, String host, String secret, String secretNamespace, String service,
      int port) {
    this.namespace = namespace;
    this.host = host;
    this.secret = secret;
    this.secretNamespace = secretNamespace;
    this.service = service;
    this.port = port;
  }

  /** Ingress for {@code host}, its Gateway and VirtualService in {@code namespace}. */
  public static IngressGateway forHost(String namespace, String host) {
    return new IngressGateway(Objects.requireNonNull(namespace, "namespace == null"),
        Objects.requireNonNull(host, "host == null"), null, "istio-system", null, 0);
  }

  /**
   * The TLS Secret ({@code tls.crt}, {@code tls.key}), in {@code istio-system} by default: its name, as Istio reads a
   * server's {@code credentialName} ({@code kubernetes://NAME} too). Planning refuses a {@code configmap://}
   * credential (a ConfigMap gives no key) and a Secret of another namespace than the gateway's pods.
   */
  public IngressGateway tlsSecret(String name) {
    return new IngressGateway(namespace, host, Objects.requireNonNull(name, "name == null"), secretNamespace,
        service, port);
  }

  /** The namespace of the gateway's pods, where the TLS Secret lives. By default, {@code istio-system}. */
  public IngressGateway gatewayNamespace(String name) {
    return new IngressGateway(namespace, host, secret, Objects.requireNonNull(name, "namespace == null"), service,
        port);
  }

  /** Routes the host to port {@code servicePort} of Service {@code name} in the namespace. */
  public IngressGateway routeTo(String name, int servicePort) {
    return new IngressGateway(namespace, host, secret, secretNamespace, Objects.requireNonNull(name,
        "service == null"), servicePort);
  }

  /** The host with {@code *} as {@code wildcard} and dots as dashes, then {@code -gateway}. */
  private String gatewayName() {
    return host.replace("*", "wildcard").replace('.', '-') + "-gateway";
  }

  @Override
  public String name() {
    return "ingress " + namespace + "/" + host;
  }

  @Override
  public List<HasMetadata> compile(CompileContext context) {
    ObjectNode gw = IstioObjects.node();
    gw.putObject("selector").put("istio", "ingressgateway");
    var servers = gw.putArray("servers");
    ObjectNode https = servers.addObject();
    https.putObject("port").put("number", 443).put("name", "https").put("protocol", "HTTPS");
    https.putArray("hosts").add(host);
    https.putObject("tls").put("mode", "SIMPLE").put("credentialName", secret);
    ObjectNode http = servers.addObject();
    http.putObject("port").put("number", 80).put("name", "http").put("protocol", "HTTP");
    http.putArray("hosts").add(host);
    http.putObject("tls").put("httpsRedirect", true);
    ObjectNode vs = IstioObjects.node();
    vs.putArray("hosts").add(host);
    vs.putArray("gateways").add(namespace + "/" + gatewayName());
    vs.putArray("http").addObject().putArray("route").addObject().putObject("destination")
        .put("host", IstioObjects.serviceHost(namespace, service == null ? "" : service))
        .putObject("port").put("number", port);
    HasMetadata gateway = IstioObjects.object(IstioObjects.NETWORKING, "Gateway", namespace, gatewayName(), gw);
    gateway.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(IstioObjects.INGRESS_ANNOTATION, host)));
    return List.of(gateway,
        IstioObjects.object(IstioObjects.NETWORKING, "VirtualService", namespace, gatewayName(), vs));
  }

  @Override
  public List<RequiredCrd> requiredCrds() {
    return List.of(IstioObjects.GATEWAYS, IstioObjects.VIRTUAL_SERVICES);
  }

  @Override
  public List<Problem> validate(SpecContext context) {
    List<Problem> problems = new ArrayList<>();
    ResourceRef ref = ResourceRef.namespaced(IstioObjects.NETWORKING, "Gateway", namespace, gatewayName());
    if (!DNS_LABEL.matcher(gatewayName()).matches()) {
      // Istio's validation: "Gateway name must conform to the DNS label format (no dots)".
      problems.add(Problem.error(ref, "metadata.name", "the Gateway's name " + gatewayName() + ", made from host "
              + host + ", is not a DNS label (at most 63 lower-case letters, digits and '-'), so Istio refuses it",
          "give the host in lower case, short enough for a name of at most 63 characters"));
    }
    if (secret == null || service == null) {
      problems.add(Problem.error(ref, "spec.servers", "the ingress for " + host + " needs a TLS Secret and a route",
          "call tlsSecret(name) and routeTo(service, port)"));
      return problems;
    }
    String field = "spec.servers[0].tls.credentialName";
    Optional<Problem> invalid = GatewayCredentials.serverCredential(ref, field, secret, Optional.of(secretNamespace));
    invalid.ifPresent(problems::add);
    Credentials credential = Credentials.parse(secret);
    if (invalid.isPresent() || credential.kind() != Credentials.Kind.SECRET) return problems;
    ResourceRef secretRef = ResourceRef.core("Secret", secretNamespace, credential.name());
    if (context.find(secretRef).isEmpty() && !context.isPreExisting(secretRef)) {
      problems.add(Problem.error(ref, field, "TLS Secret " + secretNamespace + "/" + credential.name()
              + " is neither in the spec nor declared pre-existing; the gateway would serve no certificate",
          "add the Secret (type kubernetes.io/tls) to the spec in " + secretNamespace
              + ", or declare it with preExistingResource"));
    }
    // The route's Service is checked with every other VirtualService destination (RouteHostsCheck).
    return problems;
  }
}
