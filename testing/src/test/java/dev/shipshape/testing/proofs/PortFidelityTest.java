package dev.shipshape.testing.proofs;

import dev.shipshape.testing.ClusterMode;
import dev.shipshape.testing.ShipshapeCluster;
import dev.shipshape.testing.TestNamespaces;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ports as the API server judges them: for container ports (names, numbers, host ports, protocols, a name twice in a
 * container), probe and lifecycle handler ports (by number and by name, gRPC probes), Service ports (names,
 * numbers, protocols, {@code targetPort} by name and number, duplicates, missing names with several ports, no ports)
 * and NetworkPolicy ports ({@code port}, {@code endPort}, named ports, protocol), a plan reports an error on exactly
 * the fields a server-side dry run refuses. Port names come both chosen and generated (a fixed seed, so that a
 * failure repeats). A Service's {@code nodePort} is left out: the server checks its range when it allocates it,
 * which a dry run does not do, and a plan does not check it either.
 */
@ShipshapeCluster(ClusterMode.CONTROL_PLANE)
class PortFidelityTest {
  private static final String NAMESPACE = "port-fidelity";
  private static final List<String> NAMES = List.of("http", "grpc-web", "h2c", "metrics-port-01", "metrics-port-012",
      "Web", "web_api", "9090", "-web", "web-", "web--api", "a", "");
  private static final List<String> NUMBERS = List.of("-1", "0", "1", "8080", "65535", "65536");
  private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP", "tcp", "ICMP", "''");

  @Test
  void aPlanRefusesExactlyThePortFieldsTheServerRefuses(KubernetesClient client) throws Exception {
    TestNamespaces.create(client, NAMESPACE);
    FieldVerdicts.assertSame(cases(), text -> FieldVerdicts.refusedByServer(client,
        FieldVerdicts.object(client, text)), text -> FieldVerdicts.refusedByPlan(NAMESPACE, text));
  }

  /** Every case, one object each. */
  private static List<String> cases() {
    List<String> names = new ArrayList<>(NAMES);
    Random random = new Random(20_250_601);
    for (int i = 0; i < 30; i++) names.add(generatedName(random));
    List<String> cases = new ArrayList<>();
    for (String unquoted : names) {
      // Quoted, so that '9090' is a name, not a number.
      String name = "'" + unquoted + "'";
      cases.add(deployment("[{name: c, image: i, ports: [{name: " + name + ", containerPort: 80}],"
          + " readinessProbe: {httpGet: {port: " + name + "}}}]"));
      cases.add(deployment("[{name: c, image: i, lifecycle: {preStop: {tcpSocket: {port: " + name + "}}}}]"));
      cases.add(service("[{name: " + name + ", port: 80, targetPort: " + name + "}]"));
      cases.add(service("[{name: a, port: 80, targetPort: " + name + "}, {name: b, port: 81}]"));
      cases.add(policy("{port: " + name + "}"));
    }
    for (String number : NUMBERS) {
      cases.add(deployment("[{name: c, image: i, ports: [{containerPort: " + number + ", hostPort: " + number
          + "}], livenessProbe: {tcpSocket: {port: " + number + "}}, startupProbe: {grpc: {port: " + number
          + "}}}]"));
      cases.add(deployment("[{name: c, image: i, lifecycle: {postStart: {httpGet: {port: " + number + "}}}}]"));
      cases.add(service("[{port: " + number + ", targetPort: " + number + "}]"));
      cases.add(policy("{port: " + number + "}"));
      cases.add(policy("{port: 8080, endPort: " + number + "}"));
      cases.add(policy("{port: " + number + ", endPort: 8080}"));
    }
    for (String protocol : PROTOCOLS) {
      cases.add(deployment("[{name: c, image: i, ports: [{containerPort: 80, protocol: " + protocol + "}]}]"));
      cases.add(service("[{port: 80, protocol: " + protocol + "}]"));
      cases.add(policy("{port: 80, protocol: " + protocol + "}"));
    }
    cases.add(deployment("[{name: c, image: i, ports: [{name: web, containerPort: 80}, {name: web, containerPort:"
        + " 81}]}]"));
    cases.add(deployment("[{name: c, image: i, ports: [{name: web, containerPort: 80}]}, {name: d, image: i,"
        + " ports: [{name: web, containerPort: 81}]}]"));
    cases.add(deployment("[{name: c, image: i, ports: [{containerPort: 80}, {containerPort: 80, protocol: UDP}]}]"));
    cases.add(deployment("[{name: c, image: i, ports: [{containerPort: 80}]}], initContainers: [{name: i, image:"
        + " i, ports: [{name: Init, containerPort: 80}]}]"));
    cases.add(service("[{port: 80}, {port: 81}]"));
    cases.add(service("[{name: web, port: 80}, {name: web, port: 81}]"));
    cases.add(service("[{name: a, port: 80}, {name: b, port: 80}]"));
    cases.add(service("[{name: a, port: 80}, {name: b, port: 80, protocol: UDP}]"));
    cases.add(service("[{name: '80', port: 80}]"));
    cases.add(service("[{name: Web, port: 80}]"));
    cases.add(service("[{name: " + "x".repeat(16) + ", port: 80}]"));
    cases.add(service("[{name: " + "x".repeat(64) + ", port: 80}]"));
    cases.add(service("[{port: 80, targetPort: ''}]"));
    cases.add(service("[]"));
    cases.add("{apiVersion: v1, kind: Service, metadata: {name: svc, namespace: " + NAMESPACE + "}, spec:"
        + " {clusterIP: None, selector: {app: a}}}");
    cases.add("{apiVersion: v1, kind: Service, metadata: {name: svc, namespace: " + NAMESPACE + "}, spec:"
        + " {type: ExternalName, externalName: db.example.com}}");
    cases.add(policy("{endPort: 8080}"));
    cases.add(policy("{port: http, endPort: 8080}"));
    cases.add(policy("{port: 8080, endPort: 8080}"));
    cases.add(policy("{protocol: UDP}"));
    return cases;
  }

  /** A name of up to 17 characters from the letters, digits and marks that make names valid and invalid. */
  private static String generatedName(Random random) {
    String alphabet = "ab9-_A";
    StringBuilder name = new StringBuilder();
    int length = random.nextInt(18);
    for (int i = 0; i < length; i++) name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return name.toString();
  }

  private static String deployment(String containers) {
    return "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: " + NAMESPACE + "}, spec:"
        + " {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: "
        + containers + "}}}}";
  }

  private static String service(String ports) {
    return "{apiVersion: v1, kind: Service, metadata: {name: svc, namespace: " + NAMESPACE + "}, spec: {selector:"
        + " {app: a}, ports: " + ports + "}}";
  }

  /** A policy with the port in its ingress rule and in its egress rule. */
  private static String policy(String port) {
    return "{apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: pol, namespace: " + NAMESPACE
        + "}, spec: {podSelector: {}, ingress: [{ports: [" + port + "]}], egress: [{ports: [{port: 53}, " + port
        + "]}]}}";
  }
}
