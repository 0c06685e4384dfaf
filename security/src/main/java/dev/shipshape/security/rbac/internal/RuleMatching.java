package dev.shipshape.security.rbac.internal;

import dev.shipshape.security.rbac.Rule;
import java.util.Set;

/**
 * The rule-matching functions of the Kubernetes RBAC authorizer ({@code pkg/apis/rbac/v1/evaluation_helpers.go}):
 * a rule allows a request when its verb, API group, resource and name all match. There is no deny: a request is
 * allowed when any rule of any applicable binding allows it.
 */
public final class RuleMatching {
  public static final String ALL = "*";

  /** Verbs whose requests carry no object name, so that a rule with resourceNames never allows them. */
  private static final Set<String> VERBS_WITHOUT_NAME = Set.of("create", "deletecollection");

  private RuleMatching() {}

  public static boolean verbMatches(Rule rule, String verb) {
    return rule.verbs().contains(ALL) || rule.verbs().contains(verb);
  }

  public static boolean groupMatches(Rule rule, String group) {
    return rule.apiGroups().contains(ALL) || rule.apiGroups().contains(group);
  }

  /**
   * {@code *} matches every resource and subresource; {@code pods/log} matches only that subresource;
   * {@code *}/{@code log} matches the {@code log} subresource of any resource.
   */
  public static boolean resourceMatches(Rule rule, String resource, String subresource) {
    String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
    for (String r : rule.resources()) {
      if (r.equals(ALL) || r.equals(combined)) return true;
      if (!subresource.isEmpty() && r.equals("*/" + subresource)) return true;
    }
    return false;
  }

  /**
   * A rule without resourceNames matches any name. A rule with resourceNames matches only a request for one of
   * those names; create and deletecollection requests carry no name, and list/watch carry one only when they
   * select {@code metadata.name} ("Referring to resources" in the RBAC documentation).
   */
  public static boolean nameMatches(Rule rule, String verb, String name) {
    if (rule.resourceNames().isEmpty()) return true;
    String effective = VERBS_WITHOUT_NAME.contains(verb) ? "" : name;
    return !effective.isEmpty() && rule.resourceNames().contains(effective);
  }

  /** {@code *} matches every path; a trailing {@code *} matches every path with that prefix. */
  public static boolean nonResourceUrlMatches(Rule rule, String path) {
    for (String url : rule.nonResourceURLs()) {
      if (url.equals(ALL) || url.equals(path)) return true;
      if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) return true;
    }
    return false;
  }

  /** True when the rule allows this resource request; an empty name stands for a request without a name. */
  public static boolean allowsResource(
      Rule rule, String verb, String group, String resource, String subresource, String name) {
    return verbMatches(rule, verb) && groupMatches(rule, group) && resourceMatches(rule, resource, subresource)
        && nameMatches(rule, verb, name);
  }

  /** True when the rule allows this non-resource request. */
  public static boolean allowsNonResource(Rule rule, String verb, String path) {
    return verbMatches(rule, verb) && nonResourceUrlMatches(rule, path);
  }
}
