package dev.shipshape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shipshape reach} on a shop of three Deployments: the frontend is open, the cart accepts the frontend on
 * 7070, the ledger (in namespace payments) accepts the shop's cart on its named port api (9090/TCP); no policy
 * restricts egress.
 */
class ReachCommandTest {
  private static final String EXTERNAL = "0.0.0.0-255.255.255.255[External]";
  private static final String FRONTEND = "shop/frontend[Deployment]";
  private static final String CART = "shop/cart[Deployment]";
  private static final String LEDGER = "payments/ledger[Deployment]";

  /** The connection list of the shop, derived by hand from the policies: sorted by source, then destination. */
  private static final String SHOP_CONNECTIONS = String.join("\n",
      EXTERNAL + " => " + FRONTEND + " : All Connections",
      LEDGER + " => " + EXTERNAL + " : All Connections",
      LEDGER + " => " + FRONTEND + " : All Connections",
      CART + " => " + EXTERNAL + " : All Connections",
      CART + " => " + LEDGER + " : TCP 9090",
      CART + " => " + FRONTEND + " : All Connections",
      FRONTEND + " => " + EXTERNAL + " : All Connections",
      FRONTEND + " => " + CART + " : TCP 7070") + "\n";

  @TempDir
  Path home;

  private final ObjectMapper json = new ObjectMapper();

  private CliRunner.Result reach(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "reach";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRunner.isolated(home).run(all);
  }

  private static String shop() {
    return Fixtures.path("reach/shop");
  }

  @Test
  void printsTheConnectionListAndNothingElse() {
    CliRunner.Result result = reach(shop());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo(SHOP_CONNECTIONS);
    assertThat(result.err).isEmpty();
  }

  @Test
  void aSpecScriptIsPlannedAndItsObjectsAnalyzed() {
    CliRunner.Result result = reach(Fixtures.path("reach/opened.jsh"));

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo(String.join("\n",
        EXTERNAL + " => " + FRONTEND + " : All Connections",
        LEDGER + " => " + EXTERNAL + " : All Connections",
        LEDGER + " => " + FRONTEND + " : All Connections",
        CART + " => " + EXTERNAL + " : All Connections",
        CART + " => " + FRONTEND + " : All Connections",
        FRONTEND + " => " + EXTERNAL + " : All Connections",
        FRONTEND + " => " + LEDGER + " : TCP 9090",
        FRONTEND + " => " + CART + " : All Connections") + "\n");
  }

  @Test
  void filesThatAreNotManifestsAreSkippedWithAWarningOnStandardError() throws IOException {
    Path dir = Files.createDirectories(home.resolve("shop"));
    for (String file : new String[] {"namespaces.yaml", "workloads.yaml", "policies.yaml"}) {
      Files.copy(Path.of(shop(), file), dir.resolve(file));
    }
    Files.writeString(dir.resolve("connlist.json"), "[{\"src\": \"a\", \"dst\": \"b\"}]\n");
    Files.writeString(dir.resolve("NOTES.txt"), "not read at all\n");

    CliRunner.Result result = reach(dir.toString());

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo(SHOP_CONNECTIONS);
    assertThat(result.err).startsWith("warning: ").contains("connlist.json").doesNotContain("NOTES.txt");
  }

  @Test
  void jsonHoldsTheSameConnectionsInTheSameOrder() throws IOException {
    CliRunner.Result result = reach("--format", "json", shop());

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode list = json.readTree(result.out);
    assertThat(list.isArray()).isTrue();
    StringBuilder asText = new StringBuilder();
    for (JsonNode c : list) {
      assertThat(c.fieldNames()).toIterable().containsExactly("src", "dst", "conn");
      asText.append(c.get("src").asText()).append(" => ").append(c.get("dst").asText()).append(" : ")
          .append(c.get("conn").asText()).append('\n');
    }
    assertThat(asText.toString()).isEqualTo(SHOP_CONNECTIONS);
  }

