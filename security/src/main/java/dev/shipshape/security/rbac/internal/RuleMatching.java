package dev.shipshape.security.rbac.internal;

import dev.shipshape.security.rbac.Rule;

/**
 * The rule-matching functions of the Kubernetes RBAC authorizer ({@code pkg/apis/rbac/v1/evaluation_helpers.go}):
 * a rule allows a request when its verb, API group, resource and name all match. There is no deny: a request is
 * allowed when any rule of any applicable binding allows it.
 */
public final class RuleMatching {
  public static final String ALL = "*";

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
   * A rule without resourceNames matches any name; a rule with resourceNames matches exactly the requests whose
   * name is one of them, whatever the verb. Whether a request carries a name depends on how it is made, not on its
   * verb ("Referring to resources" in the RBAC documentation): a plain create (POST) or deletecollection carries
   * none, so such a rule denies it, while a server-side apply that creates a named object, a create on a named
   * subresource ({@code serviceaccounts/token}, {@code pods/exec}) and list/watch selecting {@code metadata.name}
   * carry one. An empty name stands for a request without a name.
   */
  public static boolean nameMatches(Rule rule, String name) {
    return rule.resourceNames().isEmpty() || rule.resourceNames().contains(name);
  }

  /**
   * {@code *} matches every path; a URL ending in {@code *} matches every path that starts with it once all its
   * trailing {@code *} are removed (Go's {@code strings.TrimRight(url, "*")}).
   */
  public static boolean nonResourceUrlMatches(Rule rule, String path) {
    for (String url : rule.nonResourceURLs()) {
      if (url.equals(ALL) || url.equals(path)) return true;
      if (url.endsWith("*") && path.startsWith(trimTrailingStars(url))) return true;
    }
    return false;
  }

  private static String trimTrailingStars(String url) {
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '*') end--;
    return url.substring(0, end);
  }

  /** True when the rule allows this resource request; an empty name stands for a request without a name. */
  public static boolean allowsResource(
      Rule rule, String verb, String group, String resource, String subresource, String name) {
    return verbMatches(rule, verb) && groupMatches(rule, group) && resourceMatches(rule, resource, subresource)
        && nameMatches(rule, name);
  }

  /** True when the rule allows this non-resource request. */
  public static boolean allowsNonResource(Rule rule, String verb, String path) {
    return verbMatches(rule, verb) && nonResourceUrlMatches(rule, path);
  }
}
