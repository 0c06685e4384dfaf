package dev.shipshape.core.internal.apply;

import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyStrategy;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Whether the caller may make the writes of a plan: {@code list} (the live read), {@code create} and {@code patch}
 * (server-side apply creates or patches) of every object, and, when pruning, the ApplySet parent's Secret.
 * Each group, resource and verb is first asked once cluster-wide (one SelfSubjectAccessReview each, in parallel):
 * what is allowed in all namespaces is allowed for every object. The rest of the namespaced writes are checked with
 * one SelfSubjectRulesReview per namespace (in parallel), matched here (resourceNames restrict a rule to the named
 * objects, as the authorizer does for requests that carry a name); cluster-scoped ones and anything a rules review
 * leaves incomplete with one SelfSubjectAccessReview per group, resource, verb and name.
 *
 * <p>Before all of these, one review asks for every verb on every resource of every group in all namespaces
 * ({@code kubectl auth can-i '*' '*' --all-namespaces}): the RBAC authorizer allows that request only through rules
 * whose verbs, resources and groups are all {@code *} (a requested {@code *} matches no named rule), and the
 * {@code system:masters} group is allowed everything, so a caller allowed it may make every write of any plan and
 * nothing else is asked (one request instead of one per group, resource and verb for a cluster administrator).
 *
 * @see <a href="https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources">RBAC:
 *     wildcards</a>
 */
final class AccessCheck {
  private final KubernetesClient client;
  private final RunSettings options;
  private final Map<String, Optional<List<ResourceRule>>> rulesByNamespace = new HashMap<>();
  private final Map<String, Boolean> reviews = new HashMap<>();

  AccessCheck(KubernetesClient client, RunSettings options) {
    this.client = client;
    this.options = options;
  }

  /** One problem per namespace, resource and set of denied verbs, naming the first object concerned. */
  List<Problem> check(Plan plan, Function<PlannedResource, String> resourceName) {
    if (!reviewsAccess()) return List.of();
    if (review(Optional.empty(), "*", "*", "*", Optional.empty())) return List.of();
    List<Need> needs = new ArrayList<>();
    for (PlannedResource r : plan.resources()) {
      String resource = resourceName.apply(r);
      // A server-side apply carries the object's name, also when it creates; a client-side create (POST to the
      // collection) does not, so rules restricted by resourceNames do not allow it.
      Optional<String> createName = options.strategy() == ApplyStrategy.CLIENT_SIDE ? Optional.empty()
          : Optional.of(r.ref().name());
      needs.add(new Need(r.ref(), resource, "create", createName));
      needs.add(new Need(r.ref(), resource, "patch", Optional.of(r.ref().name())));
      needs.add(new Need(r.ref(), resource, "list", Optional.empty()));
    }
    if (options.prune()) {
      ResourceRef parent = ApplySets.forPlan(plan, options).parent();
      needs.add(new Need(parent, "secrets", "get", Optional.of(parent.name())));
      needs.add(new Need(parent, "secrets", "create", Optional.empty()));
      needs.add(new Need(parent, "secrets", "update", Optional.of(parent.name())));
    }
    askInParallel(needs);
    Map<String, Denied> denied = new LinkedHashMap<>();
    for (Need need : needs) {
      if (allowed(need.ref.namespace(), need.ref.group(), need.resource, need.verb, need.name)) continue;
      String key = need.ref.namespace().orElse("") + "|" + need.ref.group() + "|" + need.resource;
      denied.computeIfAbsent(key, k -> new Denied(need.ref, need.resource)).verbs.add(need.verb);
    }
    List<Problem> problems = new ArrayList<>();
    denied.values().forEach(d -> problems.add(d.problem()));
    return problems;
  }

