package dev.shipshape.core.internal.apply;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.core.Manifests;
import dev.shipshape.core.Problem;
import dev.shipshape.core.ResourceRef;
import dev.shipshape.core.apply.ApplyListener;
import dev.shipshape.core.internal.schema.CrdSchema;
import dev.shipshape.core.internal.schema.CrdStatus;
import dev.shipshape.core.plan.Gate;
import dev.shipshape.core.plan.PlannedResource;
import dev.shipshape.core.readiness.Conditions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Custom resources whose CustomResourceDefinition is in the plan, unchanged by this apply, but not served (yet):
 * right after an apply created the CRD, it becomes {@code Established} and appears in discovery a moment later, and
 * a custom resource checked before that could not be dry-run. The apply would wait for the same CRDs before writing
 * their custom resources, so the preflight waits for them too, all at once, and then for discovery to list their
 * kinds, within the executor's timeout in all. What can be told without waiting is a problem at once: the live CRD
 * does not serve the object's version, or the server refused its names (another CRD of the group holds them). A CRD
 * that does not become {@code Established}, or a wait that is interrupted, is a problem of each of its custom
 * resources, so that nothing is written. A dry run, which opens no gates, does not wait.
 */
final class UnchangedDefinitions {
  /** How long discovery may take to list a kind once its CRD is Established (within the timeout). */
  private static final Duration DISCOVERY_LAG = Duration.ofSeconds(10);
  private static final Duration DISCOVERY_POLL = Duration.ofMillis(50);

  private final ResourceAccess access;
  private final RunSettings options;
  private final ServedKinds served;
  private final PlanDefinitions definitions;

  UnchangedDefinitions(ResourceAccess access, RunSettings options, PlanDefinitions definitions) {
    this.access = access;
    this.options = options;
    this.served = access.served();
    this.definitions = definitions;
  }

  /**
   * Waits as described above for the CRDs of these objects (the live state as read before); the problems of the
   * objects that the server will not serve, by object. May block for up to the executor's timeout.
   */
  Map<ResourceRef, Problem> await(List<PlannedResource> toCheck, Map<ResourceRef, GenericKubernetesResource> live) {
    Map<ResourceRef, Problem> problems = new LinkedHashMap<>();
    if (!served.servesDiscovery()) return problems;
    Map<PlannedResource, List<PlannedResource>> waiting = sort(toCheck, live, problems);
    if (waiting.isEmpty() || options.dryRun()) return problems;
    long start = System.nanoTime();
    Map<PlannedResource, Optional<String>> notEstablished = awaitEstablished(waiting.keySet());
    Duration left = options.timeout().minusNanos(System.nanoTime() - start);
    long deadline = System.nanoTime() + (left.compareTo(DISCOVERY_LAG) < 0 ? left : DISCOVERY_LAG).toNanos();
    waiting.forEach((crd, resources) -> {
      for (PlannedResource r : resources) {
        Optional<String> reason = notEstablished.get(crd);
        if (Thread.currentThread().isInterrupted()) {
          problems.put(r.ref(), Problem.error(r.ref(), "apiVersion", notServed(r) + ": interrupted while waiting for "
              + "CustomResourceDefinition " + crd.ref().name(), "apply again"));
        } else if (reason.isPresent()) {
          problems.put(r.ref(), Problem.error(r.ref(), "apiVersion", notServed(r) + ": " + reason.get(),
              "kubectl describe customresourcedefinition " + crd.ref().name() + " shows why, in its conditions"));
        } else {
          // A kind that discovery still does not list is not dry-run; its CRD's schema checks it all the same.
          served.awaitServed(r.apiVersion(), r.ref().kind(),
              Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), DISCOVERY_POLL);
        }
      }
    });
    return problems;
  }

  /**
   * The objects to wait for, by their CRD; the problems that need no waiting go to {@code problems}. Objects whose
   * kind is served, or whose CRD the plan does not hold or the server does not have, need nothing.
   */
  private Map<PlannedResource, List<PlannedResource>> sort(List<PlannedResource> toCheck,
      Map<ResourceRef, GenericKubernetesResource> live, Map<ResourceRef, Problem> problems) {
    Map<PlannedResource, List<PlannedResource>> waiting = new LinkedHashMap<>();
    for (PlannedResource r : toCheck) {
      Optional<PlannedResource> crd = definitions.of(r);
      GenericKubernetesResource liveCrd = crd.map(d -> live.get(d.ref())).orElse(null);
      if (liveCrd == null || served.serves(r.apiVersion(), r.ref().kind())) continue;
      JsonNode liveTree = Manifests.toTree(liveCrd);
      String crdName = crd.get().ref().name();
      Optional<String> refused = CrdStatus.namesRefused(liveTree.path("status"));
      if (CrdSchema.servedVersion(liveTree, r.version()).isEmpty()) {
        problems.put(r.ref(), SchemaProblems.versionNotServed(r, crdName));
      } else if (refused.isPresent()) {
        problems.put(r.ref(), Problem.error(r.ref(), "apiVersion", notServed(r) + ": the server refused the names "
            + "of CustomResourceDefinition " + crdName + " (" + refused.get() + ")", "choose names in spec.names "
            + "that no other CustomResourceDefinition of group " + r.ref().group() + " uses, or remove the one "
            + "that holds them"));
      } else {
        waiting.computeIfAbsent(crd.get(), d -> new ArrayList<>()).add(r);
      }
    }
    return waiting;
  }

  /** Waits for these CRDs together; for each, empty when it is Established, or why not. */
  private Map<PlannedResource, Optional<String>> awaitEstablished(Iterable<PlannedResource> crds) {
    Map<PlannedResource, Gate> gates = new LinkedHashMap<>();
    crds.forEach(crd -> gates.put(crd, Gate.of(crd.ref(), Conditions.crdEstablished())));
    // The gates of the apply report to the listener; these come before the apply starts.
    Map<Gate, Optional<String>> opened = new GateWaiter(access, options, ApplyListener.NONE)
        .awaitAll(List.copyOf(gates.values()), gates.keySet().iterator().next().apiVersion());
    Map<PlannedResource, Optional<String>> outcome = new LinkedHashMap<>();
    gates.forEach((crd, gate) -> outcome.put(crd, opened.get(gate)));
    return outcome;
  }

  private static String notServed(PlannedResource r) {
    return ServedKinds.notServed(r.apiVersion(), r.ref().kind());
  }
}
