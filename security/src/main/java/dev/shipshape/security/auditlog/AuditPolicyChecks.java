package dev.shipshape.security.auditlog;

import dev.shipshape.core.Names;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ProblemSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of an {@link AuditPolicy}: what the API server refuses when it loads the file ({@code
 * k8s.io/apiserver} audit policy validation), Secret data in logged bodies, and rules or requests that do not do
 * what the policy seems to say.
 */
final class AuditPolicyChecks {
  /** Verbs of resource requests, and the lower-case HTTP methods of non-resource requests. */
  private static final Set<String> VERBS = Set.of("get", "list", "watch", "create", "update", "patch", "delete",
      "deletecollection", "proxy", "post", "put", "head", "options");
  private static final Map<String, String> GROUP_MISTAKES = Map.of("core", "the core group is written \"\"",
      "v1", "the core group is written \"\"", "extensions", "the extensions group is no longer served");

  private AuditPolicyChecks() {}

  static List<Problem> check(AuditPolicy policy) {
    List<Problem> problems = load(policy);
    if (problems.stream().anyMatch(Problem::isError)) return problems;
    RequestSpace space = new RequestSpace(policy);
    secretBodies(policy, space, problems);
    shadowed(policy, problems);
    space.unmatched().ifPresent(request -> problems.add(warning("rules", "requests such as '" + request
            + "' match no rule, so the API server does not log them",
        "end the rules with a catch-all rule, such as AuditPolicyRule.at(AuditLevel.METADATA)")));
    return problems;
  }

  /** What the API server checks when it loads the file (errors), with the warnings about single fields. */
  static List<Problem> load(AuditPolicy policy) {
    List<Problem> problems = new ArrayList<>();
    if (policy.rules().isEmpty()) {
      problems.add(error("rules", "is empty: the API server refuses a policy without rules and does not start",
          "add rules, ending with a catch-all such as AuditPolicyRule.at(AuditLevel.METADATA), or start from"
              + " AuditPolicy.recommended()"));
    }
    for (int i = 0; i < policy.rules().size(); i++) rule(policy.rules().get(i), "rules[" + i + "]", problems);
    return problems;
  }

  private static void rule(AuditPolicyRule rule, String at, List<Problem> problems) {
    for (int j = 0; j < rule.nonResourceURLs().size(); j++) {
      String url = rule.nonResourceURLs().get(j);
      String field = at + ".nonResourceURLs[" + j + "]";
      if (url.equals("*")) continue;
      if (!url.startsWith("/")) {
        problems.add(error(field, "'" + url + "' does not begin with '/', which the API server refuses",
            "write the path from its root, such as /" + url));
      }
      if (!url.isEmpty() && url.substring(0, url.length() - 1).contains("*")) {
        problems.add(error(field, "'" + url + "' has a '*' before its end, which the API server refuses",
            "end a prefix with one '*', such as " + url.substring(0, url.indexOf('*') + 1)));
      }
    }
    if (!rule.nonResourceURLs().isEmpty() && (!rule.resources().isEmpty() || !rule.namespaces().isEmpty())) {
      problems.add(error(at + ".nonResourceURLs", "a rule cannot apply to both resources or namespaces and"
          + " non-resource URLs, which the API server refuses", "split it into a rule for resources and one for URLs"));
    }
    for (int j = 0; j < rule.resources().size(); j++) {
      resources(rule.resources().get(j), at + ".resources[" + j + "]", problems);
    }
    for (int j = 0; j < rule.verbs().size(); j++) {
      String verb = rule.verbs().get(j);
      if (!VERBS.contains(verb)) {
        problems.add(warning(at + ".verbs[" + j + "]", "'" + verb + "' is no request verb, so it matches nothing",
            "use " + (VERBS.contains(verb.toLowerCase(Locale.ROOT)) ? verb.toLowerCase(Locale.ROOT)
                : "get, list, watch, create, update, patch, delete or deletecollection")));
      }
    }
  }

  private static void resources(AuditResources resources, String at, List<Problem> problems) {
    String group = resources.group();
    if (!group.isEmpty()) {
      List<String> reasons = Names.checkDns1123Subdomain(group);
      if (!reasons.isEmpty()) {
        problems.add(error(at + ".group", "'" + group + "' is not a DNS subdomain, which the API server refuses: "
            + String.join("; ", reasons), "give the group without a version, such as apps or"
            + " rbac.authorization.k8s.io (\"\" for the core group)"));
      } else if (GROUP_MISTAKES.containsKey(group)) {
        problems.add(warning(at + ".group", "'" + group + "' matches nothing: " + GROUP_MISTAKES.get(group),
            "write \"\" for pods, secrets and the other core resources"));
      }
    }
    if (!resources.resourceNames().isEmpty() && resources.resources().isEmpty()) {
      problems.add(error(at + ".resourceNames", "names objects " + resources.resourceNames() + " without a resource,"
          + " which the API server refuses", "name their resources too, such as AuditResources.core(\"configmaps\")"
          + ".named(...)"));
    }
    for (int k = 0; k < resources.resources().size(); k++) {
      String resource = resources.resources().get(k);
      if (!resource.equals(resource.toLowerCase(Locale.ROOT))) {
        problems.add(warning(at + ".resources[" + k + "]", "'" + resource + "' has capital letters, so it"
                + " matches nothing: requests name resources in lower-case plural",
            "write the resource in lower-case plural, as 'kubectl api-resources' lists it (pods, ingresses,"
                + " networkpolicies)"));
      }
    }
  }

  /** One error per rule that writes Secret data or tokens to the log, with a request that shows it. */
  private static void secretBodies(AuditPolicy policy, RequestSpace space, List<Problem> problems) {
    if (policy.secretBodiesAcknowledged()) return;
    space.secretBodies().forEach((index, request) -> {
      AuditPolicyRule rule = policy.rules().get(index);
      problems.add(error("rules[" + index + "].level", rule.level().wireName() + " writes Secret data or tokens"
              + " to the audit log: '" + request + "' is logged with its bodies by this rule",
          "log secrets, serviceaccounts/token and authentication.k8s.io tokenreviews at Metadata in a rule before"
              + " it, or set secretBodiesAcknowledged(true) if the log is protected as etcd is"));
    });
  }

  /** A rule that an earlier rule leaves no request to: every request it matches is matched first. */
  private static void shadowed(AuditPolicy policy, List<Problem> problems) {
    for (int j = 1; j < policy.rules().size(); j++) {
      for (int i = 0; i < j; i++) {
        if (RuleCoverage.covers(policy.rules().get(i), policy.rules().get(j))) {
          problems.add(warning("rules[" + j + "]", "never applies: rules[" + i + "] matches every request it"
              + " matches first", "move it before rules[" + i + "], or remove it"));
          break;
        }
      }
    }
  }

  private static Problem error(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.ERROR).field(field).message(message).fix(fix).build();
  }

  private static Problem warning(String field, String message, String fix) {
    return Problem.builder().severity(ProblemSeverity.WARNING).field(field).message(message).fix(fix).build();
  }
}
