package dev.shipshape.readiness;

import dev.shipshape.core.findings.Severity;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * One kind of request a production audit log must show (CIS 3.2.2, "the audit policy covers key security
 * concerns"): what it is, what goes untraced without it, the level to log it at ({@code how}), a rule that logs it
 * (as Java, for the finding's fix) and the requests that test it.
 */
record AuditConcern(String what, String untraced, Severity severity, String how, String rule, List<Probe> probes) {
  private static final List<String> CHANGES = List.of("create", "update", "patch", "delete", "deletecollection");
  private static final String SOME_NAME = "some-name";
  private static final String ANY_LEVEL = "at Metadata or above";
  /** Bodies of Secrets and tokens are their data, which the security module refuses to log unless acknowledged. */
  private static final String SECRET_LEVEL = "at Metadata (a body would write their data to the log)";
  private static final String SECRETS = "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core("
      + "\"secrets\"))";

  /** A request on {@code resource} (of {@code group}, with a subresource after {@code /}), namespaced or not. */
  record Probe(String verb, String group, String resource, boolean namespaced, boolean named) {
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

  /** The concerns, in the order they are reported. */
  static final List<AuditConcern> ALL = List.of(
      new AuditConcern("reads of Secrets", "who read which Secret", Severity.HIGH, SECRET_LEVEL, SECRETS,
          List.of(probe("get", "", "secrets", true, true), probe("list", "", "secrets", true, false),
              probe("watch", "", "secrets", true, false), probe("list", "", "secrets", false, false),
              probe("watch", "", "secrets", false, false))),
      new AuditConcern("changes to Secrets", "who changed or deleted a Secret", Severity.HIGH, SECRET_LEVEL, SECRETS,
          changes("", true, "secrets")),
      new AuditConcern("changes to RBAC", "who granted which permission", Severity.HIGH, ANY_LEVEL,
          "AuditPolicyRule.at(AuditLevel.REQUEST_RESPONSE).resources(AuditResources.of(\"rbac.authorization.k8s.io\"))",
          concat(changes("rbac.authorization.k8s.io", true, "roles", "rolebindings"),
              changes("rbac.authorization.k8s.io", false, "clusterroles", "clusterrolebindings"))),
      // kubectl exec over WebSockets is a GET (verb get), over SPDY a POST (verb create); kubectl debug patches a
      // pod's ephemeral containers; nodes/proxy reaches the kubelet's API, which runs commands in any of its pods.
      new AuditConcern("exec, attach, port-forward and proxy into pods and nodes, and debug containers",
          "who ran which command in a pod", Severity.HIGH, ANY_LEVEL,
          "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core(\"pods/exec\", \"pods/attach\","
              + " \"pods/portforward\", \"pods/proxy\", \"services/proxy\", \"pods/ephemeralcontainers\","
              + " \"nodes/proxy\"))",
          List.of(probe("create", "", "pods/exec", true, true), probe("get", "", "pods/exec", true, true),
              probe("create", "", "pods/attach", true, true), probe("get", "", "pods/attach", true, true),
              probe("create", "", "pods/portforward", true, true), probe("get", "", "pods/portforward", true, true),
              probe("get", "", "pods/proxy", true, true), probe("get", "", "services/proxy", true, true),
              probe("patch", "", "pods/ephemeralcontainers", true, true),
              probe("update", "", "pods/ephemeralcontainers", true, true),
              probe("get", "", "nodes/proxy", false, true), probe("create", "", "nodes/proxy", false, true))),
      new AuditConcern("tokens issued for ServiceAccounts", "who obtained a ServiceAccount's token", Severity.HIGH,
          SECRET_LEVEL,
          "AuditPolicyRule.at(AuditLevel.METADATA).resources(AuditResources.core(\"serviceaccounts/token\"))",
          List.of(probe("create", "", "serviceaccounts/token", true, true))),
      new AuditConcern("changes to Pods and Deployments", "who started or changed which workload", Severity.MEDIUM,
          ANY_LEVEL,
          "AuditPolicyRule.at(AuditLevel.REQUEST).verbs(\"create\", \"update\", \"patch\", \"delete\","
              + " \"deletecollection\").resources(AuditResources.core(\"pods\"), AuditResources.of(\"apps\","
              + " \"deployments\"))",
          concat(changes("", true, "pods"), changes("apps", true, "deployments"))));

  private static Probe probe(String verb, String group, String resource, boolean namespaced, boolean named) {
    return new Probe(verb, group, resource, namespaced, named);
  }

  /** Creating, updating, patching and deleting each resource, one and all; a create names no object. */
  private static List<Probe> changes(String group, boolean namespaced, String... resources) {
    List<Probe> probes = new ArrayList<>();
    for (String resource : resources) {
      for (String verb : CHANGES) {
        boolean named = !verb.equals("create") && !verb.equals("deletecollection");
        probes.add(probe(verb, group, resource, namespaced, named));
      }
    }
    return probes;
  }

  private static List<Probe> concat(List<Probe> first, List<Probe> second) {
    List<Probe> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
