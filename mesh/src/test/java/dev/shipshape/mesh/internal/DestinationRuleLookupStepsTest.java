package dev.shipshape.mesh.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.ClusterSpec;
import dev.shipshape.core.CompileContext;
import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.SpecContext;
import dev.shipshape.core.SpecValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The TLS credential check looks up the DestinationRules gateways use with work in proportion to the spec: per rule,
 * per gateway namespace, the services the rule's host covers (found by host, not by a scan) and, for each, the rules
 * of a few namespaces found by host. Counted in steps of the lookup (map probes and services considered), not
 * timed: a spec four times as large takes about four times the steps, where a scan of every service per rule, or of
 * every rule of a namespace per lookup, would take about sixteen.
 */
class DestinationRuleLookupStepsTest {
  /** Keeps the planner's context of a spec. */
  private static final class Capture implements Component {
    SpecContext context;

    @Override
    public String name() {
      return "capture";
    }

    @Override
    public List<HasMetadata> compile(CompileContext context) {
      return List.of();
    }

    @Override
    public List<Problem> validate(SpecContext context) {
      this.context = context;
      return List.of();
    }
  }

  /**
   * A spec of {@code tenants} tenants: each with a Service and a DestinationRule for it with a client Secret, a
   * ServiceEntry in shop, and a rule in shop for its host and one for a wildcard over it, with Secrets too; a
   * gateway Deployment per tenant in edge, and one in istio-system.
   */
  private static String workload(int tenants) {
    StringBuilder yaml = new StringBuilder(gateway("istio-system", "gw"));
    for (int i = 0; i < tenants; i++) {
      String t = "t" + i;
      yaml.append(gateway("edge", "gw-" + t))
          .append("---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ").append(t)
          .append("}\nspec: {selector: {app: web}, ports: [{name: http, port: 80}]}\n")
          .append(rule(t, "web", "web", "api-cacert"))
          .append("---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ").append(t)
          .append(", namespace: shop}\nspec: {hosts: [api.").append(t).append(".example.com], resolution: DNS, ")
          .append("ports: [{number: 443, name: tls, protocol: TLS}]}\n")
          .append(rule("shop", t, "api." + t + ".example.com", "'kubernetes://edge/api-cacert'"))
          .append(rule("shop", t + "-all", "'*." + t + ".example.com'", "api-cacert"));
    }
    return yaml.toString();
  }

  private static String gateway(String namespace, String name) {
    return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: " + namespace
        + "}\nspec:\n  selector: {matchLabels: {istio: gw}}\n  template:\n    metadata: {labels: {istio: gw}, "
        + "annotations: {inject.istio.io/templates: gateway}}\n    spec: {containers: [{name: istio-proxy, image: "
        + "auto}]}\n";
  }

  private static String rule(String namespace, String name, String host, String credential) {
    return "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: " + name
        + ", namespace: " + namespace + "}\nspec: {host: " + host + ", trafficPolicy: {tls: {mode: SIMPLE, "
        + "credentialName: " + credential + "}}}\n";
  }

  /** The lookup's steps in the check of {@code tenants} tenants, and that the check found the rules' problems. */
  private static long steps(int tenants) {
    Capture capture = new Capture();
    try {
      ClusterSpec.builder().name("steps").yaml(workload(tenants)).component(capture).build().plan();
    } catch (SpecValidationException e) {
      // Missing namespaces and Secrets are errors of the plan; the context is captured before they are reported.
    }
    DestinationRuleLookup lookup = new DestinationRuleLookup(capture.context);
    List<Problem> problems = new TlsCredentialsCheck().check(capture.context, lookup);
    // The gateway of istio-system uses each rule of shop for its host and cannot read edge's Secret.
    assertThat(problems).filteredOn(p -> p.isError() && p.message().contains("istio-system/gw")).hasSize(tenants);
    return lookup.steps();
  }

  @Test
  void theLookupsGrowInProportionToTheSpec() {
    long small = steps(100);
    long large = steps(400);
    assertThat(small).isPositive();
    assertThat((double) large / small).as("steps at 400 tenants / at 100 tenants").isLessThan(5.0);
  }
}
