package dev.shipshape.networking.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipshape.core.Manifests;
import dev.shipshape.networking.Protocol;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the analyzer over random small clusters. */
class ReachabilityProperties {

  /** The indexed all-pairs engine and the pair-by-pair explanation agree on every ordered pair. */
  @Property(tries = 60)
  void allPairsAgreesWithSingleQueries(@ForAll("clusters") String yaml) {
    ReachabilityAnalyzer a = ReachabilityAnalyzer.of(Manifests.parse(yaml));
    ConnectivityReport report = a.connectivity();
    for (Peer source : a.workloads()) {
      for (Peer destination : a.workloads()) {
        if (source.equals(destination)) continue;
        ConnectionSet single = a.canReach(source, destination, java.util.Optional.empty(), Protocol.TCP)
            .allowedConnections();
        assertThat(report.between(source, destination)).as(source + " => " + destination).isEqualTo(single);
      }
    }
  }

  /** The connection list does not depend on the order of the input objects. */
  @Property(tries = 40)
  void orderOfInputDoesNotMatter(@ForAll("clusters") String yaml, @ForAll long seed) {
    List<HasMetadata> objects = new ArrayList<>(Manifests.parse(yaml));
    String expected = ReachabilityAnalyzer.of(objects).connectivity().toText();
    Collections.shuffle(objects, new Random(seed));
    assertThat(ReachabilityAnalyzer.of(objects).connectivity().toText()).isEqualTo(expected);
  }

  @Provide
  Arbitrary<String> clusters() {
    // Label values that YAML reads as text: a plain y would be a boolean, as kubectl reads it.
    Arbitrary<String> pods = Combinators.combine(Arbitraries.of("a", "b"), Arbitraries.of("x", "w", "z"),
        Arbitraries.of("TCP", "UDP"), Arbitraries.integers().between(80, 82))
        .as((ns, app, protocol, port) -> new String[] {ns, app, protocol, port.toString()})
        .list().ofMinSize(2).ofMaxSize(6).map(list -> {
          StringBuilder out = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n"
              + "    env: prod\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n");
          for (int i = 0; i < list.size(); i++) {
            String[] p = list.get(i);
            out.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p").append(i).append("\n  namespace: ")
                .append(p[0]).append("\n  labels:\n    app: ").append(p[1]).append("\nspec:\n  containers:\n")
                .append("  - name: c\n    image: i\n    ports:\n    - name: web\n      containerPort: ").append(p[3])
                .append("\n      protocol: ").append(p[2]).append('\n');
          }
          return out.toString();
        });
    Arbitrary<String> peer = Arbitraries.of(
        "    - podSelector:\n        matchLabels:\n          app: x\n",
        "    - namespaceSelector:\n        matchLabels:\n          env: prod\n",
        "    - namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          app: w\n",
        "    - podSelector:\n        matchExpressions:\n        - key: app\n          operator: NotIn\n"
            + "          values: [z]\n",
        "    - ipBlock:\n        cidr: 10.0.0.0/8\n");
    Arbitrary<String> ports = Arbitraries.of("", "    ports:\n    - port: web\n",
        "    ports:\n    - port: 80\n      endPort: 81\n", "    ports:\n    - port: web\n      protocol: UDP\n");
    Arbitrary<String> rule = Combinators.combine(peer.list().ofMaxSize(2), ports)
        .as((peers, p) -> "  - " + (peers.isEmpty() ? "{}\n" : ("DIR:\n" + String.join("", peers)).substring(0))
            + (peers.isEmpty() || p.isEmpty() ? "" : p));
    Arbitrary<String> policy = Combinators.combine(Arbitraries.of("a", "b"), Arbitraries.of("{}", "{matchLabels: {app: x}}",
        "{matchLabels: {app: w}}"), rule.list().ofMaxSize(2), rule.list().ofMaxSize(2), Arbitraries.of("", "Ingress",
        "Egress", "Ingress, Egress"))
        .as((ns, selector, in, out, types) -> "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n"
            + "  name: NAME\n  namespace: " + ns + "\nspec:\n  podSelector: " + selector + "\n"
            + (types.isEmpty() ? "" : "  policyTypes: [" + types + "]\n")
            + (in.isEmpty() ? "" : "  ingress:\n" + String.join("", in).replace("DIR:", "from:"))
            + (out.isEmpty() ? "" : "  egress:\n" + String.join("", out).replace("DIR:", "to:")));
    return Combinators.combine(pods, policy.list().ofMaxSize(3)).as((p, list) -> {
      StringBuilder out = new StringBuilder(p);
      for (int i = 0; i < list.size(); i++) out.append("---\n").append(list.get(i).replace("NAME", "np" + i));
      return out.toString();
    });
  }
}
