package dev.shipshape.core.internal.apply;

import dev.shipshape.core.Problem;
import dev.shipshape.core.plan.Plan;
import dev.shipshape.core.plan.PlannedResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Live checks before the first write, reported together: every namespace the plan writes into exists or is
 * created by the plan; every kind is served by the server (API discovery) or defined by a CRD of the plan; the
 * caller may make each write ({@link AccessCheck}); and the server accepts each object the apply would create or
 * change, with strict field validation ({@link DryRunValidation}). A server without API discovery (fabric8's mock
 * server, which also answers no namespace or access question truthfully) is not checked.
 */
public final class Preflight {
  private final ResourceAccess access;
  private final RunSettings options;
  private final DryRunValidation validation;
  private final ServedKinds served;

  public Preflight(ResourceAccess access, RunSettings options, DryRunValidation validation) {
    this.access = access;
    this.options = options;
    this.validation = validation;
    this.served = access.served();
  }

  /** Every problem found, in plan order; empty when the plan can be applied as far as these checks can tell. */
  public List<Problem> check(Plan plan) {
    List<Problem> problems = new ArrayList<>();
    if (!served.servesDiscovery()) return problems;
    served.prefetch(plan.resources().stream().map(PlannedResource::apiVersion).toList(), options.concurrency());
    // The validation reads every live object and waits on the server most of the time: the other checks go on
    // beside it.
    CompletableFuture<List<Problem>> validated = new CompletableFuture<>();
    Thread validating = new Thread(() -> {
      try {
        validated.complete(validation.problems());
      } catch (Throwable e) {
        validated.completeExceptionally(e);
      }
    }, "shipshape-preflight");
    validating.setDaemon(true);
    validating.start();
    try {
      problems.addAll(missingNamespaces(plan));
      problems.addAll(unservedKinds(plan));
      problems.addAll(new AccessCheck(access.client(), options).check(plan, this::resourceName));
      problems.addAll(validated(validated, validating));
    } finally {
      if (!validated.isDone()) validating.interrupt();
    }
    return problems;
  }

  /**
   * The validation's problems once it ends. An interrupt is passed on to it (its waits then end with a problem, so
   * that nothing is written) and kept for the caller.
   */
  private static List<Problem> validated(CompletableFuture<List<Problem>> validated, Thread validating) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return validated.get();
        } catch (InterruptedException e) {
          interrupted = true;
          validating.interrupt();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException) throw (RuntimeException) e.getCause();
          if (e.getCause() instanceof Error) throw (Error) e.getCause();
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private List<Problem> missingNamespaces(Plan plan) {
    Set<String> created = new LinkedHashSet<>();
    Map<String, PlannedResource> firstUser = new LinkedHashMap<>();
    for (PlannedResource r : plan.resources()) {
      if (r.ref().groupKind().equals("Namespace")) created.add(r.ref().name());
      r.ref().namespace().ifPresent(ns -> firstUser.putIfAbsent(ns, r));
    }
    firstUser.keySet().removeAll(created);
    if (firstUser.isEmpty()) return List.of();
    List<Problem> problems = new ArrayList<>();
    firstUser.forEach((ns, r) -> {
      if (!namespaceExists(access, ns)) {
        problems.add(Problem.error(r.ref(), "metadata.namespace", "namespace '" + ns + "' does not exist on the "
            + "server, and the spec does not create it", "create namespace '" + ns + "' first (kubectl create "
            + "namespace " + ns + "), or add a Namespace object for it to the spec"));
      }
    });
    return problems;
  }

  /** Whether the namespace exists; one that cannot be read (forbidden) is left to the server to report. */
  static boolean namespaceExists(ResourceAccess access, String namespace) {
    try {
      return access.client().namespaces().withName(namespace).get() != null;
    } catch (KubernetesClientException e) {
      return true;
    }
  }

  private List<Problem> unservedKinds(Plan plan) {
    PlanDefinitions definitions = new PlanDefinitions(plan);
    Set<String> reported = new LinkedHashSet<>();
    List<Problem> problems = new ArrayList<>();
    for (PlannedResource r : plan.resources()) {
      String apiVersion = r.apiVersion();
      String kind = r.ref().kind();
      if (!reported.add(apiVersion + "/" + kind)) continue;
      if (served.serves(apiVersion, kind) || definitions.defines(r.ref().groupKind())) continue;
      problems.add(Problem.error(r.ref(), "apiVersion", ServedKinds.notServed(apiVersion, kind),
          "install the CustomResourceDefinitions that define " + kind + " (" + r.ref().group()
              + ") on the cluster, or add them to the spec"));
    }
    return problems;
  }

  /** The plural of a kind, from the server's discovery or the usual rules. */
  String resourceName(PlannedResource r) {
    return access.context(r.apiVersion(), r.ref().kind()).getPlural();
  }
}
