package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Container, probe and Service ports, checked as the API server checks them. */
class PortValidationTest {
  private static final String POLICY_NAME_FIX = " — use a container port's name, such as http, or a number";
  private static final String NAME_FIX = " — use at most 15 lower-case letters, digits and '-', with a letter,"
      + " such as 'http' or 'metrics'";
  private static final String DEPLOYMENT = "ERROR [resources] Deployment.apps shop/web spec.template.spec.";

  @Test
  void containerPortNamesAreIanaServiceNames() {
    List<String> problems = Problems.of(spec().yaml(deployment("{name: c, image: i, ports: ["
        + "{name: http-metrics-port, containerPort: 8080}, {name: Web, containerPort: 8081},"
        + " {name: '9090', containerPort: 9090}, {name: -a--b, containerPort: 9091}, {name: ok, containerPort: 0},"
        + " {name: big, containerPort: 70000}]}")).build());
    assertThat(problems).containsExactly(
        DEPLOYMENT + "containers[0].ports[0].name: port name 'http-metrics-port' is 17 characters long, more than"
            + " 15" + NAME_FIX,
        DEPLOYMENT + "containers[0].ports[1].name: port name 'Web' may hold only lower-case letters, digits and"
            + " '-'" + NAME_FIX,
        DEPLOYMENT + "containers[0].ports[2].name: port name '9090' has no letter" + NAME_FIX,
        DEPLOYMENT + "containers[0].ports[3].name: port name '-a--b' begins or ends with '-'" + NAME_FIX,
        DEPLOYMENT + "containers[0].ports[3].name: port name '-a--b' has '-' twice in a row" + NAME_FIX,
        DEPLOYMENT + "containers[0].ports[4].containerPort: is required — give the port the container listens on,"
            + " from 1 to 65535",
        DEPLOYMENT + "containers[0].ports[5].containerPort: 70000 is not a port number — use a port from 1 to"
            + " 65535");
  }

  @Test
  void probesNameValidPortsAndAPortNameOfTwoContainersIsAWarning() {
    List<String> problems = Problems.of(spec().yaml(deployment("{name: c, image: i, ports: [{name: web,"
        + " containerPort: 80}], readinessProbe: {httpGet: {port: web-health-endpoint}}},"
        + " {name: d, image: i, ports: [{name: web, containerPort: 81}], livenessProbe: {tcpSocket: {port: 0}}}"))
        .build());
    assertThat(problems).containsExactly(
        DEPLOYMENT + "containers[0].readinessProbe.httpGet.port: port name 'web-health-endpoint' is 19 characters"
            + " long, more than 15" + NAME_FIX,
        DEPLOYMENT + "containers[1].livenessProbe.tcpSocket.port: 0 is not a port number — use a port from 1 to"
            + " 65535",
        "WARNING [resources] Deployment.apps shop/web spec.template.spec.containers[1].ports[0].name: port name"
            + " 'web' is also used by spec.template.spec.containers[0].ports[0]; Services and probes that name it"
            + " reach that one — give each port of the pod its own name");
  }

  @Test
  void servicePortsAreNamedLabelsAndUnique() {
    String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector:"
        + " {app: web}, ports: [{port: 80}, {name: Http, port: 81, targetPort: metrics_port}, {name: grpc, port: 82,"
        + " protocol: tcp}, {name: grpc, port: 70000}, {name: tls, port: 81, targetPort: 0, protocol: TCP}]}\n";
    String at = "ERROR [resources] Service shop/web spec.ports";
    assertThat(Problems.of(spec().yaml(service).build())).containsExactly(
        at + "[0].name: is required when a Service has several ports — name each port, such as 'http' and"
            + " 'grpc'",
        at + "[1].name: port name 'Http' is not a DNS-1123 label (lower-case letters, digits and '-', starting"
            + " and ending with a letter or digit) — use lower-case letters, digits and '-', such as 'http'",
        at + "[1].targetPort: port name 'metrics_port' may hold only lower-case letters, digits and '-'" + NAME_FIX,
        at + "[2].protocol: 'tcp' is not a protocol — write TCP, UDP or SCTP, in capitals",
        at + "[3].name: port name 'grpc' is used twice — give each port its own name",
        at + "[3].port: 70000 is not a port number — use a port from 1 to 65535",
        at + "[3].targetPort: is not given, so it is the port, 70000, which is not a port number — use a port"
            + " from 1 to 65535, or give targetPort",
        at + "[4]: port 81/TCP is listed twice — list each port and protocol once");
  }

