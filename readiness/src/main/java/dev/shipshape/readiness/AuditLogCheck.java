package dev.shipshape.readiness;

import dev.shipshape.core.Component;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.cluster.ClusterProfile;
import dev.shipshape.core.cluster.ProviderAdvice;
import dev.shipshape.core.cluster.ProviderTopic;
import dev.shipshape.core.findings.FindingRule;
import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.auditlog.AuditPolicy;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The API server's audit log ("Auditing" in the Kubernetes documentation): without {@code --audit-policy-file} the
 * API server logs no request, and without {@code --audit-log-path} or {@code --audit-webhook-config-file} the events
 * of a policy reach no backend. A spec declares the policy with the security module's {@link AuditPolicy}
 * component: absent, or one the API server refuses to load ({@link AuditPolicy#loadErrors()}), is a gap of {@link
 * #RULE}. What a policy that loads logs is {@link AuditPolicyCoverage}'s (CIS 3.2.2, its own rule): Secret data
 * written to the log (the policy's other errors), the requests an incident is traced by left unlogged, and the
 * policy's warnings: requests that no rule matches as a {@code LOW} gap, warnings about one rule (it never applies;
 * a verb, resource or group of it matches nothing) as {@code INFO}.
 *
 * <p>On a live cluster, the API server's static pods in {@code kube-system} show the flags, and a log file's
 * rotation below CIS's minimums ({@code --audit-log-maxage} 30, {@code --audit-log-maxbackup} 10, {@code
 * --audit-log-maxsize} 100) is a {@code MEDIUM} gap; the policy file itself is on the node, which the API does not
 * show, so that its rules are not checked is an {@code INFO} finding per file path; a control plane without such
 * pods is noted.
 *
 * <p>On a managed profile the provider runs the API server: the finding gives the provider's setting ({@link
 * ProviderTopic#AUDIT_LOGS} advice), at {@code LOW} as neither spec nor API shows it, and a spec's {@code
 * AuditPolicy}, which no managed API server reads, is a {@code LOW} gap too.
 */
final class AuditLogCheck {
  static final FindingRule RULE = Outcome.rule("audit-logging", Severity.HIGH,
      "The API server keeps no audit log of who did what",
      "give the API server an AuditPolicy (security module; AuditPolicy.recommended() to start from) with"
          + " --audit-policy-file, and a backend: --audit-log-path with --audit-log-maxage=30, --audit-log-maxbackup=10"
          + " and --audit-log-maxsize=100, or --audit-webhook-config-file",
      "cis:1.2.16", "cis:1.2.17", "cis:1.2.18", "cis:1.2.19", "cis:3.2.1", "kubescape:C-0067");
  private static final String POLICY = "--audit-policy-file";
  private static final String PATH = "--audit-log-path";
  private static final String WEBHOOK = "--audit-webhook-config-file";
  /** CIS 1.2.17 to 1.2.19: the rotation flags of the log file and their least values. */
  private static final List<Map.Entry<String, Integer>> ROTATION = List.of(Map.entry("--audit-log-maxage", 30),
      Map.entry("--audit-log-maxbackup", 10), Map.entry("--audit-log-maxsize", 100));

  private AuditLogCheck() {}

  static void run(ReadinessInput input, Outcome out) {
    out.rule(AuditPolicyCoverage.RULE);
    ApiServerFileEvidence.run(input, out, RULE, "audit policy", profile -> provider(input, profile, out),
        components -> spec(input, components, out), () -> live(input, out));
  }

  private static void provider(ReadinessInput input, ClusterProfile profile, Outcome out) {
    ProviderAdvice advice = profile.advice(ProviderTopic.AUDIT_LOGS);
    out.checked(RULE);
    List<AuditPolicy> policies = input.components().map(AuditLogCheck::policies).orElse(List.of());
    for (AuditPolicy p : policies) {
      out.fail(RULE, Severity.LOW, ref(p), null, "the spec is for " + profile.displayName() + ", whose API"
          + " server the provider runs: no API server reads this AuditPolicy, so it has no effect there",
          "remove it from the spec; " + advice.remediation());
    }
    if (policies.isEmpty()) {
      out.fail(RULE, Severity.LOW, null, null, profile.displayName() + " runs the API server: its audit log is the"
          + " provider's setting, which " + input.subject() + " does not show", advice.remediation());
    }
  }

  private static List<AuditPolicy> policies(List<Component> components) {
    return components.stream().filter(c -> c instanceof AuditPolicy).map(c -> (AuditPolicy) c)
        .collect(Collectors.toList());
  }

  private static ResourceRef ref(AuditPolicy p) {
    return ResourceRef.clusterScoped("audit.k8s.io", "Policy", p.name());
  }

