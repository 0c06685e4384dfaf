package dev.shipshape.core.internal.plan;

import static dev.shipshape.core.internal.plan.Problems.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Container, probe and Service ports, checked as the API server checks them. */
class PortValidationTest {
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
        at + "[4]: port 81/TCP is listed twice — list each port and protocol once");
  }

  private static String deployment(String containers) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec: {selector:"
        + " {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [" + containers
        + "]}}}\n";
  }
}
