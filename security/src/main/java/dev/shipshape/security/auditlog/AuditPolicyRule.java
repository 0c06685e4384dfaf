package dev.shipshape.security.auditlog;

import dev.shipshape.core.ShipshapeStyle;
import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One rule of an {@link AuditPolicy}: the level for the requests it matches. A request matches when it meets every
 * condition the rule sets (an empty list sets none): one of the users, one of the groups, one of the verbs, and
 * either the namespaces and resources (resource requests only; {@code ""} is the namespace of cluster-scoped
 * resources and of lists across namespaces) or the non-resource URLs ({@code /healthz}, {@code /api*}, {@code *}).
 *
 * <pre>{@code
 * AuditPolicyRule.at(AuditLevel.METADATA)
 *     .resources(AuditResources.core("secrets", "configmaps"), AuditResources.of("authentication.k8s.io"))
 *     .build();
 * }</pre>
 */
@Value.Immutable
@ShipshapeStyle
public abstract class AuditPolicyRule {

  /** The level of the requests this rule matches. */
  public abstract AuditLevel level();

  /** User names, such as {@code system:kube-proxy}; empty for every user. */
  public abstract List<String> users();

  /** Groups, any of which the user must be in; empty for every user. */
  public abstract List<String> userGroups();

  /** Verbs: {@code get}, {@code list}, {@code watch}, {@code create}, … (lower-case HTTP methods for URLs). */
  public abstract List<String> verbs();

  /** Resources by API group; empty (with no namespaces either) for requests of every kind. */
  public abstract List<AuditResources> resources();

  /**
   * Namespaces of resource requests; empty for every namespace. {@code ""} stands for cluster-scoped resources and
   * lists across namespaces; a request on a Namespace object ({@code get namespaces shop}) is in that namespace.
   */
  public abstract List<String> namespaces();

  /** URL paths of non-resource requests; a final {@code *} matches any rest. */
  public abstract List<String> nonResourceURLs();

  /** Stages not logged for the requests of this rule, besides the policy's own. */
  public abstract List<AuditStage> omitStages();

  /** Whether managed fields are left out of logged bodies; by default, as the policy says. */
  public abstract Optional<Boolean> omitManagedFields();

  /** A rule at {@code level}, to which conditions are added. */
  public static Builder at(AuditLevel level) {
    return ImmutableAuditPolicyRule.builder().level(level);
  }

  /** Whether the API server applies this rule to the request, as its policy checker decides. */
  boolean matches(Requester who, AccessRequest what) {
    if (!users().isEmpty() && !users().contains(who.user())) return false;
    if (!userGroups().isEmpty() && who.groups().stream().noneMatch(userGroups()::contains)) return false;
    if (!verbs().isEmpty() && !verbs().contains(what.verb())) return false;
    if (!namespaces().isEmpty() || !resources().isEmpty()) {
      if (what.isNonResource()) return false;
      if (!namespaces().isEmpty() && !namespaces().contains(what.namespace().orElse(""))) return false;
      return resources().isEmpty() || resources().stream().anyMatch(r -> r.matches(what));
    }
    if (!nonResourceURLs().isEmpty()) {
      if (!what.isNonResource()) return false;
      String path = what.nonResourceURL().orElse("");
      return nonResourceURLs().stream().anyMatch(spec -> pathMatches(path, spec));
    }
    return true;
  }

  private static boolean pathMatches(String path, String spec) {
    if (spec.equals("*") || spec.equals(path)) return true;
    // The server trims every trailing '*' before comparing prefixes.
    return spec.endsWith("*") && path.startsWith(spec.replaceFirst("\\*+$", ""));
  }

  /** Builds {@link AuditPolicyRule}s; the plural methods add to what is there. */
  public interface Builder {
    /** Starts from every attribute of {@code rule}. */
    Builder from(AuditPolicyRule rule);

    Builder level(AuditLevel level);

    Builder addUsers(String... users);

    Builder addUserGroups(String... groups);

    Builder addVerbs(String... verbs);

    Builder addResources(AuditResources... resources);

    Builder addNamespaces(String... namespaces);

    Builder addNonResourceURLs(String... urls);

    Builder addOmitStages(AuditStage... stages);

    Builder omitManagedFields(boolean omit);

    /** Adds users. */
    default Builder users(String... users) {
      return addUsers(users);
    }

    /** Adds groups. */
    default Builder userGroups(String... groups) {
      return addUserGroups(groups);
    }

    /** Adds verbs. */
    default Builder verbs(String... verbs) {
      return addVerbs(verbs);
    }

    /** Adds resources. */
    default Builder resources(AuditResources... resources) {
      return addResources(resources);
    }

    /** Adds namespaces. */
    default Builder namespaces(String... namespaces) {
      return addNamespaces(namespaces);
    }

    /** Adds non-resource URLs. */
    default Builder nonResourceURLs(String... urls) {
      return addNonResourceURLs(urls);
    }

    /** Adds stages not to log. */
    default Builder omitStages(AuditStage... stages) {
      return addOmitStages(stages);
    }

    AuditPolicyRule build();
  }
}
