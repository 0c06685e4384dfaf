package dev.shipshape.security.auditlog;

import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Requests that stand for all requests a policy can see, to find one that shows a problem. Rules compare users,
 * groups, namespaces and names for equality, so values the policy never mentions behave alike and one of them
 * (such as {@code some-user}) stands for all; a requester with the fewest groups that a rule needs is the one the
 * fewest earlier rules take. A request found is real: a problem is reported only with one.
 */
final class RequestSpace {
  private static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "patch", "delete",
      "deletecollection");
  /** Verbs of requests on a collection: they carry no name (a create names its object in the body only). */
  private static final Set<String> NO_NAME = Set.of("list", "watch", "deletecollection", "create");

  private final AuditPolicy policy;
  private final List<Requester> requesters = new ArrayList<>();
  private final List<String> namespaces = new ArrayList<>();
  private final List<Optional<String>> names = new ArrayList<>();
  private final String someUser;
  private final String someNamespace;

  RequestSpace(AuditPolicy policy) {
    this.policy = policy;
    Set<String> mentionedUsers = new LinkedHashSet<>();
    Set<String> mentionedNamespaces = new LinkedHashSet<>();
    Set<String> mentionedNames = new LinkedHashSet<>();
    for (AuditPolicyRule rule : policy.rules()) {
      mentionedUsers.addAll(rule.users());
      mentionedNamespaces.addAll(rule.namespaces());
      rule.resources().forEach(r -> mentionedNames.addAll(r.resourceNames()));
    }
    someUser = unused("some-user", mentionedUsers);
    someNamespace = unused("some-namespace", mentionedNamespaces);
    Set<Requester> distinct = new LinkedHashSet<>();
    for (AuditPolicyRule rule : policy.rules()) {
      List<String> users = rule.users().isEmpty() ? List.of(someUser) : rule.users();
      for (String user : users) {
        if (rule.userGroups().isEmpty()) distinct.add(Requester.user(user));
        for (String group : rule.userGroups()) distinct.add(Requester.user(user, group));
      }
    }
    distinct.add(Requester.user(someUser));
    distinct.add(Requester.anonymous());
    requesters.addAll(distinct);
    namespaces.addAll(mentionedNamespaces);
    namespaces.remove("");
    namespaces.add(someNamespace);
    names.add(Optional.of(unused("some-name", mentionedNames)));
    mentionedNames.forEach(n -> names.add(Optional.of(n)));
  }

  /** The requesters tried: see {@link AuditPolicy#requesters()}. */
  List<Requester> requesters() {
    return List.copyOf(requesters);
  }

  /**
   * For each rule that logs bodies of requests carrying Secret data or tokens, the first such request it decides:
   * Secrets written (at {@code Request}) or also read (at {@code RequestResponse}), tokens created for
   * ServiceAccounts (their response) and token reviews (their request).
   */
  Map<Integer, String> secretBodies() {
    Map<Integer, String> found = new TreeMap<>();
    for (String verb : VERBS) {
      // A watch's events are not logged as a response body.
      if (verb.equals("watch")) continue;
      boolean write = verb.equals("create") || verb.equals("update") || verb.equals("patch");
      search("", "secrets", "", verb, true, write ? AuditDecision::writesRequestBody
          : AuditDecision::writesResponseBody, found);
    }
    search("", "serviceaccounts", "token", "create", true, AuditDecision::writesResponseBody, found);
    search("authentication.k8s.io", "tokenreviews", "", "create", false, AuditDecision::writesRequestBody, found);
    return found;
  }

  /** A request that no rule matches, if there is one: a resource request first, then a non-resource one. */
  Optional<String> unmatched() {
    List<Requester> who = List.of(Requester.user(someUser), Requester.anonymous());
    for (Requester requester : who) {
      for (String verb : VERBS) {
        AccessRequest.Builder what = AccessRequest.builder().verb(verb).apiGroup("example.com").resource("widgets")
            .namespace(someNamespace);
        if (!NO_NAME.contains(verb)) what.name(names.get(0));
        Optional<String> request = unmatched(requester, what.build());
        if (request.isPresent()) return request;
      }
    }
    for (Requester requester : who) {
      Optional<String> request = unmatched(requester, AccessRequest.builder().verb("get")
          .nonResourceURL("/some-path").build());
      if (request.isPresent()) return request;
    }
    return Optional.empty();
  }

  private Optional<String> unmatched(Requester who, AccessRequest what) {
    return policy.decide(who, what).rule().isPresent() ? Optional.empty() : Optional.of(describe(who, what));
  }

  private void search(String group, String resource, String subresource, String verb, boolean namespaced,
      Predicate<AuditDecision> leaks, Map<Integer, String> found) {
    List<String> scopes = new ArrayList<>();
    if (namespaced) scopes.addAll(namespaces);
    if (!namespaced || verb.equals("list") || verb.equals("watch")) scopes.add("");
    List<Optional<String>> named = NO_NAME.contains(verb) && subresource.isEmpty() ? List.of(Optional.empty())
        : names;
    for (Requester who : requesters) {
      for (String namespace : scopes) {
        for (Optional<String> name : named) {
          AccessRequest what = AccessRequest.builder().verb(verb).apiGroup(group).resource(resource)
              .subresource(subresource).namespace(Optional.of(namespace).filter(n -> !n.isEmpty())).name(name)
              .build();
          AuditDecision decision = policy.decide(who, what);
          if (decision.rule().isPresent() && leaks.test(decision)) {
            found.putIfAbsent(decision.rule().get(), describe(who, what));
          }
        }
      }
    }
  }

  private static String describe(Requester who, AccessRequest what) {
    return what + " by " + who;
  }

  private static String unused(String base, Set<String> taken) {
    String value = base;
    for (int i = 2; taken.contains(value); i++) value = base + "-" + i;
    return value;
  }
}
