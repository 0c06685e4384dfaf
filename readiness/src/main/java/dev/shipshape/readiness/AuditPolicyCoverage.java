package dev.shipshape.readiness;

import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.auditlog.AuditDecision;
import dev.shipshape.security.auditlog.AuditLevel;
import dev.shipshape.security.auditlog.AuditPolicy;
import dev.shipshape.security.auditlog.AuditStage;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether an {@link AuditPolicy} logs the requests an incident is traced by (CIS 3.2.2, "the audit policy covers key
 * security concerns"): reads and changes of Secrets, changes to RBAC, exec, attach, port-forward and proxy into
 * pods, tokens issued for ServiceAccounts ({@code HIGH} when not logged), and changes to Pods and Deployments
 * ({@code MEDIUM}). Each is asked of {@link AuditPolicy#decide} for a person ({@code some-user}) and a workload's
 * ServiceAccount, in the spec's namespaces, {@code default} and {@code kube-system}; the first request not logged
 * is the finding's evidence. A request is not logged when the rule that decides it is at {@code None}, when no
 * rule matches it, or when every stage it is written at is omitted. Rules that leave out only some users or
 * objects by name are taken as deliberate.
 */
final class AuditPolicyCoverage {
  private static final List<String> CHANGES = List.of("create", "update", "patch", "delete");
  private static final String SOME_NAME = "some-name";
  /** Subresources the API server serves as long-running requests, which also write a ResponseStarted event. */
  private static final Set<String> LONG_RUNNING = Set.of("exec", "attach", "portforward", "proxy");
  private static final String ANY_LEVEL = "at Metadata or above";
  /** Bodies of Secrets and tokens are their data, which the security module refuses to log unless acknowledged. */
  private static final String SECRET_LEVEL = "at Metadata (a body would write their data to the log)";
  private static final String SECRETS = "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("
      + "\"secrets\"))";

  /**
   * One kind of request a production audit log must show: what goes untraced without it, the level to log it at
   * ({@code how}), a rule that does, and the requests that test it.
   */
  private record Concern(String what, String untraced, Severity severity, String how, String rule,
      List<Probe> probes) {}

  /** A request on {@code resource} (of {@code group}, with a subresource after {@code /}), namespaced or not. */
  private record Probe(String verb, String group, String resource, boolean namespaced, boolean named) {
    AccessRequest in(String namespace) {
      int slash = resource.indexOf('/');
      AccessRequest.Builder b = AccessRequest.builder().verb(verb).apiGroup(group)
          .resource(slash < 0 ? resource : resource.substring(0, slash))
          .subresource(slash < 0 ? "" : resource.substring(slash + 1));
      if (namespaced) b.namespace(namespace);
      if (named) b.name(SOME_NAME);
      return b.build();
    }
  }

  private static final List<Concern> CONCERNS = List.of(
      new Concern("reads of Secrets", "who read which Secret", Severity.HIGH, SECRET_LEVEL, SECRETS,
          List.of(probe("get", "", "secrets", true, true), probe("list", "", "secrets", true, false),
              probe("watch", "", "secrets", true, false), probe("list", "", "secrets", false, false))),
      new Concern("changes to Secrets", "who changed or deleted a Secret", Severity.HIGH, SECRET_LEVEL, SECRETS,
          changes("", true, "secrets")),
      new Concern("changes to RBAC", "who granted which permission", Severity.HIGH, ANY_LEVEL,
          "AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.of(\"rbac.authorization.k8s.io\"))",
          concat(changes("rbac.authorization.k8s.io", true, "roles", "rolebindings"),
              changes("rbac.authorization.k8s.io", false, "clusterroles", "clusterrolebindings"))),
      // kubectl exec over WebSockets is a GET (verb get), over SPDY a POST (verb create).
      new Concern("exec, attach, port-forward and proxy into pods", "who ran which command in a pod", Severity.HIGH,
          ANY_LEVEL,
          "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core(\"pods/exec\", \"pods/attach\","
              + " \"pods/portforward\", \"pods/proxy\", \"services/proxy\"))",
          List.of(probe("create", "", "pods/exec", true, true), probe("get", "", "pods/exec", true, true),
              probe("create", "", "pods/attach", true, true), probe("get", "", "pods/attach", true, true),
              probe("create", "", "pods/portforward", true, true), probe("get", "", "pods/portforward", true, true),
              probe("get", "", "pods/proxy", true, true), probe("get", "", "services/proxy", true, true))),
      new Concern("tokens issued for ServiceAccounts", "who obtained a ServiceAccount's token", Severity.HIGH,
          SECRET_LEVEL,
          "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core(\"serviceaccounts/token\"))",
          List.of(probe("create", "", "serviceaccounts/token", true, true))),
      new Concern("changes to Pods and Deployments", "who started or changed which workload", Severity.MEDIUM,
          ANY_LEVEL,
          "AuditPolicyRule.at(AuditLevel.REQUEST).verbs(\"create\", \"update\", \"patch\", \"delete\")"
              + ".resources(AuditResources.core(\"pods\"), AuditResources.of(\"apps\", \"deployments\"))",
          concat(changes("", true, "pods"), changes("apps", true, "deployments"))));

  private AuditPolicyCoverage() {}

  /**
   * One finding of {@code rule} per concern that {@code policy} leaves unlogged, about {@code ref}, with the first
   * request that shows it; {@code namespaces} are the spec's, tried before {@code default} and {@code kube-system}.
   */
  static void check(AuditPolicy policy, ResourceRef ref, List<String> namespaces, FindingRule rule, Outcome out) {
    Set<String> scopes = new LinkedHashSet<>(namespaces);
    scopes.add("default");
    scopes.add("kube-system");
    for (Concern concern : CONCERNS) {
      gap(policy, concern, scopes).ifPresent(gap -> out.fail(rule, concern.severity(), ref, gap.field(),
          "does not log " + concern.what() + ": " + gap.why() + ", so " + concern.untraced() + " cannot be traced",
          gap.fix()));
    }
  }

  /** Why one request is not logged, where in the policy, and how to log it. */
  private record Gap(String field, String why, String fix) {}

  private static Optional<Gap> gap(AuditPolicy policy, Concern concern, Set<String> namespaces) {
    for (String namespace : namespaces) {
      List<Requester> requesters = List.of(Requester.user("some-user"), Requester.serviceAccount(namespace,
          "some-app"));
      for (Requester who : requesters) {
        for (Probe probe : concern.probes()) {
          AccessRequest what = probe.in(namespace);
          Optional<Gap> gap = gap(policy, concern, who, what);
          if (gap.isPresent()) return gap;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Gap> gap(AuditPolicy policy, Concern concern, Requester who, AccessRequest what) {
    AuditDecision decision = policy.decide(who, what);
    String request = "'" + what + "' by " + who;
    if (decision.rule().isEmpty()) {
      return Optional.of(new Gap("rules", request + " matches no rule", "log them " + concern.how() + " in a rule"
          + " such as " + concern.rule() + ", or end the rules with a catch-all such as"
          + " AuditPolicyRule.at(AuditLevel.METADATA)"));
    }
    String at = "rules[" + decision.rule().get() + "]";
    if (decision.level() == AuditLevel.NONE) {
      return Optional.of(new Gap(at, request + " is decided by " + at + " at None", "log them " + concern.how()
          + " in a rule before " + at + ", such as " + concern.rule() + "; AuditPolicy.recommended() does"));
    }
    Set<AuditStage> written = EnumSet.of(AuditStage.REQUEST_RECEIVED, AuditStage.RESPONSE_COMPLETE);
    if (what.verb().equals("watch") || LONG_RUNNING.contains(what.subresource())) {
      written.add(AuditStage.RESPONSE_STARTED);
    }
    if (!decision.omittedStages().containsAll(written)) return Optional.empty();
    String stages = written.stream().map(AuditStage::wireName).collect(Collectors.joining(", "));
    boolean byPolicy = policy.omitStages().contains(AuditStage.RESPONSE_COMPLETE);
    String field = byPolicy ? "omitStages" : at + ".omitStages";
    return Optional.of(new Gap(field, at + " decides " + request + " at " + decision.level().wireName() + ", but"
        + " every stage it is written at (" + stages + ") is omitted", "keep ResponseComplete: remove it from "
        + field));
  }

  private static Probe probe(String verb, String group, String resource, boolean namespaced, boolean named) {
    return new Probe(verb, group, resource, namespaced, named);
  }

  /** Creating, updating, patching and deleting each resource; a create names no object. */
  private static List<Probe> changes(String group, boolean namespaced, String... resources) {
    List<Probe> probes = new ArrayList<>();
    for (String resource : resources) {
      for (String verb : CHANGES) probes.add(probe(verb, group, resource, namespaced, !verb.equals("create")));
    }
    return probes;
  }

  private static List<Probe> concat(List<Probe> first, List<Probe> second) {
    List<Probe> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
