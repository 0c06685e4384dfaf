package dev.shipshape.security.fidelity;

import dev.shipshape.security.rbac.analysis.AccessRequest;
import dev.shipshape.security.rbac.analysis.Requester;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Asks the real API server's authorizer, with SubjectAccessReviews sent in parallel. */
final class AuthorizerOracle {
  private final KubernetesClient client;

  AuthorizerOracle(KubernetesClient client) {
    this.client = client;
  }

  /** One question: who asks what. */
  static final class Query {
    final Requester requester;
    final AccessRequest request;

    Query(Requester requester, AccessRequest request) {
      this.requester = requester;
      this.request = request;
    }

    @Override
    public String toString() {
      return requester + " " + request;
    }
  }

  /** The server's answers, in query order. */
  List<Boolean> allowed(List<Query> queries) {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (Query q : queries) futures.add(pool.submit(() -> ask(q)));
      List<Boolean> answers = new ArrayList<>();
      for (Future<Boolean> f : futures) answers.add(f.get());
      return answers;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean ask(Query q) {
    SubjectAccessReviewSpecBuilder spec = new SubjectAccessReviewSpecBuilder()
        .withGroups(new ArrayList<>(q.requester.groups()));
    if (!q.requester.user().isEmpty()) spec.withUser(q.requester.user());
    AccessRequest r = q.request;
    if (r.isNonResource()) {
      spec.withNewNonResourceAttributes().withVerb(r.verb()).withPath(r.nonResourceURL().get())
          .endNonResourceAttributes();
    } else {
      spec.withNewResourceAttributes().withVerb(r.verb()).withGroup(r.apiGroup()).withResource(r.resource())
          .withSubresource(r.subresource()).withNamespace(r.namespace().orElse("")).withName(r.name().orElse(""))
          .endResourceAttributes();
    }
    SubjectAccessReview review = new SubjectAccessReviewBuilder().withSpec(spec.build()).build();
    SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
    return Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