  /**
   * Asks the questions that decide most needs up front and in parallel: each group, resource and verb once
   * cluster-wide (a request allowed in all namespaces and for any name is allowed for every object), then the
   * rules of each namespace that still has an open question. What is left is asked one review at a time.
   */
  private void askInParallel(List<Need> needs) {
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
      Thread thread = new Thread(runnable, "shipshape-access-check");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<String, CompletableFuture<Boolean>> everywhere = new LinkedHashMap<>();
      for (Need need : needs) {
        everywhere.computeIfAbsent(reviewKey(Optional.empty(), need.ref.group(), need.resource, need.verb,
            Optional.empty()), key -> CompletableFuture.supplyAsync(() -> review(Optional.empty(), need.ref.group(),
                need.resource, need.verb, Optional.empty()), pool));
      }
      everywhere.forEach((key, answer) -> reviews.put(key, answer.join()));
      Map<String, CompletableFuture<Optional<List<ResourceRule>>>> rules = new LinkedHashMap<>();
      for (Need need : needs) {
        if (need.ref.namespace().isEmpty() || allowedEverywhere(need.ref.group(), need.resource, need.verb)) continue;
        rules.computeIfAbsent(need.ref.namespace().get(),
            namespace -> CompletableFuture.supplyAsync(() -> rules(namespace), pool));
      }
      rules.forEach((namespace, answer) -> rulesByNamespace.put(namespace, answer.join()));
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean allowedEverywhere(String group, String resource, String verb) {
    return reviews.getOrDefault(reviewKey(Optional.empty(), group, resource, verb, Optional.empty()), false);
  }

  private boolean allowed(Optional<String> namespace, String group, String resource, String verb,
      Optional<String> name) {
    if (allowedEverywhere(group, resource, verb)) return true;
    if (namespace.isPresent()) {
      Optional<List<ResourceRule>> rules = rulesByNamespace.computeIfAbsent(namespace.get(), this::rules);
      if (rules.isPresent() && rules.get().stream().anyMatch(rule -> matches(rule, group, resource, verb, name))) {
        return true;
      }
    }
    return reviews.computeIfAbsent(reviewKey(namespace, group, resource, verb, name),
        k -> review(namespace, group, resource, verb, name));
  }

  private static String reviewKey(Optional<String> namespace, String group, String resource, String verb,
      Optional<String> name) {
    return namespace.orElse("") + "|" + group + "|" + resource + "|" + verb + "|" + name.orElse("");
  }

  private static boolean matches(ResourceRule rule, String group, String resource, String verb,
      Optional<String> name) {
    return (rule.getVerbs().contains("*") || rule.getVerbs().contains(verb))
        && (rule.getApiGroups().contains("*") || rule.getApiGroups().contains(group))
        && (rule.getResources().contains("*") || rule.getResources().contains(resource))
        && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
            || name.map(rule.getResourceNames()::contains).orElse(false));
  }

  /** The namespace's rules, or empty when the review is incomplete (then access reviews decide). */
  private Optional<List<ResourceRule>> rules(String namespace) {
    SelfSubjectRulesReview review = client.authorization().v1().selfSubjectRulesReview().create(
        new SelfSubjectRulesReviewBuilder().withNewSpec().withNamespace(namespace).endSpec().build());
    if (review.getStatus() == null || Boolean.TRUE.equals(review.getStatus().getIncomplete())) {
      return Optional.empty();
    }
    return Optional.of(review.getStatus().getResourceRules());
  }

  private boolean review(Optional<String> namespace, String group, String resource, String verb,
      Optional<String> name) {
    SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
        new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
            .withNamespace(namespace.orElse(null)).withGroup(group).withResource(resource).withVerb(verb)
            .withName(name.orElse(null)).endResourceAttributes().endSpec().build());
    return review.getStatus() != null && Boolean.TRUE.equals(review.getStatus().getAllowed());
  }

  /** True when the server answers access reviews (the embedded mock server does not). */
  private boolean reviewsAccess() {
    try {
      SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(
          new SelfSubjectAccessReviewBuilder().withNewSpec().withNewNonResourceAttributes().withPath("/version")
              .withVerb("get").endNonResourceAttributes().endSpec().build());
      return review.getStatus() != null && review.getStatus().getAllowed() != null;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  /** A request the apply will make: a verb on one object's resource, with the name it carries. */
  private static final class Need {
    final ResourceRef ref;
    final String resource;
    final String verb;
    final Optional<String> name;

    Need(ResourceRef ref, String resource, String verb, Optional<String> name) {
      this.ref = ref;
      this.resource = resource;
      this.verb = verb;
      this.name = name;
    }
  }

  /** The verbs denied on one resource in one namespace, and the first object concerned. */
  private static final class Denied {
    final ResourceRef first;
    final String resource;
    final List<String> verbs = new ArrayList<>();

    Denied(ResourceRef first, String resource) {
      this.first = first;
      this.resource = resource;
    }

    Problem problem() {
      String where = first.namespace().map(ns -> " in namespace '" + ns + "'").orElse(" (cluster-wide)");
      String what = (first.group().isEmpty() ? "" : first.group() + "/") + resource;
      return Problem.error(first, "metadata", "you may not " + String.join(", ", verbs) + " " + what + where,
          "grant the verbs [" + String.join(", ", verbs) + "] on " + what + where + " to the user applying the "
              + "spec (" + (first.namespace().isPresent() ? "a Role or ClusterRole bound in that namespace"
              : "a ClusterRole with a ClusterRoleBinding") + "), or apply as a user who may");
    }
  }
}
