package dev.shipshape.security.rbac;

import dev.shipshape.core.findings.Severity;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RBAC grants that let their holder escalate beyond what the grant says. {@link RbacProfile} rejects each of them
 * unless acknowledged on the role or binding; the analyzer reports them with the path that grants them. See
 * "Role Based Access Control Good Practices" in the Kubernetes documentation.
 */
public enum Risk {
  /** {@code escalate} on roles: create or edit roles with permissions the holder does not have. */
  ESCALATE(Severity.CRITICAL, "may grant itself any permission (escalate on roles)"),
  /** {@code bind} on roles: bind roles with permissions the holder does not have. */
  BIND(Severity.CRITICAL, "may bind any role, including cluster-admin (bind on roles)"),
  /** {@code impersonate} on users, groups, ServiceAccounts or UIDs: act as anyone. */
  IMPERSONATE(Severity.CRITICAL, "may act as other users, groups or ServiceAccounts (impersonate)"),
  /** {@code *} in verbs, API groups, resources or non-resource URLs: grants today's and tomorrow's APIs. */
  WILDCARD(Severity.HIGH, "grants '*', which covers every present and future verb or resource"),
  /**
   * {@code get}, {@code list} or {@code watch} on Secrets: read every credential in scope. A rule that carries it is
   * not also reported for {@link #SECRETS_READ_BY_PATCH_OR_DELETE}, which reveals no more.
   */
  SECRETS_READ(Severity.HIGH, "may read Secrets (get/list/watch)"),
  /**
   * {@code patch}, {@code delete} or {@code deletecollection} on Secrets, without get, list or watch: the API server
   * answers with the stored Secret, data included, so this reads Secrets just as {@link #SECRETS_READ} does.
   * <ul>
   *   <li>A patch is answered with the object after the patch: an empty one ({@code {}}) changes nothing and returns
   *       every key, and with {@code ?dryRun=All} nothing is stored either.
   *   <li>A delete is answered with a {@code Status} when the object goes at once, but with the object when its
   *       deletion waits for finalizers, and the caller adds one itself with {@code propagationPolicy: Foreground}
   *       (again with {@code ?dryRun=All} if it likes).
   *   <li>A deletecollection is answered with the list of the objects it deleted.
   * </ul>
   * An {@code update} is not counted: it replaces the whole object, so the stored object it gets back holds only what
   * the caller sent. Like a read, a grant limited by {@code resourceNames} still reveals the Secrets it names;
   * that is the narrowest form, still to acknowledge.
   */
  SECRETS_READ_BY_PATCH_OR_DELETE(Severity.HIGH,
      "may read Secrets through patch or delete (the response carries the stored Secret)"),
  /**
   * Create, update or patch Pods or workloads: a pod can mount any Secret and run as any ServiceAccount of its
   * namespace, so this grants everything those can do.
   */
  WORKLOAD_WRITE(Severity.MEDIUM,
      "may create or change pods or workloads, which can mount any Secret or ServiceAccount of the namespace"),
  /**
   * Create, update, patch or delete NetworkPolicies: policies add up ("Network policies do not conflict; they are
   * additive", Kubernetes' Network Policies page), so a new one that allows everything opens what the namespace's
   * default deny closes, and a change or delete of the default deny removes it. RBAC cannot judge what a policy
   * allows, nor limit {@code create} by name; update, patch and delete can be limited to the holder's own
   * policies with {@code resourceNames}, and only an AdminNetworkPolicy or an admission policy keeps what a
   * created policy allows within the platform's bounds.
   */
  NETWORK_POLICY_WRITE(Severity.MEDIUM,
      "may create or change NetworkPolicies, whose allows add up, so it can open what a default deny closes"),
  /** {@code pods/exec} or {@code pods/attach}: run commands inside running containers. */
  POD_EXEC(Severity.HIGH, "may run commands in running containers (pods/exec or pods/attach)"),
  /** {@code nodes/proxy}: direct access to the kubelet API of every node, bypassing admission and audit. */
  NODE_PROXY(Severity.CRITICAL, "may reach the kubelet API of nodes (nodes/proxy)"),
  /** Approving CertificateSigningRequests: issue client certificates for any identity. */
  CSR_APPROVAL(Severity.HIGH, "may approve certificate signing requests (certificatesigningrequests/approval)"),
  /** Creating ServiceAccount tokens: obtain credentials of any ServiceAccount in scope. */
  SERVICE_ACCOUNT_TOKEN(Severity.HIGH, "may create ServiceAccount tokens (serviceaccounts/token)"),
  /** Editing admission webhooks: intercept or alter every object sent to the API server. */
  WEBHOOK_EDIT(Severity.HIGH, "may change admission webhooks, which see and mutate every request"),
  /** A binding to the {@code cluster-admin} ClusterRole. */
  CLUSTER_ADMIN_BINDING(Severity.CRITICAL, "is bound to cluster-admin, which may do anything");

  private final Severity severity;
  private final String description;

  Risk(Severity severity, String description) {
    this.severity = severity;
    this.description = description;
  }

  public Severity severity() {
    return severity;
  }

  /**
   * The id of the findings that report this risk, such as {@code rbac-secrets-read}: the name in lower case with
   * hyphens, prefixed with {@code rbac-}.
   */
  public String ruleId() {
    return "rbac-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The risk a finding's rule id names, if it names one. */
  public static Optional<Risk> ofRuleId(String ruleId) {
    return Arrays.stream(values()).filter(r -> r.ruleId().equals(ruleId)).findFirst();
  }

  /** What the holder may do, completing "the subject …". */
  public String description() {
    return description;
  }

  /**
   * The risks whose acknowledgement also accepts this one: itself, and {@link #SECRETS_READ} for
   * {@link #SECRETS_READ_BY_PATCH_OR_DELETE}, since whoever may read Secrets learns nothing more from the answers to
   * its patches and deletes.
   */
  public Set<Risk> acceptedBy() {
    return this == SECRETS_READ_BY_PATCH_OR_DELETE ? EnumSet.of(this, SECRETS_READ) : EnumSet.of(this);
  }
}
