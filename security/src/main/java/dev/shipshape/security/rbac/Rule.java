package dev.shipshape.security.rbac;

import dev.shipshape.core.ShipshapeStyle;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import org.immutables.value.Value;

/**
 * One RBAC policy rule: verbs allowed on resources of API groups (optionally only on named objects), or on
 * non-resource URLs. Resources may name a subresource ({@code pods/log}); a subresource is distinct from its
 * resource, so {@code pods} does not grant {@code pods/exec}.
 *
 * <pre>{@code
 * Rule.core("pods", "pods/log").allow("get", "list", "watch");
 * Rule.on("apps", "deployments").allow("get", "patch").onlyNamed("web");
 * Rule.nonResource("/metrics").allow("get");
 * }</pre>
 *
 * <p>A rule holds what it is given; {@link RbacRole} validates it against the API server's rules.
 */
@Value.Immutable
@ShipshapeStyle
public abstract class Rule {

  public abstract List<String> apiGroups();

  public abstract List<String> resources();

  public abstract List<String> verbs();

  /** When not empty, the rule only applies to requests for these object names. */
  public abstract List<String> resourceNames();

  /** URL paths such as {@code /healthz} or {@code /api/*}; only for ClusterRoles bound cluster-wide. */
  public abstract List<String> nonResourceURLs();

  public static Builder builder() {
    return ImmutableRule.builder();
  }

  /** Resources of an API group ({@code ""} for the core group), to which verbs are then allowed. */
  public static Target on(String apiGroup, String... resources) {
    return new Target(List.of(apiGroup), List.of(resources), List.of());
  }

  /** Resources of the core group ({@code v1}): pods, services, configmaps, secrets… */
  public static Target core(String... resources) {
    return on("", resources);
  }

  /** Non-resource URLs, such as {@code /healthz} or {@code /metrics}. */
  public static Target nonResource(String... urls) {
    return new Target(List.of(), List.of(), List.of(urls));
  }

  /** This rule restricted to objects with these names. */
  public Rule onlyNamed(String... names) {
    return builder().from(this).addResourceNames(names).build();
  }

  /** True for a rule on non-resource URLs. */
  public boolean isNonResource() {
    return !nonResourceURLs().isEmpty();
  }

  /** The rule as read from a Kubernetes object; absent lists become empty. */
  public static Rule from(PolicyRule rule) {
    return builder()
        .apiGroups(nonNull(rule.getApiGroups()))
        .resources(nonNull(rule.getResources()))
        .verbs(nonNull(rule.getVerbs()))
        .resourceNames(nonNull(rule.getResourceNames()))
        .nonResourceURLs(nonNull(rule.getNonResourceURLs()))
        .build();
  }

  /** A fresh fabric8 {@code PolicyRule}; empty lists are left out, as {@code kubectl} prints rules. */
  public PolicyRule toPolicyRule() {
    PolicyRule rule = new PolicyRule();
    if (!isNonResource() || !apiGroups().isEmpty()) rule.setApiGroups(new ArrayList<>(apiGroups()));
    if (!resources().isEmpty()) rule.setResources(new ArrayList<>(resources()));
    if (!resourceNames().isEmpty()) rule.setResourceNames(new ArrayList<>(resourceNames()));
    if (!nonResourceURLs().isEmpty()) rule.setNonResourceURLs(new ArrayList<>(nonResourceURLs()));
    rule.setVerbs(new ArrayList<>(verbs()));
    return rule;
  }

  private static List<String> nonNull(List<String> values) {
    return values == null ? List.of() : values;
  }

  /** {@code verbs [get list] on pods, pods/log (group "")}, or {@code verbs [get] on /metrics}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("verbs ").append(verbs()).append(" on ");
    if (isNonResource()) return text.append(String.join(", ", nonResourceURLs())).toString();
    text.append(String.join(", ", resources()));
    if (!resourceNames().isEmpty()) text.append(" named ").append(resourceNames());
    text.append(" (group");
    for (String group : apiGroups()) text.append(" \"").append(group).append('"');
    return text.append(')').toString();
  }

  /** Builds {@link Rule}s. */
  public interface Builder {
    /** Starts from every attribute of {@code rule}. */
    Builder from(Rule rule);

    Builder addApiGroups(String... apiGroups);

    /** Replaces the API groups. */
    Builder apiGroups(Iterable<String> apiGroups);

    Builder addResources(String... resources);

    /** Replaces the resources. */
    Builder resources(Iterable<String> resources);

    Builder addAllResources(Iterable<String> resources);

    Builder addVerbs(String... verbs);

    /** Replaces the verbs. */
    Builder verbs(Iterable<String> verbs);

    Builder addResourceNames(String... resourceNames);

    /** Replaces the resource names. */
    Builder resourceNames(Iterable<String> resourceNames);

    Builder addNonResourceURLs(String... urls);

    /** Replaces the non-resource URLs. */
    Builder nonResourceURLs(Iterable<String> urls);

    Rule build();
  }

  /** What a rule is about, waiting for its verbs. */
  public static final class Target {
    private final List<String> apiGroups;
    private final List<String> resources;
    private final List<String> urls;

    private Target(List<String> apiGroups, List<String> resources, List<String> urls) {
      this.apiGroups = apiGroups;
      this.resources = resources;
      this.urls = urls;
    }

    /** The rule allowing these verbs, such as {@code get}, {@code list}, {@code watch}, {@code create}. */
    public Rule allow(String... verbs) {
      return builder().apiGroups(apiGroups).resources(resources).nonResourceURLs(urls).addVerbs(verbs).build();
    }
  }
}