  private static void spec(ReadinessInput input, List<Component> components, Outcome out) {
    List<AuditPolicy> policies = policies(components);
    out.checked(RULE);
    if (policies.isEmpty()) {
      out.fail(RULE, null, null, "the spec has no AuditPolicy: the API server logs no request, so who read a"
          + " Secret, ran a command in a pod or changed RBAC cannot be traced");
      return;
    }
    List<String> namespaces = input.objects("", "Namespace").stream().map(n -> n.getMetadata().getName())
        .collect(Collectors.toList());
    for (AuditPolicy p : policies) {
      ResourceRef ref = ref(p);
      List<Problem> loadErrors = p.loadErrors();
      loadErrors.forEach(error -> out.fail(RULE, RULE.severity(), ref, error.field().orElse(null), error.message(),
          error.fix()));
      // The API server would not start: what such a policy would log is moot until it loads.
      boolean unmatched = false;
      if (loadErrors.isEmpty()) {
        out.checked(AuditPolicyCoverage.RULE);
        List<Problem> problems = p.problems();
        problems.stream().filter(Problem::isError).forEach(error -> out.fail(AuditPolicyCoverage.RULE,
            AuditPolicyCoverage.RULE.severity(), ref, error.field().orElse(null), error.message(), error.fix()));
        unmatched = AuditPolicyCoverage.check(p, ref, namespaces, out);
      }
      for (Problem warning : p.problems()) {
        if (warning.isError() || unmatched && isAboutAllRules(warning)) continue;
        out.fail(AuditPolicyCoverage.RULE, isAboutAllRules(warning) ? Severity.LOW : Severity.INFO, ref,
            warning.field().orElse(null), warning.message(), warning.fix());
      }
    }
  }

  /**
   * A warning about the whole rule list: requests that no rule matches, which the API server does not log. It is a
   * {@code LOW} gap, left out when {@link AuditPolicyCoverage} already reports requests that match no rule, whose
   * fix (a catch-all rule) is the same. A warning about one rule (it never applies, or a verb, resource or group of
   * it matches nothing) loses no request by itself, so it is {@code INFO}.
   */
  private static boolean isAboutAllRules(Problem warning) {
    return warning.field().filter(f -> f.equals("rules")).isPresent();
  }

  private static void live(ReadinessInput input, Outcome out) {
    List<Pod> servers = ApiServerPods.find(input);
    if (servers.isEmpty()) {
      out.note(ApiServerPods.unseen(RULE.id(), "whether requests are audited", POLICY + " and " + PATH
          + " (or " + WEBHOOK + ") flags"));
      return;
    }
    Map<String, List<Pod>> policyFiles = new LinkedHashMap<>();
    for (Pod p : servers) {
      out.checked(RULE);
      ResourceRef ref = ResourceRef.of(p);
      Optional<String> path = ApiServerPods.flag(p, PATH).filter(v -> !v.isEmpty());
      if (!ApiServerPods.isSet(p, POLICY)) {
        out.fail(RULE, ref, ApiServerPods.FIELD, "runs without " + POLICY + ": the API server logs no request");
      } else if (path.isEmpty() && !ApiServerPods.isSet(p, WEBHOOK)) {
        out.fail(RULE, ref, ApiServerPods.FIELD, "runs with " + POLICY + " but without " + PATH + " or " + WEBHOOK
            + ": no backend receives the audit events");
      } else {
        if (path.isPresent() && !path.get().equals("-")) rotation(p, ref, out);
        policyFiles.computeIfAbsent(ApiServerPods.flag(p, POLICY).orElse(""), f -> new ArrayList<>()).add(p);
      }
    }
    policyFiles.forEach((file, pods) -> unseenRules(file, pods, out));
  }

  /**
   * The policy file is on the control-plane nodes, which the API does not show: what it logs is unknown, and said
   * so once per file path under the pitfall rather than passed over (the flags alone do not meet CIS 3.2.2).
   */
  private static void unseenRules(String file, List<Pod> pods, Outcome out) {
    String others = pods.stream().skip(1).map(p -> ResourceRef.of(p).toString()).collect(Collectors.joining(", "));
    out.fail(AuditPolicyCoverage.RULE, Severity.INFO, ResourceRef.of(pods.get(0)), ApiServerPods.FIELD, "reads its"
        + " audit policy from " + file + " on its node" + (others.isEmpty() ? "" : " (as do " + others + ")")
        + ", which the API does not show: whether it logs reads and changes of Secrets, changes to RBAC and exec"
        + " into pods is not checked", "check the spec whose AuditPolicy the file is written from"
        + " (ProductionReadiness.check(spec) judges its rules), or compare the file with"
        + " AuditPolicy.recommended().toYaml()");
  }

  /** A log file's rotation flags below CIS 1.2.17 to 1.2.19 (a path of {@code -} is standard output). */
  private static void rotation(Pod pod, ResourceRef ref, Outcome out) {
    List<String> below = new ArrayList<>();
    for (Map.Entry<String, Integer> least : ROTATION) {
      Optional<String> value = ApiServerPods.flag(pod, least.getKey()).filter(v -> !v.isEmpty());
      boolean unlimited = value.isEmpty() || value.get().trim().equals("0");
      if (unlimited && least.getKey().equals("--audit-log-maxsize")) continue;  // the log rotates at 100 MB then
      if (unlimited) {
        below.add(least.getKey() + (value.isEmpty() ? " is unset" : "=0") + ", so "
            + (least.getKey().equals("--audit-log-maxage") ? "files are kept whatever their age"
                : "every rotated file is kept"));
      } else if (!atLeast(value.get(), least.getValue())) {
        below.add(least.getKey() + "=" + value.get());
      }
    }
    if (!below.isEmpty()) {
      String wanted = ROTATION.stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
      out.fail(RULE, Severity.MEDIUM, ref, ApiServerPods.FIELD, "rotates its audit log file outside what CIS 1.2.17"
          + " to 1.2.19 ask for (" + wanted + " or more; maxsize unset means 100): " + String.join(", ", below),
          "set " + wanted
          + " (or more), with room for them on the log's volume");
    }
  }

  private static boolean atLeast(String value, int least) {
    try {
      return Integer.parseInt(value.trim()) >= least;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