  @Test
  void dotAndMermaidDrawOneLabelledEdgePerConnection() {
    CliRunner.Result dot = reach("--format", "dot", shop());
    CliRunner.Result mermaid = reach("--format", "MERMAID", shop());

    // Nodes are numbered in peer order: p0 external, p1 ledger, p2 cart, p3 frontend.
    assertThat(dot.exitCode).as(dot.toString()).isZero();
    assertThat(dot.out).startsWith("digraph connectivity {\n").endsWith("}\n")
        .contains("label=\"payments\"", "label=\"shop\"", "p2 -> p1 [label=\"TCP 9090\"];",
            "p3 -> p2 [label=\"TCP 7070\"];", "p0 -> p3 [label=\"All Connections\"];");
    assertThat(dot.out.lines().filter(l -> l.contains(" -> "))).hasSize(8);
    assertThat(mermaid.exitCode).as(mermaid.toString()).isZero();
    assertThat(mermaid.out).startsWith("flowchart LR\n").contains("p3 -->|\"TCP 7070\"| p2",
        "p2 -->|\"TCP 9090\"| p1");
    assertThat(mermaid.out.lines().filter(l -> l.contains("-->"))).hasSize(8);
  }

  @Test
  void fromToAnswersWithTheRulesAndExitsZeroWhenReachable() {
    CliRunner.Result result = reach(shop(), "--from", "shop/cart", "--to", "payments/ledger", "--port", "9090/TCP");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).startsWith(CART + " => " + LEDGER + " TCP 9090: ALLOWED\n")
        .contains("egress of " + CART + ": not isolated", "ingress of " + LEDGER + ": isolated by "
            + "payments/ledger-ingress")
        .endsWith("allowed between them: TCP 9090\n");
  }

  @Test
  void fromToExitsOneWhenNotReachableAndSaysWhy() {
    CliRunner.Result otherPort = reach(shop(), "--from", "shop/frontend", "--to", "shop/cart", "--port", "8080");
    CliRunner.Result nothing = reach(shop(), "--from", "shop/frontend", "--to", "payments/ledger");

    assertThat(otherPort.exitCode).as(otherPort.toString()).isEqualTo(1);
    assertThat(otherPort.out).startsWith(FRONTEND + " => " + CART + " TCP 8080: DENIED\n")
        .contains("ingress of " + CART + ": isolated by shop/cart-ingress")
        .endsWith("allowed between them: TCP 7070\n");
    assertThat(nothing.exitCode).as(nothing.toString()).isEqualTo(1);
    assertThat(nothing.out).startsWith(FRONTEND + " => " + LEDGER + " TCP (any port): DENIED\n")
        .contains("no rule of these policies matches the other end, so nothing is allowed")
        .endsWith("allowed between them: No Connections\n");
  }

  @Test
  void fromToAsJson() throws IOException {
    CliRunner.Result result = reach(shop(), "--from", "shop/frontend", "--to", "shop/cart", "--port", "7070",
        "--format", "json");

    assertThat(result.exitCode).as(result.toString()).isZero();
    JsonNode verdict = json.readTree(result.out);
    assertThat(verdict.get("allowed").asBoolean()).isTrue();
    assertThat(verdict.get("port").asInt()).isEqualTo(7070);
    assertThat(verdict.get("ingress").get("policies").get(0).asText()).isEqualTo("shop/cart-ingress");
  }

  @Test
  void diffListsTheConnectionsThatTheOtherInputAddsRemovesAndChanges() {
    CliRunner.Result result = reach(shop(), "--diff", Fixtures.path("reach/opened.jsh"));
    CliRunner.Result same = reach(shop(), "--diff", shop());

    assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
    assertThat(result.out).isEqualTo("Connectivity diff:\n"
        + "diff-type: removed, source: " + CART + ", destination: " + LEDGER
        + ", dir1: TCP 9090, dir2: No Connections\n"
        + "diff-type: added, source: " + FRONTEND + ", destination: " + LEDGER
        + ", dir1: No Connections, dir2: TCP 9090\n"
        + "diff-type: changed, source: " + FRONTEND + ", destination: " + CART
        + ", dir1: TCP 7070, dir2: All Connections\n");
    assertThat(same.exitCode).as(same.toString()).isZero();
    assertThat(same.out).isEqualTo("No connectivity changes\n");
  }

  @Test
  void exposureListsWhatAcceptsOrReachesEverything() {
    CliRunner.Result result = reach(shop(), "--exposure");

    assertThat(result.exitCode).as(result.toString()).isZero();
    assertThat(result.out).isEqualTo("Exposure Analysis Result:\nEgress Exposure:\n"
        + LEDGER + " => 0.0.0.0-255.255.255.255[External] : All Connections\n"
        + LEDGER + " => entire-cluster : All Connections\n"
        + CART + " => 0.0.0.0-255.255.255.255[External] : All Connections\n"
        + CART + " => entire-cluster : All Connections\n"
        + FRONTEND + " => 0.0.0.0-255.255.255.255[External] : All Connections\n"
        + FRONTEND + " => entire-cluster : All Connections\n"
        + "\nIngress Exposure:\n"
        + FRONTEND + " <= 0.0.0.0-255.255.255.255[External] : All Connections\n"
        + FRONTEND + " <= entire-cluster : All Connections\n");
  }

  @Test
  void malformedArgumentsAreUsageErrorsOnOneLine() {
    CliRunner.Result port = reach(shop(), "--from", "shop/frontend", "--to", "shop/cart", "--port", "http");
    CliRunner.Result range = reach(shop(), "--from", "shop/frontend", "--to", "shop/cart", "--port", "70000");
    CliRunner.Result protocol = reach(shop(), "--from", "shop/frontend", "--to", "shop/cart", "--port", "53/ICMP");
    CliRunner.Result unknown = reach(shop(), "--from", "shop/web", "--to", "shop/cart");
    CliRunner.Result half = reach(shop(), "--from", "shop/frontend");
    CliRunner.Result both = reach(shop(), "--exposure", "--diff", shop());
    CliRunner.Result graph = reach(shop(), "--exposure", "--format", "dot");
    CliRunner.Result format = reach(shop(), "--format", "svg");

    assertThat(port.exitCode).isEqualTo(2);
    assertThat(port.err).isEqualTo("shipshape reach: Invalid value for option '--port': 'http' is not a port: it is "
        + "not PORT or PORT/PROTOCOL; write it as 8080, 8080/TCP or 53/UDP (run 'shipshape reach --help' for "
        + "usage)\n");
    assertThat(range.err).contains("'70000' is not a port: ports are 1 to 65535");
    assertThat(protocol.err).contains("'53/ICMP' is not a port: the protocol is TCP, UDP or SCTP");
    assertThat(unknown.exitCode).isEqualTo(2);
    assertThat(unknown.err).isEqualTo("--from: no workload 'shop/web'; shop has [" + FRONTEND + ", " + CART
        + "]\n");
    assertThat(half.exitCode).isEqualTo(2);
    assertThat(half.err).isEqualTo("--from and --to go together — pass both to ask about one connection\n");
    assertThat(both.exitCode).isEqualTo(2);
    assertThat(both.err).isEqualTo("--from/--to, --diff and --exposure exclude each other — choose one\n");
    assertThat(graph.exitCode).isEqualTo(2);
    assertThat(graph.err).isEqualTo("--format dot draws the connection list; --from/--to, --diff and --exposure "
        + "print txt or json\n");
    assertThat(format.exitCode).isEqualTo(2);
    assertThat(format.err).contains("'svg'").hasLineCount(1);
  }

  @Test
  void aMissingPathExitsThree() {
    Path absent = home.resolve("absent");

    CliRunner.Result result = reach(absent.toString());
    CliRunner.Result other = reach(shop(), "--diff", absent.toString());

    assertThat(result.exitCode).isEqualTo(3);
    assertThat(result.err).isEqualTo(absent + " does not exist — pass a .jsh spec, a manifest file or a directory "
        + "of manifests\n");
    assertThat(other.exitCode).isEqualTo(3);
    assertThat(result.out).isEmpty();
  }
}