  @Test
  void aNameTwiceInOneContainerIsAnErrorAndProtocolsGrpcProbesAndHandlersAreChecked() {
    List<String> problems = Problems.of(spec().yaml(deployment("{name: c, image: i, ports: [{name: web,"
        + " containerPort: 80}, {name: web, containerPort: 81, protocol: tcp}, {containerPort: 82, protocol: ''}],"
        + " startupProbe: {grpc: {port: 70000}}, lifecycle: {preStop: {httpGet: {port: Web}},"
        + " postStart: {tcpSocket: {port: 0}}}}")).build());
    assertThat(problems).containsExactly(
        DEPLOYMENT + "containers[0].ports[1].protocol: 'tcp' is not a protocol — write TCP, UDP or SCTP, in"
            + " capitals",
        DEPLOYMENT + "containers[0].ports[1].name: port name 'web' is used twice in container 'c' — give each port"
            + " of the container its own name",
        DEPLOYMENT + "containers[0].startupProbe.grpc.port: 70000 is not a port number — use a port from 1 to"
            + " 65535",
        DEPLOYMENT + "containers[0].lifecycle.postStart.tcpSocket.port: 0 is not a port number — use a port from 1"
            + " to 65535",
        DEPLOYMENT + "containers[0].lifecycle.preStop.httpGet.port: port name 'Web' may hold only lower-case"
            + " letters, digits and '-'" + NAME_FIX);
  }

  @Test
  void anEmptyTargetPortOrProtocolIsDefaultedAndAServiceNeedsAPortUnlessHeadless() {
    String service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector:"
        + " {app: web}, ports: [{port: 80, targetPort: '', protocol: ''}]}\n";
    assertThat(Problems.warnings(spec().yaml(service).build())).isEmpty();
    String none = "apiVersion: v1\nkind: Service\nmetadata: {name: NAME, namespace: shop}\nspec: {SPEC}\n";
    String headless = none.replace("NAME", "db").replace("SPEC", "clusterIP: None, selector: {app: db}");
    String external = none.replace("NAME", "mail").replace("SPEC", "type: ExternalName, externalName: m.example.com");
    assertThat(Problems.of(spec().yaml(none.replace("NAME", "web").replace("SPEC", "selector: {app: web}, ports:"
        + " []")).yaml(headless).yaml(external).build())).containsExactly(
        "ERROR [resources] Service shop/web spec.ports: is required unless the Service is headless (clusterIP:"
            + " None) or an ExternalName — list the ports the Service exposes, such as {port: 80, name: http}");
  }

  @Test
  void networkPolicyPortsAreCheckedAsTheServerChecksThem() {
    String policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: api, namespace:"
        + " shop}\nspec: {podSelector: {}, ingress: [{ports: [{port: 0}, {endPort: 90}, {port: http, endPort: 90},"
        + " {port: 90, endPort: 80}, {port: 90, endPort: 70000}, {port: 90, protocol: ''}, {port: '8080'},"
        + " {port: metrics, protocol: SCTP}, {port: 90, endPort: 90}]}], egress: [{ports: [{port: Web}]}]}\n";
    String at = "ERROR [resources] NetworkPolicy.networking.k8s.io shop/api spec.";
    assertThat(Problems.of(spec().yaml(policy).build())).containsExactly(
        at + "ingress[0].ports[0].port: port 0 is outside 1-65535 — use a port from 1 to 65535",
        at + "ingress[0].ports[1].endPort: endPort 90 is given without a port — add port, the first port of the"
            + " range",
        at + "ingress[0].ports[2].endPort: endPort 90 needs a numeric port, not the named port 'http' — give the"
            + " range's first port as a number",
        at + "ingress[0].ports[3].endPort: endPort 80 is below port 90 — make endPort at least 90",
        at + "ingress[0].ports[4].endPort: endPort 70000 is outside 1-65535 — use a port from 1 to 65535",
        at + "ingress[0].ports[5].protocol: '' is not a protocol — write TCP, UDP or SCTP, in capitals, or leave it"
            + " out for TCP",
        at + "ingress[0].ports[6].port: port name '8080' has no letter" + POLICY_NAME_FIX,
        at + "egress[0].ports[0].port: port name 'Web' may hold only lower-case letters, digits and '-'"
            + POLICY_NAME_FIX);
  }

  private static String deployment(String containers) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {selector:"
        + " {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [" + containers
        + "]}}}\n";
  }
}
