package dev.shipshape.mesh.analysis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.mesh.analysis.IstioMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route-shadowing part of Istio's VirtualService validation: a rule that can never be used ({@code IST0130}:
 * an earlier rule without matches catches everything, or every match of the rule appears earlier) and a match that
 * never takes effect ({@code IST0131}: an identical match earlier, or an earlier URI prefix that covers it with
 * compatible method, authority, headers, query parameters and port; a match without method counts as GET), after
 * the VirtualService rules of {@link SchemaValidationAnalyzer} ({@code IST0106}, {@code IST0133}).
 */
final class VsRuleShadowingAnalyzer implements Analyzer {
  @Override
  public String name() {
    return "schema.ValidationAnalyzer.VirtualService";
  }

  @Override
  public Set<String> kinds() {
    return Set.of("VirtualService");
  }

  @Override
  public void analyze(MeshIndex index, Reporter out) {
    new SchemaValidationAnalyzer("VirtualService").analyze(index, out);
    for (MeshObject vs : index.all("VirtualService")) {
      for (String protocol : new String[] {"http", "tcp", "tls"}) {
        analyzeRules(vs, protocol, Json.list(vs.spec().path(protocol)), out);
      }
    }
  }

  private static void analyzeRules(MeshObject vs, String protocol, List<JsonNode> rules, Reporter out) {
    Map<String, Integer> seen = new HashMap<>();
    boolean catchAllSeen = false;
    List<PrefixMatch> prefixes = new ArrayList<>();
    for (int r = 0; r < rules.size(); r++) {
      JsonNode rule = rules.get(r);
      List<JsonNode> matches = Json.list(rule.path("match"));
      String field = "spec." + protocol + "[" + r + "]";
      if (matches.isEmpty()) {
        if (catchAllSeen) {
          unreachable(vs, field, ruleName(rule, r), "only the last rule can have no matches", out);
        }
        catchAllSeen = true;
        continue;
      }
      int duplicates = 0;
      for (int m = 0; m < matches.size(); m++) {
        JsonNode match = matches.get(m);
        String key = withoutName(match);
        Integer earlier = seen.get(key);
        if (earlier != null) {
          ineffective(vs, field + ".match[" + m + "]", ruleName(rule, r), matchName(match, m),
              ruleName(rules.get(earlier), earlier), out);
          duplicates++;
          continue;
        }
        seen.put(key, r);
        if (protocol.equals("http")) PrefixMatch.of(match, ruleName(rule, r), matchName(match, m), field)
            .ifPresent(prefixes::add);
      }
      if (duplicates == matches.size()) {
        unreachable(vs, field, ruleName(rule, r), "all matches used by prior rules", out);
      }
    }
    for (int a = 0; a < prefixes.size(); a++) {
      for (int b = a + 1; b < prefixes.size(); b++) {
        PrefixMatch first = prefixes.get(a);
        PrefixMatch later = prefixes.get(b);
        if (later.prefix().equals(first.prefix()) || !first.covers(later)) continue;
        ineffective(vs, later.field(), later.rule(), later.match() + " of prefix " + later.prefix(),
            first.match() + " of prefix " + first.prefix() + " on " + first.rule(), out);
      }
    }
  }

  private static void unreachable(MeshObject vs, String field, String rule, String reason, Reporter out) {
    out.report(IstioMessage.VIRTUAL_SERVICE_UNREACHABLE_RULE, vs, field,
        "VirtualService rule " + rule + " not used (" + reason + ").",
        "remove the rule, or move it before the rules that shadow it");
  }

  private static void ineffective(MeshObject vs, String field, String rule, String match, String earlier,
      Reporter out) {
    out.report(IstioMessage.VIRTUAL_SERVICE_INEFFECTIVE_MATCH, vs, field,
        "VirtualService rule " + rule + " match " + match + " is not used (duplicate/overlapping match in rule "
            + earlier + ").",
        "remove the match, or move it before the match that covers it");
  }

  private static String withoutName(JsonNode match) {
    if (!match.isObject()) return Json.canonical(match);
    ObjectNode copy = ((ObjectNode) match).deepCopy();
    copy.remove("name");
    return Json.canonical(copy);
  }

  static String ruleName(JsonNode rule, int index) {
    String name = Json.text(rule.path("name"));
    return name.isEmpty() ? "#" + index : "\"" + name + "\"";
  }

  static String matchName(JsonNode match, int index) {
    String name = Json.text(match.path("name"));
    return name.isEmpty() ? "#" + index : "\"" + name + "\"";
  }
}
