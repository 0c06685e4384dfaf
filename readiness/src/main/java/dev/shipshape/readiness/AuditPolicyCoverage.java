package dev.shipshape.readiness;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.readiness.AuditConcern.Probe;
import dev.shipshape.security.auditlog.AuditDecision;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditStage;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an {@link AuditPolicy} logs the requests an incident is traced by ({@link AuditConcern}, CIS 3.2.2):
 * each is asked of {@link AuditPolicy#decide} for people — a user no rule names ({@code some-user}), and each user
 * and group the rules name ({@link AuditPolicy#requesters()}) but Kubernetes's own, whose names begin with {@code
 * system:} ("Referring to subjects" in the RBAC documentation), {@code system:masters} excepted — and for a
 * workload's ServiceAccount, in the spec's namespaces, {@code default}, {@code kube-system} and the namespaces the
 * rules name. A concern's evidence is the first request each cause leaves unlogged, one finding per cause: a rule
 * that puts it at {@code None}, or the {@code omitStages} that omit every stage it is written at ({@link
 * AuditDecision#logged()}); concerns whose requests match no rule share one finding, whose fix is the same. Rules
 * that leave out only Kubernetes's components or objects by name are taken as deliberate. CIS 3.2.2 also asks for
 * ConfigMaps at {@code Metadata} only: a rule that logs their bodies is a {@code LOW} gap.
 */
final class AuditPolicyCoverage {
  static final FindingRule RULE = Outcome.rule("audit-policy-coverage", Severity.HIGH,
      "The API server's audit policy leaves requests an incident is traced by unlogged",
      "log reads and changes of Secrets at Metadata, changes to RBAC, exec, attach, port-forward and proxy into pods"
          + " and nodes, tokens issued for ServiceAccounts and changes to Pods and Deployments, for every user;"
          + " start from AuditPolicy.recommended()",
      "cis:3.2.2");
  private static final String SOME_USER = "some-user";
  private static final String SYSTEM = "system:";
  private static final Set<String> PEOPLE_GROUPS = Set.of("system:masters", "system:authenticated");
  private static final String CATCH_ALL = "AuditPolicyRule.at(AuditLevel.METADATA)";

  private AuditPolicyCoverage() {}

  /** Why one request is not logged: the request, who asked, and the decision. */
  private record Gap(AuditConcern concern, AccessRequest what, Requester who, AuditDecision decision) {
    String request() {
      return "'" + what + "' by " + who;
    }
  }

  /**
   * The findings of {@link #RULE} about {@code policy} ({@code ref}): one per concern and cause that leaves its
   * requests unlogged, with the first request that shows it; {@code namespaces} are the spec's. Returns whether
   * concerns were reported because their requests match no rule (so a warning that other requests match none says
   * nothing more).
   */
  static boolean check(AuditPolicy policy, ResourceRef ref, List<String> namespaces, Outcome out) {
    Set<String> scopes = new LinkedHashSet<>(namespaces);
    scopes.add("default");
    scopes.add("kube-system");
    policy.rules().forEach(r -> r.namespaces().stream().filter(n -> !n.isEmpty()).forEach(scopes::add));
    List<Requester> people = people(policy);
    List<Gap> unmatched = new ArrayList<>();
    for (AuditConcern concern : AuditConcern.ALL) {
      for (Gap gap : gaps(policy, concern, scopes, people)) {
        if (gap.decision().rule().isEmpty()) {
          unmatched.add(gap);
        } else {
          report(policy, ref, gap, out);
        }
      }
    }
    if (!unmatched.isEmpty()) unmatched(ref, unmatched, out);
    configMapBodies(policy, ref, scopes, people, out);
    return !unmatched.isEmpty();
  }

  /** {@code some-user}, then the other people the rules tell apart: users and groups not of Kubernetes itself. */
  private static List<Requester> people(AuditPolicy policy) {
    Set<Requester> people = new LinkedHashSet<>();
    people.add(Requester.user(SOME_USER));
    policy.requesters().stream().filter(AuditPolicyCoverage::isPerson).forEach(people::add);
    return new ArrayList<>(people);
  }

  private static boolean isPerson(Requester who) {
    return !who.user().startsWith(SYSTEM)
        && who.groups().stream().allMatch(g -> !g.startsWith(SYSTEM) || PEOPLE_GROUPS.contains(g));
  }

  /**
   * The first request of {@code concern} each rule leaves unlogged, in the order found, and the first that matches
   * no rule: every cause at once, so that fixing one rule does not reveal the next.
   */
  private static Collection<Gap> gaps(AuditPolicy policy, AuditConcern concern, Set<String> namespaces,
      List<Requester> people) {
    Map<List<String>, Gap> firstByCause = new LinkedHashMap<>();
    for (String namespace : namespaces) {
      List<Requester> requesters = new ArrayList<>(people);
      requesters.add(1, Requester.serviceAccount(namespace, "some-app"));
      for (Requester who : requesters) {
        for (Probe probe : concern.probes()) {
          AccessRequest what = probe.in(namespace);
          AuditDecision decision = policy.decide(who, what);
          if (!decision.logged()) {
            firstByCause.putIfAbsent(cause(policy, decision), new Gap(concern, what, who, decision));
          }
        }
      }
    }
    return firstByCause.values();
  }

  /**
   * What leaves a request unlogged, as the fields to change: the rule that decides it at {@code None}, or the
   * {@code omitStages} that omit every stage it is written at (the policy's own, shared by all its rules, and the
   * rule's); nothing for a request no rule matches.
   */
  private static List<String> cause(AuditPolicy policy, AuditDecision decision) {
    if (decision.rule().isEmpty()) return List.of();
    String at = "rules[" + decision.rule().get() + "]";
    if (decision.level() == AuditLevel.NONE) return List.of(at);
    List<String> fields = new ArrayList<>();
    if (policy.omitStages().contains(AuditStage.RESPONSE_COMPLETE)) fields.add("omitStages");
    if (policy.rules().get(decision.rule().get()).omitStages().contains(AuditStage.RESPONSE_COMPLETE)) {
      fields.add(at + ".omitStages");
    }
    return fields;
  }

  private static void report(AuditPolicy policy, ResourceRef ref, Gap gap, Outcome out) {
    AuditConcern concern = gap.concern();
    int index = gap.decision().rule().get();
    String at = "rules[" + index + "]";
    String does = "does not log " + concern.what() + whose(gap.who());
    String traced = ", so " + concern.untraced() + " cannot be traced";
    if (gap.decision().level() == AuditLevel.NONE) {
      out.fail(RULE, concern.severity(), ref, at, does + ": " + gap.request() + " is decided by " + at + " at None"
          + traced, "log them " + concern.how() + " in a rule before " + at + ", such as " + concern.rule()
          + "; AuditPolicy.recommended() does");
      return;
    }
    List<String> fields = cause(policy, gap.decision());
    String stages = gap.decision().requestStages().stream().map(AuditStage::wireName)
        .collect(Collectors.joining(", "));
    out.fail(RULE, concern.severity(), ref, fields.get(0), does + ": " + at + " decides " + gap.request() + " at "
        + gap.decision().level().wireName() + ", but every stage it is written at (" + stages + ") is omitted"
        + traced, "keep ResponseComplete: remove it from " + String.join(" and ", fields));
  }

  /** The concerns whose requests match no rule, in one finding: a catch-all rule closes them all. */
  private static void unmatched(ResourceRef ref, List<Gap> gaps, Outcome out) {
    Severity worst = gaps.stream().map(g -> g.concern().severity()).reduce((a, b) -> a.isAtLeast(b) ? a : b).get();
    String what = gaps.stream().map(g -> g.concern().what() + whose(g.who()) + " (" + g.request() + ")")
        .collect(Collectors.joining("; "));
    List<String> each = gaps.stream().map(g -> g.concern().untraced()).collect(Collectors.toList());
    String untraced = each.size() == 1 ? each.get(0) : String.join(", ", each.subList(0, each.size() - 1)) + " and "
        + each.get(each.size() - 1);
    String rules = gaps.stream().map(g -> g.concern().rule()).distinct().collect(Collectors.joining(", "));
    out.fail(RULE, worst, ref, "rules", "does not log " + what + ": these requests match no rule, so " + untraced
        + " cannot be traced", "end the rules with a catch-all such as " + CATCH_ALL + ", or log them in rules"
        + " such as " + rules + " (Secrets and tokens at Metadata: a body would write their data to the log)");
  }

  /** Names who is left out when it is not everyone: a user the rules name, or the people of a group. */
  private static String whose(Requester who) {
    if (who.user().startsWith(SYSTEM)) return "";
    String user = who.user().equals(SOME_USER) ? "" : "user " + who.user();
    List<String> groups = who.groups().stream().filter(g -> !g.equals("system:authenticated"))
        .collect(Collectors.toList());
    String group = groups.isEmpty() ? "" : (groups.size() == 1 ? "group " : "groups ") + String.join(", ", groups);
    if (group.isEmpty()) return user.isEmpty() ? "" : " by " + user;
    return user.isEmpty() ? " by people in " + group : " by " + user + " in " + group;
  }

  /** A rule that writes ConfigMaps' data (their bodies) to the log, which CIS 3.2.2 advises against. */
  private static void configMapBodies(AuditPolicy policy, ResourceRef ref, Set<String> namespaces,
      List<Requester> people, Outcome out) {
    List<String> writes = List.of("create", "update", "patch");
    for (String namespace : namespaces) {
      for (Requester who : people) {
        for (String verb : List.of("create", "update", "patch", "get", "list", "delete")) {
          AccessRequest.Builder what = AccessRequest.builder().verb(verb).apiGroup("").resource("configmaps")
              .namespace(namespace);
          if (!verb.equals("create") && !verb.equals("list")) what.name("some-name");
          AccessRequest request = what.build();
          AuditDecision decision = policy.decide(who, request);
          boolean write = writes.contains(verb);
          if (write ? !decision.writesRequestBody() : !decision.writesResponseBody()) continue;
          String at = "rules[" + decision.rule().get() + "]";
          out.fail(RULE, Severity.LOW, ref, at, "logs ConfigMap data: '" + request + "' by " + who + " is decided by "
              + at + " at " + decision.level().wireName() + ", which writes its " + (write ? "request" : "response")
              + " body to the log; CIS 3.2.2 asks for Metadata only on Secrets, ConfigMaps and TokenReviews, as"
              + " ConfigMaps often carry credentials", "log configmaps at Metadata in a rule before " + at
              + ", such as AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core(\"configmaps\"));"
              + " AuditPolicy.recommended() does");
          return;
        }
      }
    }
  }
}
