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
import java.util.function.Function;

/**
 * Whether the caller may make the writes of a plan: {@code list} (the live read), {@code create} and {@code patch}
 * (server-side apply creates or patches) of every object, and, when pruning, the ApplySet parent's Secret.
 * Namespaced writes are checked with one SelfSubjectRulesReview per namespace, matched here (resourceNames
 * restrict a rule to the named objects, as the authorizer does for requests that carry a name); cluster-scoped ones
 * and anything a rules review leaves incomplete with one SelfSubjectAccessReview per group, resource and verb.
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
    Map<String, Denied> denied = new LinkedHashMap<>();
    for (PlannedResource r : plan.resources()) {
      String resource = resourceName.apply(r);
      // A server-side apply carries the object's name, also when it creates; a client-side create (POST to the
      // collection) does not, so rules restricted by resourceNames do not allow it.
      Optional<String> createName = options.strategy() == ApplyStrategy.CLIENT_SIDE ? Optional.empty()
          : Optional.of(r.ref().name());
      require(denied, r.ref(), resource, "create", createName);
      require(denied, r.ref(), resource, "patch", Optional.of(r.ref().name()));
      require(denied, r.ref(), resource, "list", Optional.empty());
    }
    if (options.prune()) {
      ResourceRef parent = ApplySets.forPlan(plan, options).parent();
      require(denied, parent, "secrets", "get", Optional.of(parent.name()));
      require(denied, parent, "secrets", "create", Optional.empty());
      require(denied, parent, "secrets", "update", Optional.of(parent.name()));
    }
    List<Problem> problems = new ArrayList<>();
    denied.values().forEach(d -> problems.add(d.problem()));
    return problems;
  }

  private void require(Map<String, Denied> denied, ResourceRef ref, String resource, String verb,
      Optional<String> name) {
    if (allowed(ref.namespace(), ref.group(), resource, verb, name)) return;
    String key = ref.namespace().orElse("") + "|" + ref.group() + "|" + resource;
    denied.computeIfAbsent(key, k -> new Denied(ref, resource)).verbs.add(verb);
  }

  private boolean allowed(Optional<String> namespace, String group, String resource, String verb,
      Optional<String> name) {
    if (namespace.isPresent()) {
      Optional<List<ResourceRule>> rules = rulesByNamespace.computeIfAbsent(namespace.get(), this::rules);
      if (rules.isPresent() && rules.get().stream().anyMatch(rule -> matches(rule, group, resource, verb, name))) {
        return true;
      }
    }
    String key = namespace.orElse("") + "|" + group + "|" + resource + "|" + verb + "|" + name.orElse("");
    return reviews.computeIfAbsent(key, k -> review(namespace, group, resource, verb, name));
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
