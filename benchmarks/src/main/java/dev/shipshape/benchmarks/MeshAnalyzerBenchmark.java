package dev.shipshape.benchmarks;

import dev.shipshape.core.Manifests;
import dev.shipshape.core.findings.FindingReport;
import dev.shipshape.mesh.analysis.MeshAnalyzer;
import dev.shipshape.testing.internal.Pki;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Every Istio analyzer over N tenants, each with its own Gateway on the shared ingress gateway pods, a TLS
 * certificate (its Secret beside the gateway pods), a host on one more Gateway that all tenants share, a
 * VirtualService bound to both Gateways that splits its Service by subset, a DestinationRule, a
 * ServiceEntry, an AuthorizationPolicy and a meshed pod: the analyzers that compare gateways, hosts or certificates
 * pairwise, or scan every pod per object, grow with the square of N. Four times the tenants should cost about four
 * times as much.
 */
public class MeshAnalyzerBenchmark extends InProcessBenchmark {
  @Param({"250", "1000"})
  public int tenants;

  private List<HasMetadata> objects;

  @Setup(Level.Trial)
  public void setUp() {
    Pki pki = Pki.generate();
    objects = Manifests.parse(yaml(tenants, pki.caPem(), pki.caKeyPem()));
  }

  @Benchmark
  public FindingReport analyze() {
    return MeshAnalyzer.all().analyze(objects);
  }

  /**
   * The ingress gateway's namespace, pod and Service, and {@code tenants} tenants; each tenant's TLS Secret holds
   * {@code certificate} and {@code key} (PEM).
   */
  static String yaml(int tenants, String certificate, String key) {
    Base64.Encoder base64 = Base64.getEncoder();
    String tls = "data: {tls.crt: " + base64.encodeToString(certificate.getBytes(StandardCharsets.US_ASCII))
        + ", tls.key: " + base64.encodeToString(key.getBytes(StandardCharsets.US_ASCII)) + "}\n";
    StringBuilder yaml = new StringBuilder()
        .append("apiVersion: v1\nkind: Namespace\nmetadata: {name: istio-system}\n")
        .append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: ingressgateway, namespace: istio-system,")
        .append(" labels: {istio: ingressgateway}}\n")
        .append("spec: {containers: [{name: istio-proxy, image: 'docker.io/istio/proxyv2:1.24.0',")
        .append(" ports: [{containerPort: 8443}]}]}\n")
        .append("---\napiVersion: v1\nkind: Service\nmetadata: {name: ingressgateway, namespace: istio-system}\n")
        .append("spec: {selector: {istio: ingressgateway}, ports: [{name: https, port: 443, targetPort: 8443}]}\n");
    // One more Gateway, shared: a host per tenant, for that tenant's namespace.
    yaml.append("---\napiVersion: v1\nkind: Secret\nmetadata: {name: apps-cert, namespace: istio-system}\n")
        .append("type: kubernetes.io/tls\n").append(tls)
        .append("---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: apps, namespace:")
        .append(" istio-system}\nspec:\n  selector: {istio: ingressgateway}\n")
        .append("  servers: [{port: {number: 8443, name: apps, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName:")
        .append(" apps-cert}, hosts: [");
    for (int i = 0; i < tenants; i++) yaml.append(i == 0 ? "" : ", ").append("t").append(i).append("/t").append(i)
        .append(".apps.example.com");
    yaml.append("]}]\n");
    for (int i = 0; i < tenants; i++) {
      String t = "t" + i;
      String host = t + ".shop.example.com";
      yaml.append("---\napiVersion: v1\nkind: Secret\nmetadata: {name: ").append(t)
          .append("-cert, namespace: istio-system}\ntype: kubernetes.io/tls\n").append(tls)
          .append("---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ").append(t)
          .append(", labels: {istio-injection: enabled}}\n")
          .append("---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: ").append(t)
          .append(", labels: {app: web, version: v1}}\n")
          .append("spec: {containers: [{name: web, image: 'registry.example.com/web:1.0', ports: [{name: http,")
          .append(" containerPort: 8080}]}, {name: istio-proxy, image: 'docker.io/istio/proxyv2:1.24.0'}]}\n")
          .append("---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ").append(t).append("}\n")
          .append("spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}\n")
          .append("---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: web, namespace: ")
          .append(t).append("}\nspec:\n  selector: {istio: ingressgateway}\n")
          .append("  servers: [{port: {number: 8443, name: https, protocol: HTTPS}, hosts: [").append(host)
          .append("], tls: {mode: SIMPLE, credentialName: ").append(t).append("-cert}}]\n")
          .append("---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web, namespace: ")
          .append(t).append("}\nspec:\n  hosts: [").append(host).append(", ").append(t)
          .append(".apps.example.com, web]\n  gateways: [web, istio-system/apps, mesh]\n")
          .append("  http: [{route: [{destination: {host: web, subset: v1}}]}]\n")
          .append("---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\n")
          .append("metadata: {name: web, namespace: ").append(t).append("}\n")
          .append("spec: {host: web, subsets: [{name: v1, labels: {version: v1}}]}\n")
          .append("---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\n")
          .append("metadata: {name: payments, namespace: ").append(t).append("}\n")
          .append("spec: {hosts: [").append(t).append(".payments.example.net], location: MESH_EXTERNAL,")
          .append(" resolution: DNS, ports: [{number: 443, name: tls, protocol: TLS}]}\n")
          .append("---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n")
          .append("metadata: {name: web, namespace: ").append(t).append("}\n")
          .append("spec: {selector: {matchLabels: {app: web}}, rules: [{from: [{source: {namespaces: [istio-system]}}]}]}\n");
    }
    return yaml.toString();
  }
}
